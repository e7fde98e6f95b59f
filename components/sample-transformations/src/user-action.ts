import { jsonSerde, stringSerde } from '@fp/serdes';
import type { SourceOptions } from '@fp/topology';
import { z } from 'zod';

export const userActionTypes = ['login', 'do_something', 'logout'] as const;
export type UserActionType = (typeof userActionTypes)[number];

/** A user action; `action_time` is epoch ms and is the event time. */
export const userActionSchema = z.object({
  user_id: z.string(),
  action_time: z.number().int(),
  action_type: z.enum(userActionTypes),
});
export type UserAction = z.infer<typeof userActionSchema>;

/** The samples' watermark: actions arrive up to 1 s out of order. */
export const USER_ACTIONS_MAX_OUT_OF_ORDERNESS_MS = 1_000;

/**
 * Source options for a topic of JSON user actions: event time = `action_time`, watermark
 * `max seen - 1000 - 1`. The windowed sample relies on these: in this DSL, event time is set
 * where a stream is read, not later.
 *
 * @example
 * const actions = topology.stream('read-actions', userActionSourceOptions('user_actions'));
 */
export function userActionSourceOptions(topic: string): SourceOptions<string, UserAction> {
  return {
    topic,
    key: stringSerde,
    value: jsonSerde(userActionSchema),
    timestamp: (action) => action.action_time,
    watermark: { kind: 'bounded-out-of-orderness', maxOutOfOrdernessMs: USER_ACTIONS_MAX_OUT_OF_ORDERNESS_MS },
  };
}
