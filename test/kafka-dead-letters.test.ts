import { createDeadLetterHandler, type SourceRecord } from '@fp/dead-letters';
import { PipelineError } from '@fp/errors';
import { createKafkaSink } from '@fp/kafka-sink';
import { createBoundedKafkaSource, type RawRecord } from '@fp/kafka-source';
import { describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';
import { connectTestProducer } from './support/test-producer';

const connection = () => ({ brokers: testBrokers(), clientId: uniqueName('dlq-test') });

/** Stand-ins for @fp/serdes (written in parallel): same codes, domain `data`. */
function decodeJson(record: SourceRecord): { amount: number } {
  try {
    return JSON.parse(String(record.value)) as { amount: number };
  } catch (error) {
    throw new PipelineError('SERDES_JSON_SYNTAX', (error as Error).message, { domain: 'data', cause: error });
  }
}

/** Confluent framing: magic byte 0, 4-byte schema id, then the Avro body. */
function decodeFramed(record: SourceRecord): number {
  const bytes = record.value ?? Buffer.alloc(0);
  if (bytes.length < 5) {
    throw new PipelineError('SERDES_AVRO_TRUNCATED', `${bytes.length} bytes, need at least 5 for the header`, {
      domain: 'data',
    });
  }
  if (bytes[0] !== 0) {
    throw new PipelineError('SERDES_AVRO_WRONG_MAGIC_BYTE', `magic byte ${bytes[0]}, expected 0`, { domain: 'data' });
  }
  return bytes.readInt32BE(1);
}

async function readAll(topic: string): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  await createBoundedKafkaSource({
    connection: connection(),
    topics: [topic],
    handler: async (batch) => {
      records.push(...batch.records);
    },
  }).run();
  return records;
}

const header = (record: RawRecord, name: string) => {
  const value = record.headers[name];
  return value === undefined ? undefined : String(value);
};

describe('dead-lettering bad records against a real broker', () => {
  it('writes the original bytes and headers plus fp-* error headers, and counts every outcome', async () => {
    const input = uniqueName('payments');
    const dlq = uniqueName('payments-dlq');
    const kafka = testKafkaClient();
    await createTestTopics(kafka, { [input]: 1, [dlq]: 1 });
    const producer = await connectTestProducer(kafka);
    await producer.send(input, [
      { key: 'card-1', value: '{"amount": 12.5}' },
      { key: 'card-2', value: '{"amount": 12.', headers: { traceparent: '00-trace-01' } }, // JSON syntax error
      { key: 'card-3', value: '{"amount": 3}' },
    ]);
    await producer.disconnect();

    const sink = createKafkaSink({ connection: connection() });
    const handler = createDeadLetterHandler({ policy: 'dead-letter', deadLetterTopic: dlq, sink });
    const decoded: { amount: number }[] = [];
    await createBoundedKafkaSource({
      connection: connection(),
      topics: [input],
      handler: async (batch) => {
        for (const record of batch.records) {
          const outcome = handler.decodeOrDeadLetter(record, decodeJson, 'decode-payments');
          if (outcome.isDecoded) decoded.push(outcome.value);
        }
      },
    }).run();
    await sink.close();

    expect(decoded).toEqual([{ amount: 12.5 }, { amount: 3 }]);
    expect(handler.counts()).toEqual({ decoded: 2, skipped: 0, deadLettered: 1, failed: 0 });
    const [letter, ...others] = await readAll(dlq);
    expect(others).toEqual([]);
    expect(String(letter?.key)).toBe('card-2');
    expect(letter?.value?.equals(Buffer.from('{"amount": 12.'))).toBe(true);
    expect(Object.keys(letter?.headers ?? {}).sort()).toEqual([
      'fp-error-code',
      'fp-error-message',
      'fp-source-offset',
      'fp-source-partition',
      'fp-source-topic',
      'fp-step',
      'traceparent',
    ]);
    const record = letter as RawRecord;
    expect(header(record, 'fp-error-code')).toBe('SERDES_JSON_SYNTAX');
    expect(header(record, 'fp-error-message')).toMatch(/JSON|Unexpected|Expected/);
    expect(header(record, 'fp-source-topic')).toBe(input);
    expect(header(record, 'fp-source-partition')).toBe('0');
    expect(header(record, 'fp-source-offset')).toBe('1');
    expect(header(record, 'fp-step')).toBe('decode-payments');
    expect(header(record, 'traceparent')).toBe('00-trace-01');
  });

  it('dead-letters truncated and garbage binary payloads byte for byte, and skip/fail policies behave as named', async () => {
    const input = uniqueName('framed');
    const dlq = uniqueName('framed-dlq');
    const kafka = testKafkaClient();
    await createTestTopics(kafka, { [input]: 1, [dlq]: 1 });
    const good = Buffer.from([0, 0, 0, 0, 7, 2, 4]);
    const truncated = Buffer.from([0, 0, 0]);
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x42]);
    const producer = await connectTestProducer(kafka);
    await producer.send(
      input,
      [good, truncated, garbage].map((value) => ({ key: null, value })),
    );
    await producer.disconnect();

    const read = async (onRecord: (record: RawRecord) => void) => {
      await createBoundedKafkaSource({
        connection: connection(),
        topics: [input],
        handler: async (batch) => batch.records.forEach(onRecord),
      }).run();
    };

    const sink = createKafkaSink({ connection: connection() });
    const deadLetter = createDeadLetterHandler({ policy: 'dead-letter', deadLetterTopic: dlq, sink });
    await read((record) => deadLetter.decodeOrDeadLetter(record, decodeFramed));
    await sink.close();
    const letters = await readAll(dlq);
    expect(
      letters.map((r) => [r.value?.toString('hex'), header(r, 'fp-error-code'), header(r, 'fp-source-offset')]),
    ).toEqual([
      [truncated.toString('hex'), 'SERDES_AVRO_TRUNCATED', '1'],
      [garbage.toString('hex'), 'SERDES_AVRO_WRONG_MAGIC_BYTE', '2'],
    ]);
    expect(letters.every((r) => r.key === null && header(r, 'fp-step') === undefined)).toBe(true);

    const skip = createDeadLetterHandler({ policy: 'skip' });
    const schemaIds: number[] = [];
    await read((record) => {
      const outcome = skip.decodeOrDeadLetter(record, decodeFramed);
      if (outcome.isDecoded) schemaIds.push(outcome.value);
    });
    expect(schemaIds).toEqual([7]);
    expect(skip.counts()).toEqual({ decoded: 1, skipped: 2, deadLettered: 0, failed: 0 });

    const fail = createDeadLetterHandler();
    await expect(
      read((record) => fail.decodeOrDeadLetter(record, decodeFramed, 'decode-framed')),
    ).rejects.toMatchObject({
      code: 'KAFKA_SOURCE_HANDLER_FAILED',
      cause: {
        code: 'DEAD_LETTERS_RECORD_FAILED',
        domain: 'data',
        topic: input,
        partition: 0,
        offset: '1',
        stepName: 'decode-framed',
      },
    });
  });
});
