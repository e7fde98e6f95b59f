import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // containers/: images built with podman first (npm run test:containers, vitest.containers.config.ts).
    exclude: ['**/node_modules/**', 'out-tsc/**', 'containers/**'],
    environment: 'node',
    restoreMocks: true,
    globalSetup: ['./support/global-setup.ts'],
    // Real brokers: group joins and rebalances take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One broker on a 2-core machine: files run one at a time so timing-sensitive rebalance tests stay stable.
    fileParallelism: false,
  },
});
