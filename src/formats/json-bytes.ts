/**
 * JSON.stringify(value, null, 2) written straight as UTF-8 bytes, for the export's items; and
 * JSON text as ASCII bytes, for the vault list's snapshot (asciiJson).
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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const FIRST_PRINTABLE = 0x20;
const HEX = '0123456789abcdef';
/** JSON's two-character escapes of control characters (ECMA-262 QuoteJSONString), else 0. */
const SHORT_ESCAPES = (() => {
  const table = new Uint8Array(FIRST_PRINTABLE);
  for (const [code, letter] of [
    [0x08, 'b'],
    [0x09, 't'],
    [0x0a, 'n'],
    [0x0c, 'f'],
    [0x0d, 'r'],
  ] as const) {
    table[code] = letter.charCodeAt(0);
  }
  return table;
})();
/** `"key": ` as bytes, for the keys met so far (bounded: a file's keys are not a vault's). */
const KEY_BYTES = new Map<string, Uint8Array>();
const MAX_KEPT_KEYS = 512;
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

/**
 * JSON text (as JSON.stringify makes it) as ASCII bytes: each UTF-16 unit above 0x7f becomes a
 * `\uXXXX` escape, which JSON.parse reads back as the same unit (a surrogate pair as its two
 * halves; a lone surrogate survives too, where UTF-8 would turn it into U+FFFD). Outside its
 * strings JSON text is ASCII already. Why: decoding UTF-8 that holds any other character makes
 * a two-byte string, and in Chromium 156 that took 95–125 ms for a 9 MB list of 50,000 items
 * against 25–35 ms for the same list all ASCII; this loop also ran in half the time of
 * TextEncoder's `encode` on that text (57–71 against 121 ms).
 */
export function asciiJson(json: string): Uint8Array<ArrayBuffer> {
  let escapes = 0;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7f) escapes++;
  // Each escape is six bytes where its unit was counted as one.
  const out = new Uint8Array(json.length + escapes * 5);
  let at = 0;
  for (let i = 0; i < json.length; i++) {
    const unit = json.charCodeAt(i);
    if (unit <= 0x7f) {
      out[at++] = unit;
    } else {
      out[at++] = BACKSLASH;
      at = hexEscape(out, at, unit);
    }
  }
  return out;
}

/** `u` and four lowercase hex digits (after the backslash), as JSON.stringify writes them. */
function hexEscape(buffer: Uint8Array, at: number, code: number): number {
  buffer[at++] = 0x75;
  for (let shift = 12; shift >= 0; shift -= 4) buffer[at++] = HEX.charCodeAt((code >> shift) & 15);
  return at;
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
      this.key(key);
      this.value(value, depth + 1);
    }
    if (first) {
      this.ascii('{}');
      return;
    }
    this.newline(depth);
    this.byte(0x7d);
  }

  /** `"key": `, from the bytes kept for each key (an export repeats a few dozen keys). */
  private key(key: string): void {
    let bytes = KEY_BYTES.get(key);
    if (!bytes) {
      const writer = new ByteWriter(key.length * 6 + 4);
      writer.string(key);
      writer.ascii(': ');
      bytes = writer.bytes();
      if (KEY_BYTES.size < MAX_KEPT_KEYS) KEY_BYTES.set(key, bytes);
    }
    this.reserve(bytes.length);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < bytes.length; i++) buffer[at++] = bytes[i]!;
    this.length = at;
  }

  /**
   * A string as JSON.stringify writes it (ECMA-262 QuoteJSONString): the short escapes, other
   * controls as \u00xx, lone surrogates as \udxxx, everything else as its UTF-8, in one pass.
   */
  private string(text: string): void {
    const n = text.length;
    // At most 6 bytes for each UTF-16 unit (an escape), and the quotes.
    this.reserve(n * 6 + 2);
    const buffer = this.buffer;
    let at = this.length;
    buffer[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code >= FIRST_PRINTABLE && code < 0x80) {
        if (code === QUOTE || code === BACKSLASH) buffer[at++] = BACKSLASH;
        buffer[at++] = code;
      } else if (code < FIRST_PRINTABLE) {
        const short = SHORT_ESCAPES[code]!;
        buffer[at++] = BACKSLASH;
        if (short !== 0) buffer[at++] = short;
        else at = hexEscape(buffer, at, code);
      } else if (code < 0x800) {
        buffer[at++] = 0xc0 | (code >> 6);
        buffer[at++] = 0x80 | (code & 0x3f);
      } else if (code < 0xd800 || code > 0xdfff) {
        buffer[at++] = 0xe0 | (code >> 12);
        buffer[at++] = 0x80 | ((code >> 6) & 0x3f);
        buffer[at++] = 0x80 | (code & 0x3f);
      } else {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          buffer[at++] = 0xf0 | (point >> 18);
          buffer[at++] = 0x80 | ((point >> 12) & 0x3f);
          buffer[at++] = 0x80 | ((point >> 6) & 0x3f);
          buffer[at++] = 0x80 | (point & 0x3f);
          i++;
        } else {
          buffer[at++] = BACKSLASH;
          at = hexEscape(buffer, at, code);
        }
      }
    }
    buffer[at++] = QUOTE;
    this.length = at;
  }

  newline(depth: number): void {
    const spaces = depth * 2;
    this.reserve(spaces + 1);
    const buffer = this.buffer;
    let at = this.length;
    buffer[at++] = NEWLINE;
    // A loop: fill() costs more than it saves on a few spaces.
    for (let i = 0; i < spaces; i++) buffer[at++] = SPACE;
    this.length = at;
  }

  /** Text known to be ASCII (punctuation, numbers, literals). */
  ascii(text: string): void {
    this.reserve(text.length);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.length = at;
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
