/**
 * @fp/schema-registry: a Confluent-compatible Schema Registry client (Apicurio's ccompat API
 * included) and the serde factory that wires it into `@fp/serdes`.
 *
 * `createSchemaRegistry` registers or finds schemas at start-up and fetches writer schemas by id,
 * cached forever (ids are immutable) with at most one request in flight per id, so no record ever
 * waits on HTTP. `registryAvroSerde` registers the pipeline's schema under the topic's subject and
 * returns a serde whose `prepare` fetches unknown writer ids once per batch. Errors never contain
 * the credentials; only `SCHEMA_REGISTRY_UNREACHABLE` is retryable.
 */
export { createSchemaRegistry } from './schema-registry';
export { registryAvroSerde } from './registry-avro-serde';
export { SchemaRegistryError, schemaRegistryErrorCodes } from './errors';
export { subjectName } from './subject-name';

export type { CompatibilityLevel, SchemaRegistry, SchemaRegistryOptions } from './schema-registry';
export type { RegistryAvroSerde, RegistryAvroSerdeOptions } from './registry-avro-serde';
export type { SchemaRegistryErrorCode } from './errors';
export type { SubjectNameStrategy, SubjectRole } from './subject-name';
