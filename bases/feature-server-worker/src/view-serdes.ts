import { plainRowSerde } from '@fp/feature-views';
import type { OnlineStoreOptions } from '@fp/online-store';
import { registryAvroSerde, type SchemaRegistry } from '@fp/schema-registry';
import type { FeatureServerConfig, ServedViewConfig } from './config';

/** A view with its serde, whatever its row type. */
type ServableView = OnlineStoreOptions['views'][number];

/**
 * Each configured view with the serde its topic needs: raw Avro or JSON as the view says, or
 * Confluent-framed Avro through the registry (the subject is registered or looked up now, so a
 * missing or incompatible schema stops the server at start, naming the subject).
 */
export async function materialisedViews(
  config: FeatureServerConfig,
  registry: () => Pick<SchemaRegistry, 'register' | 'lookup' | 'fetchWriterSchema'>,
): Promise<ServableView[]> {
  return Promise.all(config.views.map((served) => materialisedView(served, config, registry)));
}

async function materialisedView(
  { view, topic, format }: ServedViewConfig,
  config: FeatureServerConfig,
  registry: () => Pick<SchemaRegistry, 'register' | 'lookup' | 'fetchWriterSchema'>,
): Promise<ServableView> {
  const serde =
    format === 'confluent'
      ? await registryAvroSerde({
          registry: registry(),
          topic,
          readerSchema: view.avroSchema,
          autoRegister: config.schemaRegistry.autoRegister,
        })
      : plainRowSerde(view);
  return { view, serde, topic };
}
