import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * How containers run on our machines (podman without a Docker engine, inside a container): runc,
 * since crun cannot set up the default resource limits here, and limits the outer container allows.
 */
const RUNTIME_FLAGS = ['--runtime', 'runc'];
const LIMIT_FLAGS = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];
/** podman answers in well under a second when idle; under load a run or stop takes several. */
const PODMAN_TIMEOUT_MS = 120_000;

export async function podman(...args: string[]): Promise<string> {
  const { stdout } = await run('podman', [...RUNTIME_FLAGS, ...args], {
    timeout: PODMAN_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

export interface ContainerSpec {
  readonly image: string;
  readonly name: string;
  readonly env: Record<string, string>;
  /** A named volume and where it is mounted. */
  readonly volume?: { readonly name: string; readonly path: string };
}

/** Starts a detached container on the host network, so it reaches the native broker on 127.0.0.1. */
export async function runContainer(spec: ContainerSpec): Promise<void> {
  const env = Object.entries(spec.env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
  const volume = spec.volume === undefined ? [] : ['--volume', `${spec.volume.name}:${spec.volume.path}`];
  await podman(
    'run',
    '--detach',
    '--name',
    spec.name,
    '--network',
    'host',
    ...LIMIT_FLAGS,
    ...env,
    ...volume,
    spec.image,
  );
}

/** Stops with SIGTERM (SIGKILL only after `graceSeconds`) and returns the exit code. */
export async function stopContainer(name: string, graceSeconds: number): Promise<number> {
  await podman('stop', '--time', String(graceSeconds), name);
  return Number(await podman('inspect', '--format', '{{.State.ExitCode}}', name));
}

/** Removes containers and volumes, whether or not they exist. */
export async function removeAll(containers: readonly string[], volumes: readonly string[]): Promise<void> {
  if (containers.length > 0) await podman('rm', '--force', '--ignore', ...containers);
  for (const volume of volumes) await podman('volume', 'rm', '--force', volume).catch(() => undefined);
}
