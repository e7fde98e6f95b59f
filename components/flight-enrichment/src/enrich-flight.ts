import type { FlightData } from '@fp/flights';
import type { UserStatistics } from '@fp/usage-statistics';
import type { EnrichedFlightData } from './enriched-flight-data';

/**
 * The join's joiner: the flight's own fields plus the user's totals, or nulls when the user had no
 * statistics at the flight's time. Pure; the statistics' `email_address` is the join key, so it is
 * not repeated.
 */
export function enrichFlight(flight: FlightData, statistics: UserStatistics | null): EnrichedFlightData {
  return {
    email_address: flight.email_address,
    departure_time: flight.departure_time,
    departure_airport_code: flight.departure_airport_code,
    arrival_time: flight.arrival_time,
    arrival_airport_code: flight.arrival_airport_code,
    flight_number: flight.flight_number,
    confirmation: flight.confirmation,
    source: flight.source,
    total_flight_duration: statistics?.total_flight_duration ?? null,
    number_of_flights: statistics?.number_of_flights ?? null,
  };
}
