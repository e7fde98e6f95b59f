import { buildTopology, loadConfig, runFlightEnrichmentWorker } from '@fp/flight-enrichment-worker';
import { createSilentLogger } from '@fp/log';
import { createTestDriver } from '@fp/stream-runtime/testing';
import type { Kafka, Message } from 'kafkajs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { readTopic, readTopicUntil, type ReadRecord } from './support/read-topic';
import { connectTestProducer } from './support/test-producer';

const PARTITIONS = 3;
const SECOND_MS = 1_000;
const BASE_MS = Date.parse('2026-01-01T00:00:00Z');
/** Every record of the scenario is stamped before this; the closers after it. */
const SCENARIO_END_MS = BASE_MS + 10 * 60 * SECOND_MS;
const CLOSER_MS = SCENARIO_END_MS + 60 * SECOND_MS;
const EMAILS = ['ann@email.com', 'bob@email.com', 'cid@email.com', 'dee@email.com'];
/** dee never gets statistics: all her flights must come out with nulls. */
const EMAILS_WITH_STATISTICS = EMAILS.slice(0, 3);

interface Flight {
  readonly timestampMs: number;
  readonly value: {
    readonly email_address: string;
    readonly departure_time: string;
    readonly departure_airport_code: string;
    readonly arrival_time: string;
    readonly arrival_airport_code: string;
    readonly flight_number: string;
    readonly confirmation: string;
    readonly source: 'skyone' | 'sunset';
  };
  readonly partition?: number;
}
interface Statistics {
  readonly timestampMs: number;
  readonly value: {
    readonly email_address: string;
    readonly total_flight_duration: number;
    readonly number_of_flights: number;
  };
  readonly partition?: number;
}

function flight(email: string, confirmation: string, timestampMs: number, partition?: number): Flight {
  return {
    timestampMs,
    value: {
      email_address: email,
      departure_time: new Date(timestampMs).toISOString(),
      departure_airport_code: 'ATL',
      arrival_time: new Date(timestampMs + 90 * 60 * SECOND_MS).toISOString(),
      arrival_airport_code: 'DFW',
      flight_number: 'SKY17',
      confirmation,
      source: 'skyone',
    },
    ...(partition === undefined ? {} : { partition }),
  };
}
function statistics(email: string, flights: number, timestampMs: number, partition?: number): Statistics {
  return {
    timestampMs,
    value: { email_address: email, total_flight_duration: 60 * flights, number_of_flights: flights },
    ...(partition === undefined ? {} : { partition }),
  };
}

/**
 * 40 flights every 13 s over four users, and a new statistics version per user every 30 s: many
 * flights fall between versions, some exactly on one. Plus the named cases the test checks by hand.
 */
function scenario() {
  const flights = Array.from({ length: 40 }, (_, n) =>
    flight(EMAILS[n % EMAILS.length] ?? '', `GEN${n}`, BASE_MS + (n + 1) * 13 * SECOND_MS),
  );
  // In time order, as the statistics job writes them. Grouped by user instead, a partition holding
  // two users would carry the second one's versions after the first one's later ones: late under
  // the monotonous watermark, and whether flights were joined before they arrived would depend on
  // how the broker's fetches interleave the two topics (seen once: all of cid's flights with nulls).
  const versions = EMAILS_WITH_STATISTICS.flatMap((email, i) =>
    Array.from({ length: 18 }, (_, n) => statistics(email, n + 1, BASE_MS + i * SECOND_MS + (n + 1) * 30 * SECOND_MS)),
  ).sort((a, b) => a.timestampMs - b.timestampMs);
  // ann: versions at 30 s (1 flight) and 60 s (2). EARLY flies before any version, BETWEEN at 45 s,
  // ON exactly at the 60 s version.
  const named = [
    flight('ann@email.com', 'EARLY', BASE_MS + 5 * SECOND_MS),
    flight('ann@email.com', 'BETWEEN', BASE_MS + 45 * SECOND_MS),
    flight('ann@email.com', 'ON', BASE_MS + 60 * SECOND_MS),
  ];
  return { flights: [...flights, ...named], versions };
}

/** One record per partition of both inputs, stamped after the scenario: the watermark passes all of it. */
function closers() {
  const partitions = Array.from({ length: PARTITIONS }, (_, partition) => partition);
  return {
    flights: partitions.map((partition) => flight('closer@email.com', `CLOSE${partition}`, CLOSER_MS, partition)),
    versions: partitions.map((partition) => statistics('closer@email.com', 1, CLOSER_MS, partition)),
  };
}

async function produce(kafka: Kafka, topic: string, messages: Message[]) {
  const producer = await connectTestProducer(kafka);
  await producer.send(topic, messages);
  await producer.disconnect();
}
const flightMessage = ({ value, timestampMs, partition }: Flight): Message => ({
  key: JSON.stringify({ confirmation: value.confirmation }),
  value: JSON.stringify(value),
  timestamp: String(timestampMs),
  ...(partition === undefined ? {} : { partition }),
});
const statisticsMessage = ({ value, timestampMs, partition }: Statistics): Message => ({
  key: JSON.stringify({ email_address: value.email_address }),
  value: JSON.stringify(value),
  timestamp: String(timestampMs),
  ...(partition === undefined ? {} : { partition }),
});

interface Enriched {
  readonly key: { readonly confirmation: string };
  readonly value: Flight['value'] & {
    readonly total_flight_duration: number | null;
    readonly number_of_flights: number | null;
  };
}
const decode = ({ key, value }: ReadRecord): Enriched => ({
  key: JSON.parse(String(key)) as Enriched['key'],
  value: JSON.parse(String(value)) as Enriched['value'],
});
const canonical = (records: readonly Enriched[]) => records.map((record) => JSON.stringify(record)).sort();
const isScenario = ({ value }: Enriched) => !value.confirmation.startsWith('CLOSE');

describe('flight enrichment pipeline (flight-enrichment-worker, real broker)', () => {
  let kafka: Kafka;
  let stateDir: string;
  const topics = {
    flightdata: uniqueName('flightdata'),
    userstatistics: uniqueName('userstatistics'),
  };
  let bounded: Enriched[] = [];

  beforeAll(async () => {
    kafka = testKafkaClient();
    stateDir = await mkdtemp(join(tmpdir(), 'pipelines-flight-enrichment-'));
    await createTestTopics(kafka, { [topics.flightdata]: PARTITIONS, [topics.userstatistics]: PARTITIONS });
    const input = scenario();
    const close = closers();
    await produce(kafka, topics.userstatistics, [...input.versions, ...close.versions].map(statisticsMessage));
    await produce(kafka, topics.flightdata, [...input.flights, ...close.flights].map(flightMessage));
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  function configFor(mode: 'bounded' | 'streaming') {
    const output = uniqueName('flightdata_enriched');
    const config = loadConfig({
      KAFKA_BROKERS: testBrokers().join(','),
      FLIGHTDATA_TOPIC: topics.flightdata,
      USERSTATISTICS_TOPIC: topics.userstatistics,
      ENRICHED_TOPIC: output,
      DEAD_LETTER_TOPIC: uniqueName('dlq'),
      APPLICATION_ID: uniqueName('flight-enrichment'),
      STATE_DIR: stateDir,
      HTTP_PORT: '0',
      MODE: mode,
      COMMIT_INTERVAL_MS: '500',
    });
    return { output, config };
  }

  it('bounded: writes what the test driver computes, each flight with the statistics of its own time', async () => {
    const { output, config } = configFor('bounded');
    await createTestTopics(kafka, { [output]: PARTITIONS });

    const summary = await (await runFlightEnrichmentWorker(config, { log: createSilentLogger() })).done;

    const driver = createTestDriver(buildTopology(config), { partitions: PARTITIONS });
    const input = scenario();
    const close = closers();
    for (const { value, timestampMs } of [...input.versions, ...close.versions])
      driver.pipe(topics.userstatistics, { email_address: value.email_address }, value, timestampMs);
    for (const { value, timestampMs } of [...input.flights, ...close.flights])
      driver.pipe(topics.flightdata, { confirmation: value.confirmation }, value, timestampMs);
    driver.endInput();
    const expected = driver.output(output).map(({ key, value }) => JSON.stringify({ key, value }));
    // Every flight once: 43 + one closer per partition.
    expect(expected).toHaveLength(input.flights.length + PARTITIONS);

    bounded = (await readTopic(kafka, output, expected.length)).map(decode);
    expect(canonical(bounded)).toEqual([...expected].sort());
    expect(summary).toMatchObject({ mode: 'bounded', lateRecords: 0, deadLetteredRecords: 0 });

    const byConfirmation = new Map(bounded.map(({ value }) => [value.confirmation, value]));
    // Before ann's first version: nulls. Between 30 s and 60 s: the 30 s version, though the 60 s one
    // (and sixteen more) were in Kafka before the run started. Exactly at 60 s: that version.
    expect(byConfirmation.get('EARLY')).toMatchObject({ total_flight_duration: null, number_of_flights: null });
    expect(byConfirmation.get('BETWEEN')).toMatchObject({ total_flight_duration: 60, number_of_flights: 1 });
    expect(byConfirmation.get('ON')).toMatchObject({ total_flight_duration: 120, number_of_flights: 2 });
    const dees = bounded.filter(({ value }) => value.email_address === 'dee@email.com');
    expect(dees).toHaveLength(10);
    expect(dees.every(({ value }) => value.total_flight_duration === null && value.number_of_flights === null)).toBe(
      true,
    );
    // GEN36 is ann's, 1 s after her 480 s version (16 flights): the newest version at or before it.
    expect(byConfirmation.get('GEN36')).toMatchObject({ email_address: 'ann@email.com', number_of_flights: 16 });
  });

  it('streaming: the same input gives the bounded result for every flight the watermark has passed', async () => {
    expect(bounded.length).toBeGreaterThan(0); // the bounded test ran first and left its result
    const { output, config } = configFor('streaming');
    await createTestTopics(kafka, { [output]: PARTITIONS });
    const expected = canonical(bounded.filter(isScenario));

    const worker = await runFlightEnrichmentWorker(config, { log: createSilentLogger() });
    const written = await readTopicUntil(kafka, output, (records) => {
      const seen = new Set(canonical(records.map(decode)));
      return expected.every((record) => seen.has(record));
    });
    const summary = await worker.stop();

    // At least once: a record may repeat, but every scenario flight has exactly the bounded result.
    expect([...new Set(canonical(written.map(decode).filter(isScenario)))].sort()).toEqual(expected);
    // The closers are at the watermark's edge: not passed yet, so not emitted.
    expect(written.map(decode).filter((record) => !isScenario(record))).toEqual([]);
    expect(summary).toMatchObject({ mode: 'streaming', lateRecords: 0, deadLetteredRecords: 0 });
  });
});
