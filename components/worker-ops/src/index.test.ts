import { PipelineError } from '@fp/errors';
import { describe, expect, it } from 'vitest';
import * as workerOps from './index';

describe('@fp/worker-ops interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(workerOps).sort()).toEqual([
      'BOUNDED_FLAG',
      'DEFAULT_HTTP_PORT',
      'DEFAULT_OUTPUT_TOPIC_REPLICATION_FACTOR',
      'DEFAULT_OUTPUT_TOPIC_RETENTION_MS',
      'DEFAULT_STATE_DIR',
      'EMPTY_WORKER_METRICS',
      'METRIC_PREFIX',
      'PROGRESS_LOG_INTERVAL_MS',
      'WorkerOpsError',
      'createOpsServer',
      'kafkaConnectionFromEnv',
      'kafkaEnvShape',
      'outputTopicSettingsFromEnv',
      'outputTopicsEnvShape',
      'parseWorkerEnv',
      'processingGuarantees',
      'runModes',
      'runWorkerProcess',
      'schemaRegistryEnvShape',
      'schemaRegistrySettingsFromEnv',
      'startWorker',
      'workerEnvShape',
      'workerOpsErrorCodes',
      'workerSettingsFromEnv',
    ]);
  });

  it('turns the environment into worker settings through the interface', () => {
    const env = workerOps.parseWorkerEnv(workerOps.workerEnvShape({ clientId: 'c', applicationId: 'a' }), {
      MODE: 'bounded',
    });
    expect(workerOps.workerSettingsFromEnv(env).mode).toBe('bounded');
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new workerOps.WorkerOpsError('WORKER_OPS_INVALID_OPTIONS', 'bad options', { cause });
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'WorkerOpsError',
      code: 'WORKER_OPS_INVALID_OPTIONS',
      domain: 'internal',
      cause,
    });
  });
});
