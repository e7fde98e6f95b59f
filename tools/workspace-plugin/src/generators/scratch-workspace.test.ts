import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Runs the generators the way a data scientist does, through the Nx CLI, in a scratch copy of
 * this workspace (tracked and new files plus node_modules), then runs the targets CI runs.
 */
const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

const SCRATCH_ENV = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_SKIP_NX_CACHE: 'true',
  // Plain text output, so assertions on it do not depend on the terminal.
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};

async function copyWorkspace(): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'fp-scratch-workspace-'));
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
  });
  for (const file of listed.split('\0').filter(Boolean)) {
    const from = join(WORKSPACE_ROOT, file);
    const to = join(scratch, file);
    mkdirSync(dirname(to), { recursive: true });
    try {
      cpSync(from, to);
    } catch (error) {
      // Files deleted but not yet staged are still listed by git; they are not part of the workspace.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  // In a child process: a synchronous copy of node_modules blocks the event loop for tens of seconds
  // on a busy machine, long enough for vitest's worker RPC to time out. -P keeps symlinks as they are.
  const copied = await run(WORKSPACE_ROOT, 'cp', [
    '-RP',
    join(WORKSPACE_ROOT, 'node_modules'),
    join(scratch, 'node_modules'),
  ]);
  if (copied.status !== 0) throw new Error(`copying node_modules failed:\n${copied.output}`);
  return scratch;
}

interface RunResult {
  readonly status: number;
  readonly output: string;
  readonly stderr: string;
}

/** Asynchronous on purpose: a blocked event loop starves vitest's worker RPC during long runs. */
function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = SCRATCH_ENV): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolvePromise({ status, output: `${stdout}\n${stderr}`, stderr });
    });
  });
}

async function runOrFail(cwd: string, args: string[]): Promise<string> {
  const { status, output } = await run(cwd, 'npx', args);
  if (status !== 0) {
    throw new Error(`npx ${args.join(' ')} exited with ${String(status)}:\n${output}`);
  }
  return output;
}

describe('generators in a scratch copy of the workspace', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await copyWorkspace();
    await runOrFail(scratch, [
      'nx',
      'g',
      '@fp/workspace-plugin:component',
      'scratch-brick',
      '--layer=core',
      '--description=Scratch brick.',
    ]);
    await runOrFail(scratch, ['nx', 'g', '@fp/workspace-plugin:base', 'scratch-worker']);
    await runOrFail(scratch, ['nx', 'g', '@fp/workspace-plugin:project', 'scratch-pipeline', '--base=scratch-worker']);
    await runOrFail(scratch, ['nx', 'g', '@fp/workspace-plugin:pipeline', 'scratch-views']);
  });

  afterAll(async () => {
    // Asynchronous for the same reason as the copy: removing node_modules takes a while.
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('links the new bricks into node_modules and the lockfile, so npm ci keeps working', () => {
    const lock = JSON.parse(readFileSync(join(scratch, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    expect(lock.packages['node_modules/@fp/scratch-brick']).toMatchObject({
      link: true,
      resolved: 'components/scratch-brick',
    });
    expect(lock.packages['node_modules/@fp/scratch-worker']).toMatchObject({
      link: true,
      resolved: 'bases/scratch-worker',
    });
  });

  it('generates bricks that pass lint, typecheck and their own tests at once', async () => {
    const output = await runOrFail(scratch, [
      'nx',
      'run-many',
      '-t',
      'lint',
      'typecheck',
      'test',
      '-p',
      'scratch-brick',
      'scratch-worker',
      'scratch-views',
      'scratch-views-worker',
    ]);
    expect(output).toMatch(/Successfully ran targets lint, typecheck, test for 4 projects/);
  });

  it('tags the generated pipeline kind:pipeline, for nx show projects and poly info', async () => {
    const output = await runOrFail(scratch, ['nx', 'show', 'projects', '--projects', 'tag:kind:pipeline', '--json']);
    const pipelineProjects = JSON.parse(output.slice(output.indexOf('['), output.lastIndexOf(']') + 1)) as string[];
    expect(pipelineProjects).toEqual(
      expect.arrayContaining(['scratch-views', 'scratch-views-worker', 'scratch-views-pipeline']),
    );
    expect(pipelineProjects).not.toContain('scratch-brick');
  });

  it('fails lint when a component imports a base (Polylith boundary)', async () => {
    const illegalFile = join(scratch, 'components/scratch-brick/src/illegal.ts');
    writeFileSync(
      illegalFile,
      "import { loadConfig } from '@fp/scratch-worker';\n\nexport const illegal = loadConfig;\n",
    );
    const { status, output } = await run(scratch, 'npx', ['nx', 'run', 'scratch-brick:lint']);
    unlinkSync(illegalFile);
    expect(status).not.toBe(0);
    expect(output).toContain('@nx/enforce-module-boundaries');
    expect(output).toMatch(/tagged with "type:component" can only depend on libs tagged with "type:component"/);
  });

  it('makes a new component importable by a base at once', async () => {
    writeFileSync(
      join(scratch, 'bases/scratch-worker/src/uses-brick.ts'),
      "import { ScratchBrickError } from '@fp/scratch-brick';\n\nexport const errorName = ScratchBrickError.name;\n",
    );
    const packageJsonPath = join(scratch, 'bases/scratch-worker/package.json');
    const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { dependencies: Record<string, string> };
    packageJson.dependencies['@fp/scratch-brick'] = '*';
    writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
    await runOrFail(scratch, ['nx', 'sync']);
    await runOrFail(scratch, ['nx', 'run-many', '-t', 'lint', 'typecheck', '-p', 'scratch-worker']);
  });

  it('bundles the project into one file that runs with plain node', async () => {
    await runOrFail(scratch, ['nx', 'run', 'scratch-pipeline:bundle']);
    const bundle = join(scratch, 'dist/projects/scratch-pipeline/main.cjs');
    const started = await run(scratch, 'node', [bundle], { ...process.env, LOG_LEVEL: 'loud' });
    // A bad variable must stop the bundled process at start with the variable named.
    expect(started.status).toBe(1);
    expect(started.stderr).toMatch(/^scratch-worker failed: /m);
    expect(started.stderr).toMatch(/LOG_LEVEL: /);
    // Every bad variable at once: the worker's own (INPUT_TOPIC) and a shared one (LOG_LEVEL).
    const twoBad = await run(scratch, 'node', [bundle], {
      ...process.env,
      LOG_LEVEL: 'loud',
      INPUT_TOPIC: 'bad topic!',
    });
    expect(twoBad.status).toBe(1);
    expect(twoBad.stderr).toMatch(/LOG_LEVEL: /);
    expect(twoBad.stderr).toMatch(/INPUT_TOPIC: .*\(expected a Kafka topic name\)/);
  });

  it('writes the worker image with the classic-level version of the lockfile', () => {
    const lock = JSON.parse(readFileSync(join(scratch, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const version = lock.packages['node_modules/classic-level']?.version;
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const dockerfile = readFileSync(join(scratch, 'projects/scratch-pipeline/Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`classic-level@${String(version)} && npm cache clean --force`);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "--max-semi-space-size=32", "--enable-source-maps", "main.cjs"]');
  });
});
