/**
 * Run before the integration tests (the `integration-tests:test` target): without a broker and a
 * registry they cannot run, and this says so in one message, exit 1, instead of vitest's
 * "No test files found" followed by a stack trace.
 */
import { missingServices } from './services';

const missing = missingServices();
if (missing !== undefined) {
  process.stderr.write(`integration-tests need a Kafka broker and a Schema Registry.\n${missing}\n`);
  process.exitCode = 1;
}
