/**
 * Normalises anything thrown into an `Error`, keeping the original as `cause` when it was not
 * one already (a thrown string, a rejected promise with a plain object...).
 */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) {
    return thrown;
  }
  const message = typeof thrown === 'string' ? thrown : describeThrown(thrown);
  return new Error(message, { cause: thrown });
}

function describeThrown(thrown: unknown): string {
  try {
    return `non-error thrown: ${JSON.stringify(thrown)}`;
  } catch {
    // Circular or BigInt-bearing values cannot be serialised; their type is still worth saying.
    return `non-error thrown: ${Object.prototype.toString.call(thrown)}`;
  }
}
