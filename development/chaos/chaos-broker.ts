import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SERVICES = fileURLToPath(new URL('../../tools/local-services/services.sh', import.meta.url));
/** Start and restart each take seconds to a minute on a busy 2-core machine: the JVM start dominates. */
const SERVICES_TIMEOUT_MS = 300_000;

/** A broker of the chaos run's own (services.sh in a run directory of its own), so restarting it disturbs nobody. */
export interface ChaosBroker {
  readonly brokers: string;
  readonly runDir: string;
  /** `services.sh restart-kafka`: graceful stop and start on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startChaosBroker(): Promise<ChaosBroker> {
  const runDir = await mkdtemp(join(tmpdir(), 'chaos-broker-'));
  const services = (...args: string[]) =>
    run('bash', [SERVICES, ...args], {
      env: { ...process.env, LOCAL_SERVICES_RUN_DIR: runDir },
      timeout: SERVICES_TIMEOUT_MS,
    });
  const { stdout } = await services('start', 'kafka');
  const brokers = /KAFKA_BROKERS=(\S+)/.exec(stdout)?.[1];
  if (brokers === undefined) throw new Error(`services.sh start printed no KAFKA_BROKERS:\n${stdout}`);
  return {
    brokers,
    runDir,
    restart: async () => {
      await services('restart-kafka');
    },
    stop: async () => {
      await services('stop');
      await rm(runDir, { recursive: true, force: true });
    },
  };
}
