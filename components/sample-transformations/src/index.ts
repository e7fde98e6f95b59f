/**
 * @fp/sample-transformations: small example transformations for data scientists to copy (the
 * PyFlink features repo's samples). Each is a function from a DSL `Stream` to a `Stream`, so it
 * composes with any source and sink, and each is tested from JSON tables in `src/cases/`
 * (`{function, cases: [{description, inputs, expected}]}`, outputs compared as multisets): add a
 * case to a JSON file to add a test.
 *
 * - `addOne`: stateless map.
 * - `countAllUserActions`: per-user running count, optionally of one action type.
 * - `countUserActionsLastXSecondsEveryYSeconds`: per-user counts over hopping event-time windows;
 *   read the actions with `userActionSourceOptions` (event time `action_time`, 1 s out-of-orderness).
 */
export { addOne } from './add-one';
export { countAllUserActions, userActionCountSchema } from './count-all-user-actions';
export {
  countUserActionsLastXSecondsEveryYSeconds,
  windowedUserActionCountSchema,
} from './count-user-actions-last-x-seconds-every-y-seconds';
export { SampleTransformationsError, sampleTransformationsErrorCodes } from './errors';
export {
  USER_ACTIONS_MAX_OUT_OF_ORDERNESS_MS,
  userActionSchema,
  userActionSourceOptions,
  userActionTypes,
} from './user-action';

export type { UserActionCount } from './count-all-user-actions';
export type { WindowedUserActionCount } from './count-user-actions-last-x-seconds-every-y-seconds';
export type { SampleTransformationsErrorCode } from './errors';
export type { UserAction, UserActionType } from './user-action';
