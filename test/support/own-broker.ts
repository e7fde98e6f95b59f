import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { splitBrokers } from './services';

const run = promisify(execFile);
const SERVICES = fileURLToPath(new URL('../../tools/local-services/services.sh', import.meta.url));
/** Start, restart and stop each take a few seconds on 2 cores; the JVM start dominates. */
const SERVICES_TIMEOUT_MS = 120_000;

/** A single-node broker of this test's own, which it may restart without disturbing other tests. */
export interface OwnBroker {
  readonly brokers: string[];
  /** Graceful stop and start on the same port and data; resolves when the broker answers again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a broker with `tools/local-services/services.sh` in a run directory of its own. */
export async function startOwnBroker(): Promise<OwnBroker> {
  const runDir = await mkdtemp(join(tmpdir(), 'own-broker-'));
  const services = (command: string) =>
    run('bash', [SERVICES, command, ...(command === 'restart-kafka' ? [] : ['kafka'])], {
      env: { ...process.env, LOCAL_SERVICES_RUN_DIR: runDir },
      timeout: SERVICES_TIMEOUT_MS,
    });
  const { stdout } = await services('start');
  const brokers = /KAFKA_BROKERS=(\S+)/.exec(stdout)?.[1];
  if (brokers === undefined) throw new Error(`services.sh start printed no KAFKA_BROKERS:\n${stdout}`);
  return {
    brokers: splitBrokers(brokers),
    restart: async () => {
      await services('restart-kafka');
    },
    stop: async () => {
      await services('stop');
      await rm(runDir, { recursive: true, force: true });
    },
  };
}
