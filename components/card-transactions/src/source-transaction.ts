import { z } from 'zod';

/**
 * Hopsworks' `SourceTransaction` as written to `credit_card_transactions`: every field is a
 * `["null", T]` union, so a producer may leave any of them out.
 */
export const sourceTransactionAvroSchema = {
  type: 'record',
  name: 'SourceTransaction',
  namespace: 'com.hopsworks.tutorials.flink',
  fields: [
    { name: 'tid', type: ['null', 'string'] },
    { name: 'datetime', type: ['null', 'long'] },
    { name: 'cc_num', type: ['null', 'long'] },
    { name: 'amount', type: ['null', 'double'] },
  ],
} as const;

/** The zod twin of `sourceTransactionAvroSchema` (kept in step by a test). `datetime` is epoch ms. */
export const sourceTransactionSchema = z.object({
  tid: z.string().nullable(),
  datetime: z.number().int().nullable(),
  cc_num: z.number().int().nullable(),
  amount: z.number().nullable(),
});

export type SourceTransaction = z.infer<typeof sourceTransactionSchema>;

/**
 * A transaction the features can be computed from: it has a card to key by, an event time and an
 * amount. `tid` is not used by the features and may stay null.
 */
export const cardTransactionSchema = sourceTransactionSchema.extend({
  datetime: z.number().int(),
  cc_num: z.number().int(),
  amount: z.number(),
});

export type CardTransaction = z.infer<typeof cardTransactionSchema>;
