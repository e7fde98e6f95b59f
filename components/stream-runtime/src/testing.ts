/**
 * @fp/stream-runtime/testing: run any topology in-process in tests, without a broker.
 */
export { createTestDriver } from './test-driver';
export type { TestDriver, TestDriverOptions, TestRecord } from './test-driver';
