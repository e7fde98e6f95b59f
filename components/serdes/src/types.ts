/**
 * Turns values into bytes and back. Both directions are synchronous so the runtime never awaits
 * per record; a serde that needs I/O (a registry lookup) does it in `prepare`, once per batch.
 *
 * `deserialize` throws `SerdesError` (domain `data`) for a record it cannot decode or validate.
 */
export interface Serde<T> {
  serialize(value: T): Buffer;
  deserialize(bytes: Buffer): T;
  /**
   * Called by the runtime once per polled batch, before any `deserialize` of those payloads, so a
   * registry-backed serde can fetch the writer schemas it has not seen yet. Absent when the serde
   * needs nothing. Rejects only for failures of a dependency (registry down), never for bad data:
   * a payload it cannot make sense of is left for `deserialize` to reject.
   */
  prepare?(payloads: readonly Buffer[]): Promise<void>;
}
