import { avroSerde, jsonSerde, type Serde } from '@fp/serdes';
import type { FeatureView } from './feature-view';

/**
 * A serde for the view's rows as its topic holds them without a registry: raw Avro for `avro`
 * views, zod-checked JSON for `json` views. Confluent-framed Avro needs a registry client, so an
 * I/O brick builds that one from `view.avroSchema`.
 */
export function plainRowSerde<Row>(view: FeatureView<Row>): Serde<Row> {
  return view.encoding === 'json' ? jsonSerde(view.rowSchema) : avroSerde<Row>(view.avroSchema);
}
