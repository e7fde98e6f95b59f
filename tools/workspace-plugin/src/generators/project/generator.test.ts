import { readJson, writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { baseGenerator } from '../base/generator';
import { projectGenerator } from './generator';

/** A lockfile as npm writes it, with classic-level at a version no real Dockerfile has, so nothing is hard-coded. */
function writeLockfile(tree: Tree, classicLevelVersion: string): void {
  writeJson(tree, 'package-lock.json', {
    name: '@proj/source',
    lockfileVersion: 3,
    packages: {
      '': { name: '@proj/source' },
      'node_modules/classic-level': { version: classicLevelVersion, hasInstallScript: true },
    },
  });
}

describe('project generator', () => {
  let tree: Tree;

  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    writeLockfile(tree, '9.8.7');
    await baseGenerator(tree, { name: 'card-features-worker', skipInstall: true });
    await baseGenerator(tree, { name: 'backfill-cli', skipInstall: true });
  });

  it('creates a source-free project that bundles its base', async () => {
    await projectGenerator(tree, { name: 'card-features-pipeline', base: 'card-features-worker', skipInstall: true });
    const root = 'projects/card-features-pipeline';
    expect(tree.children(root).sort()).toEqual(['Dockerfile', 'README.md', 'package.json', 'project.json']);
    expect(readJson(tree, `${root}/package.json`).dependencies).toEqual({ '@fp/card-features-worker': '*' });
    const project = readJson(tree, `${root}/project.json`);
    expect(project.tags).toEqual(['type:project']);
    expect(project.targets.bundle.options.command).toBe(
      'esbuild bases/card-features-worker/src/main.ts --bundle --platform=node --target=node20 --format=cjs --sourcemap --external:classic-level --outfile=dist/projects/card-features-pipeline/main.cjs',
    );
    expect(project.targets.container.dependsOn).toEqual(['bundle']);
  });

  describe('for a -worker base', () => {
    const root = 'projects/card-features-pipeline';

    beforeEach(async () => {
      await projectGenerator(tree, { name: 'card-features-pipeline', base: 'card-features-worker', skipInstall: true });
    });

    it('writes the pipelines’ Dockerfile: classic-level at the lockfile’s version, state dir, ops port, health check', () => {
      expect(tree.read(`${root}/Dockerfile`, 'utf8'))
        .toBe(`# Build context: the repository root, after \`npx nx run card-features-pipeline:bundle\`.
# BASE_IMAGE: any Node 20 image with npm and a \`node\` user, as node:20-slim has (machines that cannot
# pull one build it with tools/containers/build-base-image.sh).
ARG BASE_IMAGE=node:20-slim
FROM \${BASE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
# classic-level (LevelDB state) is a native addon, so the bundle leaves it external: install the same
# version here, with its prebuilt linux binary (no compiler needed). Keep it in step with package-lock.json.
# Behind a TLS-intercepting proxy, pass its CA bundle as a build secret (never stored in a layer):
#   --secret id=ca-certificates,src=/etc/ssl/certs/ca-certificates.crt
RUN --mount=type=secret,id=ca-certificates \\
    if [ -s /run/secrets/ca-certificates ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca-certificates; fi \\
    && npm install --no-save --no-audit --no-fund --omit=dev classic-level@9.8.7 && npm cache clean --force
COPY dist/projects/card-features-pipeline/ ./
# Local state (LevelDB) lives on a volume the non-root user can write.
RUN mkdir -p /var/lib/fp-state && chown node:node /var/lib/fp-state
ENV STATE_DIR=/var/lib/fp-state HTTP_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD ["node", "-e", "fetch(\\"http://127.0.0.1:\\" + process.env.HTTP_PORT + \\"/healthz\\").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
USER node
ENTRYPOINT ["node", "--max-semi-space-size=32", "--enable-source-maps", "main.cjs"]
`);
    });

    it('stays the image the shipped pipelines build (a change to theirs must reach the template)', () => {
      const shipped = readFileSync(
        resolve(__dirname, '../../../../../projects/usage-statistics-pipeline/Dockerfile'),
        'utf8',
      );
      expect(tree.read(`${root}/Dockerfile`, 'utf8')).toBe(
        shipped
          .replaceAll('usage-statistics-pipeline', 'card-features-pipeline')
          .replace(/classic-level@[^ ]+/, 'classic-level@9.8.7'),
      );
    });

    it('documents the topics, the consumer group (APPLICATION_ID) and the image', () => {
      const readme = tree.read(`${root}/README.md`, 'utf8') ?? '';
      expect(readme).toMatch(/\| topics in +\| `INPUT_TOPIC` \(`card-features-input`;/);
      expect(readme).toMatch(
        /\| topics out +\| `OUTPUT_TOPIC` \(`card-features-output`;.*`DEAD_LETTER_TOPIC` \(`card-features-dead-letters`\)/,
      );
      expect(readme).toMatch(/\| consumer group +\| `APPLICATION_ID` \(`card-features`\) +\|/);
      expect(readme).toContain('`classic-level@9.8.7`');
      expect(readme).toContain('node --max-semi-space-size=32 --enable-source-maps main.cjs');
      expect(readme).toContain('(../../components/worker-ops/README.md)');
      expect(readme).not.toContain('none yet');
    });
  });

  describe('for a -cli base', () => {
    const root = 'projects/backfill-pipeline';

    beforeEach(async () => {
      await projectGenerator(tree, { name: 'backfill-pipeline', base: 'backfill-cli', skipInstall: true });
    });

    it('writes a plain non-root image with the same entry point', () => {
      const dockerfile = tree.read(`${root}/Dockerfile`, 'utf8') ?? '';
      expect(dockerfile).toMatch(/^ARG BASE_IMAGE=node:20-slim\nFROM \$\{BASE_IMAGE\}$/m);
      expect(dockerfile).toMatch(/^COPY dist\/projects\/backfill-pipeline\/ \.\/$/m);
      expect(dockerfile).toMatch(/^USER node$/m);
      expect(dockerfile).toMatch(
        /^ENTRYPOINT \["node", "--max-semi-space-size=32", "--enable-source-maps", "main\.cjs"\]$/m,
      );
      expect(dockerfile).not.toMatch(/^(RUN|EXPOSE|HEALTHCHECK|CMD)/m);
    });

    it('has no worker operations to document yet', () => {
      const readme = tree.read(`${root}/README.md`, 'utf8') ?? '';
      expect(readme).toMatch(/\| consumer group +\| none yet +\|/);
      expect(readme).not.toContain('classic-level');
    });

    it('needs no classic-level version', async () => {
      tree.delete('package-lock.json');
      await expect(
        projectGenerator(tree, { name: 'other-pipeline', base: 'backfill-cli', skipInstall: true }),
      ).resolves.toBeUndefined();
    });
  });

  it('falls back to the installed classic-level when the lockfile lacks it', async () => {
    tree.delete('package-lock.json');
    writeJson(tree, 'node_modules/classic-level/package.json', { name: 'classic-level', version: '4.5.6' });
    await projectGenerator(tree, { name: 'card-features-pipeline', base: 'card-features-worker', skipInstall: true });
    expect(tree.read('projects/card-features-pipeline/Dockerfile', 'utf8')).toContain('classic-level@4.5.6 &&');
  });

  it('refuses a worker when it cannot tell the classic-level version, before writing anything', async () => {
    tree.delete('package-lock.json');
    await expect(
      projectGenerator(tree, { name: 'card-features-pipeline', base: 'card-features-worker', skipInstall: true }),
    ).rejects.toThrow(/Cannot tell which classic-level version/);
    expect(tree.exists('projects/card-features-pipeline')).toBe(false);
  });

  it('refuses a base that does not exist, saying how to create it', async () => {
    await expect(
      projectGenerator(tree, { name: 'x-pipeline', base: 'missing-worker', skipInstall: true }),
    ).rejects.toThrow(/--base "missing-worker" is not a base.*nx g @fp\/workspace-plugin:base missing-worker/);
  });

  it('refuses names that do not end in -pipeline', async () => {
    await expect(
      projectGenerator(tree, { name: 'card-features', base: 'card-features-worker', skipInstall: true }),
    ).rejects.toThrow(/<what>-pipeline/);
  });
});
