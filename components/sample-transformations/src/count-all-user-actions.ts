import { stringSerde } from '@fp/serdes';
import type { Stream } from '@fp/topology';
import { aggregator } from '@fp/windowing';
import { z } from 'zod';
import { SampleTransformationsError } from './errors';
import { userActionTypes, type UserAction, type UserActionType } from './user-action';

/** A user's running count: `last_action_time` is the `action_time` of the user's latest action processed. */
export const userActionCountSchema = z.object({
  user_id: z.string(),
  last_action_time: z.number().int(),
  actions_count: z.number().int(),
});
export type UserActionCount = z.infer<typeof userActionCountSchema>;

interface RunningCount {
  readonly count: number;
  readonly lastActionTimeMs: number;
}

const runningCount = aggregator<UserAction, RunningCount, RunningCount>({
  init: () => ({ count: 0, lastActionTimeMs: 0 }),
  add: (acc, action) => ({ count: acc.count + 1, lastActionTimeMs: action.action_time }),
  merge: (a, b) => (b.count === 0 ? a : { count: a.count + b.count, lastActionTimeMs: b.lastActionTimeMs }),
  result: (acc) => acc,
});

/**
 * Per user, a running count of actions (optionally only of `actionType`), emitted after every
 * counted action, keyed by `user_id`. The count never expires. Stateful: the steps are
 * `<stepName>-filter` (with `actionType`), `<stepName>-by-user` (re-key, so a repartition topic)
 * and `<stepName>` (the store).
 *
 * @throws SampleTransformationsError `SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS` for an unknown `actionType`
 * @example
 * countAllUserActions(actions, 'login').to('write', { topic: 'logins', key: stringSerde, value: jsonSerde(userActionCountSchema) });
 */
export function countAllUserActions<K>(
  actions: Stream<K, UserAction>,
  actionType?: UserActionType,
  options: { readonly stepName?: string } = {},
): Stream<string, UserActionCount> {
  const stepName = options.stepName ?? 'count-all-user-actions';
  if (actionType !== undefined && !userActionTypes.includes(actionType)) {
    throw new SampleTransformationsError(
      'SAMPLE_TRANSFORMATIONS_INVALID_OPTIONS',
      `countAllUserActions: actionType must be one of ${userActionTypes.join(', ')} or undefined, got ${JSON.stringify(actionType)}`,
    );
  }
  const selected =
    actionType === undefined
      ? actions
      : actions.filter(`${stepName}-filter`, (_key, action) => action.action_type === actionType);
  return selected
    .groupBy(`${stepName}-by-user`, (_key, action) => action.user_id, { key: stringSerde })
    .aggregate(stepName, runningCount)
    .toStream()
    .mapValues(`${stepName}-to-row`, (running, userId) => ({
      user_id: userId,
      last_action_time: running.lastActionTimeMs,
      actions_count: running.count,
    }));
}
