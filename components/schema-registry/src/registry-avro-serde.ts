import { confluentAvroSerde, type AvroSchema, type Serde } from '@fp/serdes';
import { SchemaRegistryError } from './errors';
import type { SchemaRegistry } from './schema-registry';
import { subjectName, type SubjectNameStrategy, type SubjectRole } from './subject-name';

export interface RegistryAvroSerdeOptions {
  readonly registry: Pick<SchemaRegistry, 'register' | 'lookup' | 'fetchWriterSchema'>;
  readonly topic: string;
  /** The schema this pipeline reads into and writes with. */
  readonly readerSchema: AvroSchema;
  /** Default `value`. */
  readonly role?: SubjectRole;
  /** Default `topic-name` (`<topic>-<role>`). */
  readonly strategy?: SubjectNameStrategy;
  /**
   * `true` (default): register `readerSchema` under the subject if it is not there yet.
   * `false`: only look it up, for deployments where producers own the subject; fails with
   * `SCHEMA_REGISTRY_NOT_FOUND` when it is missing.
   */
  readonly autoRegister?: boolean;
}

/** A Confluent Avro serde bound to a registry subject; `schemaId` is what it writes. */
export interface RegistryAvroSerde<T> extends Serde<T> {
  readonly subject: string;
  readonly schemaId: number;
  prepare(payloads: readonly Buffer[]): Promise<void>;
}

/**
 * Registers (or finds) `readerSchema` under the topic's subject, then returns a Confluent Avro
 * serde that writes with that id and, in `prepare`, fetches the writer schemas of records written
 * by other versions (once per id; decoding stays synchronous). Call it at start-up: an
 * incompatible schema fails here with `SCHEMA_REGISTRY_INCOMPATIBLE`, naming the subject.
 *
 * A writer id the registry does not have is a bad record, not a failed dependency: its decode
 * throws `SERDES_UNKNOWN_SCHEMA_ID` (domain `data`). `prepare` rejects only when the registry
 * cannot answer.
 *
 * @example
 * const value = await registryAvroSerde<Transaction>({ registry, topic: 'card-transactions', readerSchema: transactionAvro });
 */
export async function registryAvroSerde<T>(options: RegistryAvroSerdeOptions): Promise<RegistryAvroSerde<T>> {
  const { registry, topic, readerSchema, role = 'value', strategy = 'topic-name', autoRegister = true } = options;
  const subject = subjectName(topic, role, strategy, readerSchema);
  const schemaId = autoRegister
    ? await registry.register(subject, readerSchema)
    : await registry.lookup(subject, readerSchema);
  const serde = confluentAvroSerde<T>({
    readerSchema,
    schemaId,
    fetchWriterSchema: async (id) => {
      try {
        return await registry.fetchWriterSchema(id);
      } catch (error) {
        if (error instanceof SchemaRegistryError && error.code === 'SCHEMA_REGISTRY_NOT_FOUND') {
          return undefined;
        }
        throw error;
      }
    },
  });
  const { prepare } = serde;
  if (prepare === undefined) {
    // confluentAvroSerde always has prepare when given fetchWriterSchema.
    throw new Error('registryAvroSerde: confluentAvroSerde returned no prepare hook');
  }
  return {
    subject,
    schemaId,
    serialize: serde.serialize,
    deserialize: serde.deserialize,
    prepare,
  };
}
