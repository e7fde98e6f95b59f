import { buildCardFeaturesTopology, cardFeaturesView, rawAggSerde, rawTransactionSerde } from '@fp/card-transactions';
import type { AnyFeatureView } from '@fp/feature-views';
import type { Topology } from '@fp/topology';
import { buildUsageStatisticsTopology, userStatisticsView } from '@fp/usage-statistics';

/** One input of a pipeline: the topology's source step it feeds. */
export interface BackfillPipelineInput {
  readonly sourceStep: string;
  /**
   * The column with each record's timestamp when none is named. Unset: the pipeline's event time
   * is the record timestamp, so the command needs `--timestamp-column`.
   */
  readonly defaultTimestampColumn?: string;
}

/** A pipeline a backfill can run: the topology its worker runs, the view of its output, its inputs. */
export interface BackfillPipeline {
  readonly view: AnyFeatureView;
  readonly inputs: Readonly<Record<string, BackfillPipelineInput>>;
  /** Files hold decoded records, so any serde of the worker's computes the same rows: raw Avro here. */
  buildTopology(): Topology;
}

/** The shipped pipelines by the name of their project (`<name>-pipeline`). */
export const backfillPipelines: ReadonlyMap<string, BackfillPipeline> = new Map<string, BackfillPipeline>([
  [
    'card-features',
    {
      view: cardFeaturesView,
      // Event time is the transaction's `datetime`; the record timestamp follows it, as the simulator writes it.
      inputs: { transactions: { sourceStep: 'read-transactions', defaultTimestampColumn: 'datetime' } },
      buildTopology: () =>
        buildCardFeaturesTopology({ transactionSerde: rawTransactionSerde(), aggSerde: rawAggSerde() }),
    },
  ],
  [
    'usage-statistics',
    {
      view: userStatisticsView,
      // Event time is the record timestamp the flight importer wrote: the file must say which column holds it.
      inputs: { flightdata: { sourceStep: 'read-flightdata' } },
      // The worker's default mode (`cumulative`), whose rows the view describes.
      buildTopology: () => buildUsageStatisticsTopology(),
    },
  ],
]);
