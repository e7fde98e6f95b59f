import type { Window } from '@fp/windowing';
import { zodFromAvro, type AvroValue } from '@fp/serdes';
import type { TransactionStats } from './transaction-aggregator';

/**
 * Hopsworks' `TransactionAgg` feature row, plus the window bounds as nullable timestamp-millis
 * with default null, so the record stays a superset of the Hopsworks feature group (a reader
 * without them still reads it, one with them reads old rows as null).
 */
export const transactionAggAvroSchema = {
  type: 'record',
  name: 'TransactionAgg',
  namespace: 'com.hopsworks.tutorials.flink',
  fields: [
    { name: 'cc_num', type: 'long' },
    { name: 'num_trans_per_10m', type: 'long' },
    { name: 'avg_amt_per_10m', type: 'double' },
    { name: 'stdev_amt_per_10m', type: 'double' },
    { name: 'window_start', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
    { name: 'window_end', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
  ],
} as const;

/** The row's type and zod schema, derived from the Avro declaration. Window bounds are epoch ms. */
export type TransactionAgg = AvroValue<typeof transactionAggAvroSchema>;
export const transactionAggSchema = zodFromAvro(transactionAggAvroSchema);

/**
 * The feature row of one card's window: a pure mapping, so a batch job or a notebook gets the same
 * row as the streaming pipeline.
 *
 * @example
 * toTransactionAgg(42, { startMs: 0, endMs: 600_000 }, { count: 2, mean: 0.5, stddevSample: 0.1 })
 * // { cc_num: 42, num_trans_per_10m: 2, avg_amt_per_10m: 0.5, stdev_amt_per_10m: 0.1, window_start: 0, window_end: 600000 }
 */
export function toTransactionAgg(ccNum: number, window: Window, result: TransactionStats): TransactionAgg {
  return {
    cc_num: ccNum,
    num_trans_per_10m: result.count,
    avg_amt_per_10m: result.mean,
    stdev_amt_per_10m: result.stddevSample,
    window_start: window.startMs,
    window_end: window.endMs,
  };
}
