import {
  checkKafkaConnection,
  createKafkaClient,
  describeConnection,
  KafkaConnectionError,
} from '@fp/kafka-connection';
import { createLogger } from '@fp/log';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTestTopics, testBrokers, testKafkaClient, uniqueName } from './support/kafka';

const PASSWORD = 'Real-Broker-S3cret!';

function capture(): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { lines, log: createLogger({ name: 'connection-test', level: 'debug', destination }) };
}

function chain(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    parts.push(current.message, String(current.stack), JSON.stringify(current));
  }
  return parts.join('\n');
}

describe('kafka connection against a real broker', () => {
  it('connects and logs through @fp/log', async () => {
    const { lines, log } = capture();
    const options = { brokers: testBrokers(), clientId: uniqueName('conn') };
    const admin = createKafkaClient(options, log).admin();
    await admin.connect();
    expect(await admin.listTopics()).toEqual(expect.any(Array));
    await admin.disconnect();
    expect(lines.some((line) => line.includes('"kafkajs"'))).toBe(true);
    expect(JSON.stringify(describeConnection(options))).toContain(options.clientId);
  });

  it('never shows the SASL password when authentication against a plaintext broker fails', async () => {
    const { lines, log } = capture();
    const options = {
      brokers: testBrokers(),
      clientId: uniqueName('conn-sasl'),
      sasl: { mechanism: 'scram-sha-256' as const, username: 'svc-features', password: PASSWORD },
      retries: 0,
    };
    log.info({ connection: describeConnection(options) }, 'connecting');
    const admin = createKafkaClient(options, log).admin();
    const failure = await admin.connect().then(
      () => undefined,
      (error: unknown) => error,
    );
    await admin.disconnect();
    expect(failure).toBeInstanceOf(Error);
    expect(lines.length).toBeGreaterThan(1);
    // @fp/log redacts the whole `sasl` field; the client id still says who failed.
    expect(lines.join('\n')).toContain(options.clientId);
    expect(chain(failure)).toMatch(/sasl/i);
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(chain(failure)).not.toContain(PASSWORD);
  });

  it('names a broker nobody answers on: unreachable, within the time given, listing the brokers', async () => {
    // Port 1 on the loopback: nothing listens there, so every attempt is refused at once.
    const brokers = ['127.0.0.1:1', 'no-such-broker.invalid:9092'];
    const failure = await checkKafkaConnection(
      { brokers, clientId: uniqueName('conn-unreachable') },
      { timeoutMs: 2_000 },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KafkaConnectionError);
    expect(failure).toMatchObject({ code: 'KAFKA_CONNECTION_UNREACHABLE', domain: 'external' });
    expect((failure as Error).message).toContain('127.0.0.1:1, no-such-broker.invalid:9092');
    expect((failure as Error).message).toContain('within 2000 ms');
  });

  it('lists every missing input topic, and passes once they exist', async () => {
    const kafka = testKafkaClient();
    const present = uniqueName('present');
    const missing = [uniqueName('missing-a'), uniqueName('missing-b')];
    await createTestTopics(kafka, { [present]: 1 });
    const connection = { brokers: testBrokers(), clientId: uniqueName('conn-topics') };
    const failure = await checkKafkaConnection(connection, { topics: [present, ...missing] }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'KAFKA_CONNECTION_TOPIC_MISSING' });
    expect((failure as Error).message).toContain(`${missing[0]}, ${missing[1]};`);
    expect((failure as Error).message).not.toContain(present);
    await createTestTopics(kafka, { [missing[0] as string]: 1, [missing[1] as string]: 1 });
    await expect(checkKafkaConnection(connection, { topics: [present, ...missing] })).resolves.toBeUndefined();
  });

  it('names SASL credentials the broker does not accept: authentication failed, never quoting the password', async () => {
    const failure = await checkKafkaConnection(
      {
        brokers: testBrokers(),
        clientId: uniqueName('conn-sasl-check'),
        sasl: { mechanism: 'plain', username: 'svc-features', password: PASSWORD },
      },
      { timeoutMs: 10_000 },
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'KAFKA_CONNECTION_AUTHENTICATION_FAILED' });
    expect((failure as Error).message).toContain('as svc-features (SASL plain)');
    expect(chain(failure)).not.toContain(PASSWORD);
  });
});
