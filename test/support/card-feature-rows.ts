import { rawAggSerde } from '@fp/card-transactions';
import type { RawRecord } from '@fp/kafka-source';

/** A card no generated transaction uses: its transactions, an hour after the rest, close every other window. */
export const CLOSING_CARD = 1;
const aggSerde = rawAggSerde();

/** A feature row (raw Avro) as text, amounts rounded: the order a window adds transactions in may change their last bits. */
function describeRow(record: RawRecord): string {
  const row = aggSerde.deserialize(record.value as Buffer);
  return [
    row.cc_num,
    row.window_start,
    row.num_trans_per_10m,
    row.avg_amt_per_10m.toFixed(6),
    row.stdev_amt_per_10m.toFixed(6),
  ].join('|');
}

/** The feature rows of a topic's records as sorted text, repeats kept, the closing card's rows left out. */
export const featureRows = (records: readonly RawRecord[]): string[] =>
  records
    .map(describeRow)
    .filter((row) => !row.startsWith(`${CLOSING_CARD}|`))
    .sort();
