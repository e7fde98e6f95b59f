import type { SourceTransaction } from '@fp/card-transactions';
import { createFlightGenerator } from '@fp/flight-datagen';
import { flightRefKeySerde, skyOneAirlinesFlightDataSchema, sunsetAirFlightDataSchema } from '@fp/flights';
import type { SinkRecord } from '@fp/kafka-sink';
import { jsonSerde, type Serde } from '@fp/serdes';
import { createTransactionGenerator } from '@fp/transaction-datagen';

/** Makes the next record as if the time were `atMs` (its event time and Kafka timestamp). */
export type RecordFeed = (atMs: number) => SinkRecord;

/**
 * SkyOne and Sunset bookings, alternating, JSON with key `{"ref": ...}`. The generator's clock is
 * the feed's `atMs`, so a backfill makes the flights a producer would have made back then.
 */
export function flightFeed(options: {
  readonly seed: number;
  readonly topics: { readonly skyone: string; readonly sunset: string };
}): RecordFeed {
  let clockMs = 0;
  const generator = createFlightGenerator({ seed: options.seed, now: () => clockMs });
  const skyOne = jsonSerde(skyOneAirlinesFlightDataSchema);
  const sunset = jsonSerde(sunsetAirFlightDataSchema);
  let isSkyOneNext = true;
  return (atMs) => {
    clockMs = atMs;
    const fromSkyOne = isSkyOneNext;
    isSkyOneNext = !isSkyOneNext;
    if (fromSkyOne) {
      const { key, value } = generator.nextSkyOne();
      return {
        topic: options.topics.skyone,
        key: flightRefKeySerde.serialize(key),
        value: skyOne.serialize(value),
        timestampMs: atMs,
      };
    }
    const { key, value } = generator.nextSunset();
    return {
      topic: options.topics.sunset,
      key: flightRefKeySerde.serialize(key),
      value: sunset.serialize(value),
      timestampMs: atMs,
    };
  };
}

/**
 * Card transactions with `datetime = atMs`, no key (as Hopsworks' simulator), encoded with
 * `serde` (Confluent-framed through the registry, or raw Avro).
 */
export function transactionFeed(options: {
  readonly seed: number;
  readonly topic: string;
  readonly serde: Serde<SourceTransaction>;
}): RecordFeed {
  let clockMs = 0;
  const generator = createTransactionGenerator({ seed: options.seed, now: () => clockMs });
  return (atMs) => {
    clockMs = atMs;
    return { topic: options.topic, key: null, value: options.serde.serialize(generator.next()), timestampMs: atMs };
  };
}
