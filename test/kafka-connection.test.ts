import { createKafkaClient, describeConnection } from '@fp/kafka-connection';
import { createLogger } from '@fp/log';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { testBrokers, uniqueName } from './support/kafka';

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
});
