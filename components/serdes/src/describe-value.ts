/** Longest rendering of an offending value in an error message; payloads can be megabytes. */
const MAX_VALUE_CHARS = 80;

/** `amount`, `items[2].price`; `(root)` for the value itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}

/** A short, safe rendering of a value for "got ..." in messages. */
export function describeValue(value: unknown): string {
  let text: string;
  if (value === undefined) {
    text = 'undefined (missing)';
  } else if (typeof value === 'bigint') {
    text = `${value}n`;
  } else if (Buffer.isBuffer(value)) {
    text = `<${value.length} bytes>`;
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}...` : text;
}

/** The value found by following `path` into `root`, `undefined` when the path does not exist. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
