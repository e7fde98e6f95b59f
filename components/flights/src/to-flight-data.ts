import type { FlightData } from './flight-data';
import type { SkyOneAirlinesFlightData } from './sky-one-airlines-flight-data';
import type { SunsetAirFlightData } from './sunset-air-flight-data';

/** A SkyOne booking as `FlightData`; times pass through unchanged. */
export function skyOneToFlightData(flight: SkyOneAirlinesFlightData): FlightData {
  return {
    email_address: flight.email_address,
    departure_time: flight.flight_departure_time,
    departure_airport_code: flight.iata_departure_code,
    arrival_time: flight.flight_arrival_time,
    arrival_airport_code: flight.iata_arrival_code,
    flight_number: flight.flight_number,
    confirmation: flight.confirmation,
    source: 'skyone',
  };
}

/** A Sunset Air booking as `FlightData`; times pass through unchanged. */
export function sunsetToFlightData(flight: SunsetAirFlightData): FlightData {
  return {
    email_address: flight.customer_email_address,
    departure_time: flight.departure_time,
    departure_airport_code: flight.departure_airport,
    arrival_time: flight.arrival_time,
    arrival_airport_code: flight.arrival_airport,
    flight_number: flight.flight_id,
    confirmation: flight.reference_number,
    source: 'sunset',
  };
}
