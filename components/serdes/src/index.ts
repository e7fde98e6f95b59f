/**
 * @fp/serdes: Encodes and decodes keys and values: JSON validated by zod, Avro (raw and Confluent wire format) and primitive key serdes.
 *
 * This file is the brick's whole public interface: other bricks import only what it exports.
 */
export { SerdesError, serdesErrorCodes } from './errors';
export type { SerdesErrorCode } from './errors';
