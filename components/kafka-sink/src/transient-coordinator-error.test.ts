import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isTransientCoordinatorError } from './transient-coordinator-error';

// The errors kafkajs raises for a response carrying an error code, as a broker sends them.
const { createErrorFromCode } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as {
  createErrorFromCode: (code: number) => Error;
};

describe('isTransientCoordinatorError()', () => {
  it.each([
    [14, 'COORDINATOR_LOAD_IN_PROGRESS: a restarted broker loading its state'],
    [15, 'COORDINATOR_NOT_AVAILABLE'],
    [16, 'NOT_COORDINATOR'],
    [51, 'CONCURRENT_TRANSACTIONS'],
  ])('retries the error of wire code %i (%s)', (code) => {
    expect(isTransientCoordinatorError(createErrorFromCode(code))).toBe(true);
  });

  it.each([
    [47, 'INVALID_PRODUCER_EPOCH: fenced by a newer producer'],
    [49, 'INVALID_PRODUCER_ID_MAPPING'],
    [53, 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED'],
  ])('fails at once on wire code %i (%s)', (code) => {
    expect(isTransientCoordinatorError(createErrorFromCode(code))).toBe(false);
  });

  it('retries kafkajs giving up on the group coordinator, and nothing that is not an error', () => {
    const notFound = Object.assign(new Error('no coordinator'), { name: 'KafkaJSGroupCoordinatorNotFound' });
    expect(isTransientCoordinatorError(notFound)).toBe(true);
    expect(isTransientCoordinatorError(undefined)).toBe(false);
  });
});
