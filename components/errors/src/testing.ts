/**
 * Test helpers for every brick's `errors.test.ts`: the README's errors table must list every
 * code the brick can throw.
 */

/** The codes that do not appear as `` `CODE` `` anywhere in the README text. */
export function undocumentedErrorCodes(codes: readonly string[], readme: string): string[] {
  return codes.filter((code) => !readme.includes(`\`${code}\``));
}
