import { jsonSerde, stringSerde } from '@fp/serdes';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { createTopology } from '@fp/topology';
import { describe, expect, it } from 'vitest';
import { countAllUserActions, userActionCountSchema } from './count-all-user-actions';
import { SampleTransformationsError } from './errors';
import { userActionSourceOptions, type UserActionType } from './user-action';

function build(actionType?: UserActionType) {
  const topology = createTopology('count-actions-test');
  countAllUserActions(topology.stream('read', userActionSourceOptions('actions')), actionType).to('write', {
    topic: 'counts',
    key: stringSerde,
    value: jsonSerde(userActionCountSchema),
  });
  return topology;
}

describe('countAllUserActions()', () => {
  it('keys the running counts by user, whatever key the actions came with, across partitions', () => {
    const driver = createTestDriver(build(), { partitions: 3 });
    driver.pipe('actions', 'session-1', { user_id: 'u1', action_time: 1_000, action_type: 'login' });
    driver.pipe('actions', 'session-2', { user_id: 'u1', action_time: 2_000, action_type: 'logout' });
    const last = driver.output<string, { actions_count: number }>('write').at(-1);
    expect(last?.key).toBe('u1');
    expect(last?.value.actions_count).toBe(2);
  });

  it('reads through a repartition topic named after its step', () => {
    expect(Object.values(build().repartitionTopics)).toEqual([
      'count-actions-test-count-all-user-actions-by-user-repartition',
    ]);
  });

  it('rejects an unknown action type with SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS', () => {
    expect(() => build('jump' as UserActionType)).toThrow(SampleTransformationsError);
    expect(() => build('jump' as UserActionType)).toThrow(/actionType must be one of login, do_something, logout/);
  });
});
