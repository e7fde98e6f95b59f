import { createLogger } from '@fp/log';
import { logLevel } from 'kafkajs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createKafkaClient, describeKafkaFailure, levelForKafkaLog } from './create-kafka-client';
import { KafkaConnectionError } from './errors';

const PASSWORD = 'Sup3r-Secret-Pa55';

function memoryLogger(): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { lines, log: createLogger({ name: 'test', level: 'debug', destination }) };
}

function errorChainText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message, String(current.stack));
    current = current.cause;
  }
  return parts.join('\n');
}

describe('levelForKafkaLog()', () => {
  it('downgrades retriable coordinator errors to warnings', () => {
    expect(
      levelForKafkaLog(logLevel.ERROR, 'Response FindCoordinator', { error: 'The group coordinator is not available' }),
    ).toBe('warn');
  });

  it('keeps other errors at error level', () => {
    expect(levelForKafkaLog(logLevel.ERROR, 'Crash', { error: 'Number of retries exceeded' })).toBe('error');
  });

  it('maps kafkajs info and debug to ours', () => {
    expect(levelForKafkaLog(logLevel.INFO, 'Consumer has joined the group', {})).toBe('info');
    expect(levelForKafkaLog(logLevel.DEBUG, 'Request Metadata', {})).toBe('debug');
  });
});

describe('createKafkaClient()', () => {
  it('rejects invalid options before creating a client', () => {
    expect(() => createKafkaClient({ brokers: [], clientId: 'c' })).toThrow(KafkaConnectionError);
  });

  it('keeps the SASL password out of every log line and error when the connection fails', async () => {
    const { lines, log } = memoryLogger();
    const options = {
      // Port 1 is closed on any sane machine: the connection is refused at once.
      brokers: ['127.0.0.1:1'],
      clientId: 'leak-check',
      sasl: { mechanism: 'plain' as const, username: 'svc', password: PASSWORD },
      connectionTimeoutMs: 500,
      retries: 0,
    };
    const admin = createKafkaClient(options, log).admin();
    const failure = await admin.connect().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(errorChainText(failure)).not.toContain(PASSWORD);
    expect(describeKafkaFailure(failure, options)).not.toContain(PASSWORD);
  });
});

describe('describeKafkaFailure()', () => {
  it('names the error and redacts a secret echoed in it', () => {
    const options = {
      brokers: ['k:1'],
      clientId: 'c',
      sasl: { mechanism: 'plain' as const, username: 'u', password: PASSWORD },
    };
    expect(describeKafkaFailure(new Error(`bad ${PASSWORD}`), options)).toBe('Error: bad [redacted]');
  });
});
