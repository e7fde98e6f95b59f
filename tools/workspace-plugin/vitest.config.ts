import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    // The scratch-workspace test installs and type-checks a copy of the repo.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
