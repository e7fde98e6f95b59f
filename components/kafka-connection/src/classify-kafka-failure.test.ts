import {
  KafkaJSBrokerNotFound,
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { classifyKafkaFailure } from './classify-kafka-failure';

/** kafkajs' error classes take (message, details) at run time; its typings omit the details. */
const kafkajsError = (Class: unknown, ...args: unknown[]): Error =>
  new (Class as new (...constructorArgs: unknown[]) => Error)(...args);

/** A broker's answer as kafkajs decodes it (`createErrorFromCode` in kafkajs/src/protocol/error.js). */
const brokerAnswer = (type: string, code: number) =>
  kafkajsError(KafkaJSProtocolError, { type, code, retriable: false, message: `broker said ${type}` });
const retriesExceeded = (cause: Error) =>
  kafkajsError(KafkaJSNumberOfRetriesExceeded, cause, { retryCount: 5, retryTime: 1_000 });

describe('classifyKafkaFailure()', () => {
  it.each([
    [
      'a SASL rejection',
      kafkajsError(KafkaJSSASLAuthenticationError, 'SASL PLAIN authentication failed: bad credentials'),
    ],
    ['a SASL_AUTHENTICATION_FAILED answer', brokerAnswer('SASL_AUTHENTICATION_FAILED', 58)],
    [
      'a SASL rejection after retries',
      retriesExceeded(kafkajsError(KafkaJSSASLAuthenticationError, 'bad credentials')),
    ],
  ])('names %s authentication-failed', (_, error) => {
    expect(classifyKafkaFailure(error)).toBe('authentication-failed');
  });

  it.each([
    ['TOPIC_AUTHORIZATION_FAILED', 29],
    ['GROUP_AUTHORIZATION_FAILED', 30],
    ['CLUSTER_AUTHORIZATION_FAILED', 31],
    ['TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 53],
  ])('names a %s answer not-authorised, wrapped or not', (type, code) => {
    expect(classifyKafkaFailure(brokerAnswer(type, code))).toBe('not-authorised');
    expect(classifyKafkaFailure(retriesExceeded(brokerAnswer(type, code)))).toBe('not-authorised');
  });

  it('names UNKNOWN_TOPIC_OR_PARTITION topic-missing, also under a non-retriable wrapper', () => {
    const answer = brokerAnswer('UNKNOWN_TOPIC_OR_PARTITION', 3);
    expect(classifyKafkaFailure(answer)).toBe('topic-missing');
    expect(classifyKafkaFailure(kafkajsError(KafkaJSNonRetriableError, answer, { cause: answer }))).toBe(
      'topic-missing',
    );
  });

  it.each([
    [
      'a refused connection',
      new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1', {
        code: 'ECONNREFUSED',
      } as never),
    ],
    [
      'an unknown host',
      retriesExceeded(kafkajsError(KafkaJSConnectionError, 'getaddrinfo ENOTFOUND kafka', { code: 'ENOTFOUND' })),
    ],
    ['a connection timeout', new KafkaJSConnectionError('Connection timeout')],
    ['no broker found', kafkajsError(KafkaJSBrokerNotFound, 'Failed to connect: no brokers available')],
  ])('names %s unreachable', (_, error) => {
    expect(classifyKafkaFailure(error)).toBe('unreachable');
  });

  it.each([
    ['another broker answer', brokerAnswer('INVALID_TIMESTAMP', 32)],
    ['a plain error', new Error('boom')],
    ['a kafkajs error without a cause', new KafkaJSError('something else')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('names %s other', (_, error) => {
    expect(classifyKafkaFailure(error)).toBe('other');
  });
});
