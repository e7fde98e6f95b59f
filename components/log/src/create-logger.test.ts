import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger';

function captureLines(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger()', () => {
  it('writes one JSON line per event with name, level label, ISO time and context', () => {
    const { stream, lines } = captureLines();
    const log = createLogger({ name: 'card-features-worker', destination: stream });
    log.child({ task: '0_3' }).info({ offset: 42 }, 'checkpointed');
    const [line] = lines();
    expect(line).toMatchObject({ name: 'card-features-worker', level: 'info', task: '0_3', offset: 42, msg: 'checkpointed' });
    expect(String(line?.['time'])).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('drops events below the configured level', () => {
    const { stream, lines } = captureLines();
    const log = createLogger({ name: 'x', level: 'warn', destination: stream });
    log.info('hidden');
    log.warn('shown');
    expect(lines().map((line) => line['msg'])).toEqual(['shown']);
  });

  it('never writes credentials, at any depth it knows of or the caller names', () => {
    const { stream, lines } = captureLines();
    const log = createLogger({ name: 'x', destination: stream, redact: ['registry.auth.token'] });
    log.info(
      {
        password: 'p1',
        kafka: { sasl: { mechanism: 'plain', username: 'u', password: 'p2' }, ssl: { key: 'PEM' } },
        registry: { auth: { token: 't0k3n' } },
      },
      'config',
    );
    const text = JSON.stringify(lines());
    for (const secret of ['p1', 'p2', 'PEM', 't0k3n']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});
