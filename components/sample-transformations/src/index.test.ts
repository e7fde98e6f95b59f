import { PipelineError } from '@fp/errors';
import { jsonSerde, stringSerde } from '@fp/serdes';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { createTopology } from '@fp/topology';
import { describe, expect, it } from 'vitest';
import * as sampleTransformations from './index';

describe('@fp/sample-transformations interface', () => {
  it('exports exactly its public names (a change here is an interface change)', () => {
    expect(Object.keys(sampleTransformations).sort()).toEqual([
      'SampleTransformationsError',
      'USER_ACTIONS_MAX_OUT_OF_ORDERNESS_MS',
      'addOne',
      'countAllUserActions',
      'countUserActionsLastXSecondsEveryYSeconds',
      'sampleTransformationsErrorCodes',
      'userActionCountSchema',
      'userActionSchema',
      'userActionSourceOptions',
      'userActionTypes',
      'windowedUserActionCountSchema',
    ]);
  });

  it('composes the samples on one stream of user actions read with userActionSourceOptions', () => {
    const topology = createTopology('samples');
    const actions = topology.stream('read-actions', sampleTransformations.userActionSourceOptions('user_actions'));
    sampleTransformations
      .countAllUserActions(actions, 'login')
      .to('write-logins', {
        topic: 'logins',
        key: stringSerde,
        value: jsonSerde(sampleTransformations.userActionCountSchema),
      });
    sampleTransformations.countUserActionsLastXSecondsEveryYSeconds(actions, 60, 30).to('write-per-minute', {
      topic: 'per-minute',
      key: stringSerde,
      value: jsonSerde(sampleTransformations.windowedUserActionCountSchema),
    });
    const driver = createTestDriver(topology);
    driver.pipe('user_actions', null, { user_id: 'u1', action_time: 30_000, action_type: 'login' });
    driver.pipe('user_actions', null, { user_id: 'u1', action_time: 31_000, action_type: 'logout' });
    driver.endInput();
    expect(driver.output('logins').map(({ value }) => value)).toEqual([
      { user_id: 'u1', last_action_time: 30_000, actions_count: 1 },
    ]);
    expect(driver.output('per-minute').map(({ value }) => value)).toEqual(
      expect.arrayContaining([{ user_id: 'u1', window_start: 0, window_end: 60_000, actions_count: 2 }]),
    );
  });

  it('raises errors that carry their code, domain and cause', () => {
    const cause = new Error('root cause');
    const error = new sampleTransformations.SampleTransformationsError(
      'SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS',
      'bad options',
      { cause },
    );
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      name: 'SampleTransformationsError',
      code: 'SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS',
      domain: 'internal',
      retry: 'none',
      message: 'bad options',
      cause,
    });
  });
});
