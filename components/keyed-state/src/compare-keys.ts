const FIRST_SURROGATE = 0xd800;
const AFTER_SURROGATES = 0xe000;

/**
 * Compares two strings in the order of their UTF-8 bytes, which is LevelDB's key order. JS `<`
 * compares UTF-16 code units, which disagrees only when a surrogate pair (a character above U+FFFF)
 * meets a character in U+E000..U+FFFF; those code units are remapped to restore code-point order.
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return codePointRank(x) - codePointRank(y);
    }
  }
  return a.length - b.length;
}

function codePointRank(codeUnit: number): number {
  if (codeUnit < FIRST_SURROGATE) {
    return codeUnit;
  }
  // Surrogates encode code points above U+FFFF, so they rank after U+E000..U+FFFF.
  return codeUnit >= AFTER_SURROGATES ? codeUnit - 0x800 : codeUnit + 0x2000;
}

/** Whether `key` lies in `[gte, lt)` (either bound optional) and starts with `prefix`. */
export function isInRange(key: string, range: { prefix?: string; gte?: string; lt?: string }): boolean {
  if (range.prefix !== undefined && !key.startsWith(range.prefix)) {
    return false;
  }
  if (range.gte !== undefined && compareKeys(key, range.gte) < 0) {
    return false;
  }
  return range.lt === undefined || compareKeys(key, range.lt) < 0;
}
