import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/** The container tests (tools/containers/test-containers.sh runs them once the images are built). */
export default defineConfig({
  test: {
    ...base.test,
    include: ['containers/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'out-tsc/**'],
  },
});
