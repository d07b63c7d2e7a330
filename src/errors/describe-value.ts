/**
 * A short, safe description of a value read from a file, for messages and for the protocol.
 * File data is untrusted: `String(value)` runs a file's own `toString` key (`{"toString":1}`
 * throws) and `JSON.stringify` of a value nested thousands deep exhausts the stack, so neither
 * touches anything here but primitives. No imports: every module, pure ones included, may use it.
 */

/** Longest text shown of a string value: enough to recognise it, never a whole note. */
const MAX_DESCRIBED_TEXT = 20;
/** Longest text kept of a scalar sent over the protocol. */
const MAX_SCALAR_TEXT = 40;

/** The value as the file writes it, shortened, the same in every language: `9`, `"login"`, `{…}`. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return '[…]';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const cut = value.length > MAX_DESCRIBED_TEXT;
    return `"${value.slice(0, MAX_DESCRIBED_TEXT)}${cut ? '…' : ''}"`;
  }
  if (typeof value === 'object') return '{…}';
  // Only primitives are left (number, boolean, undefined, bigint, symbol): String() is safe.
  return String(value as string | number | boolean | undefined).slice(0, MAX_DESCRIBED_TEXT);
}

/** The value itself when it is a JSON scalar (strings cut as above), else null: JSON-safe. */
export function scalarOrNull(value: unknown): string | number | boolean | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    return value.length > MAX_SCALAR_TEXT ? `${value.slice(0, MAX_SCALAR_TEXT)}…` : value;
  }
  return null;
}
