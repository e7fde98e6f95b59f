import { jsonSerde, stringSerde } from '@fp/serdes';
import { createTestDriver } from '@fp/stream-runtime/testing';
import { createTopology } from '@fp/topology';
import { describe, expect, it } from 'vitest';
import {
  countUserActionsLastXSecondsEveryYSeconds,
  windowedUserActionCountSchema,
} from './count-user-actions-last-x-seconds-every-y-seconds';
import { SampleTransformationsError } from './errors';
import { userActionSourceOptions } from './user-action';

function build(sizeS: number, slideS: number) {
  const topology = createTopology('windowed-actions-test');
  countUserActionsLastXSecondsEveryYSeconds(
    topology.stream('read', userActionSourceOptions('actions')),
    sizeS,
    slideS,
  ).to('write', { topic: 'counts', key: stringSerde, value: jsonSerde(windowedUserActionCountSchema) });
  return topology;
}

describe('countUserActionsLastXSecondsEveryYSeconds()', () => {
  it('fires a window once the watermark (newest - 1000 - 1) reaches window_end - 1, keyed by user', () => {
    const driver = createTestDriver(build(10, 5));
    driver.pipe('actions', null, { user_id: 'u1', action_time: 1_000, action_type: 'login' }); // in [-5000, 5000) and [0, 10000)
    driver.pipe('actions', null, { user_id: 'u2', action_time: 5_999, action_type: 'login' }); // watermark 4998
    expect(driver.output('write')).toEqual([]);
    driver.pipe('actions', null, { user_id: 'u2', action_time: 6_000, action_type: 'login' }); // watermark 4999 = 5000 - 1
    expect(driver.output('write').map(({ key, value }) => [key, value])).toEqual([
      ['u1', { user_id: 'u1', window_start: -5_000, window_end: 5_000, actions_count: 1 }],
    ]);
  });

  it('counts an action late for all its windows in the runtime counters, not in the output', () => {
    const driver = createTestDriver(build(10, 5));
    driver.pipe('actions', null, { user_id: 'u1', action_time: 20_000, action_type: 'login' }); // watermark 18999
    driver.pipe('actions', null, { user_id: 'u2', action_time: 4_000, action_type: 'login' }); // windows end 5000, 10000
    driver.endInput();
    expect(driver.counters().lateRecords).toBe(1);
    expect(driver.output<string, { user_id: string }>('write').every(({ value }) => value.user_id === 'u1')).toBe(true);
  });

  it.each([
    [10, 0],
    [10, 11],
    [0, 0],
    [10, -5],
    [0.0001, 0.0001],
  ])('rejects sizeS=%s, slideS=%s with SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS', (sizeS, slideS) => {
    expect(() => build(sizeS, slideS)).toThrow(SampleTransformationsError);
    expect(() => build(sizeS, slideS)).toThrow(/need 0 < slideS <= sizeS/);
  });

  it('accepts fractional seconds in whole milliseconds, with a kebab-case default step name', () => {
    const topology = build(1.5, 0.5);
    expect(Object.keys(topology.changelogTopics)).toEqual(['count-user-actions-1-5s-every-0-5s']);
  });
});
