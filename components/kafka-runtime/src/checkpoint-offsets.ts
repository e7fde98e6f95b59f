/** Metadata key under which a store's checkpoint records the input offsets its state reflects. */
export const OFFSETS_METADATA_KEY = 'offsets';
/** Metadata key under which a store records the number of the transaction that committed it (exactly-once). */
export const CHECKPOINT_METADATA_KEY = 'checkpoint';
/** Header on changelog records: the input offsets of the checkpoint that wrote them. */
export const CHANGELOG_OFFSETS_HEADER = 'fp-offsets';
/** Header on changelog records: the repartition origins the state had seen at that checkpoint. */
export const CHANGELOG_ORIGINS_HEADER = 'fp-origins';

/** `topic#partition` -> next offset to read, as stable JSON (sorted keys). */
export function encodeOffsets(offsets: ReadonlyMap<string, string>): string {
  return JSON.stringify(Object.fromEntries([...offsets].sort(([a], [b]) => a.localeCompare(b))));
}

export function parseOffsets(encoded: string | Buffer | undefined): Map<string, string> {
  if (encoded === undefined || encoded.length === 0) return new Map();
  const parsed = JSON.parse(encoded.toString()) as Record<string, string>;
  return new Map(Object.entries(parsed));
}

/** True when the checkpoint that wrote a changelog record got further than the offsets committed to the group. */
export function isBeyond(tagged: ReadonlyMap<string, string>, committed: ReadonlyMap<string, string>): boolean {
  for (const [input, offset] of tagged) {
    const limit = committed.get(input);
    if (limit === undefined || BigInt(offset) > BigInt(limit)) return true;
  }
  return false;
}
