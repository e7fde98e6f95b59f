import type { Serde } from '@fp/serdes';
import { deserialize, serialize } from 'node:v8';

/**
 * The default serde of repartition topics: internal topics are written and read only by this
 * pipeline, so Node's structured-clone format (fast, keeps numbers, bigints, dates, nested
 * objects) is enough. Pass serdes to `groupBy`/`groupByKey` when other tools must read them.
 */
export const v8Serde: Serde<unknown> = Object.freeze({
  serialize: (value: unknown): Buffer => serialize(value),
  deserialize: (bytes: Buffer): unknown => deserialize(bytes),
});
