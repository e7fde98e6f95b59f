/**
 * @fp/schema-registry: Confluent-compatible Schema Registry client: registers subjects and resolves writer schemas by id, cached.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { SchemaRegistryError, schemaRegistryErrorCodes } from './errors';
export type { SchemaRegistryErrorCode } from './errors';
