/**
 * Byte helpers: strict UTF-8 and base64 (RFC 4648 §4, with padding), concatenation and a
 * constant-time comparison. Base64 is done here rather than with atob/btoa because those work on
 * "binary strings" and are slow on large inputs; this codec validates while it decodes.
 */
import { CofferError } from '@/src/errors/coffer-error';

const encoder = new TextEncoder();
// fatal: true makes invalid UTF-8 an error instead of silently becoming U+FFFD.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Below this many characters `encode` is as fast as anything, and allocates once. */
const LONG_TEXT = 4096;

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  if (text.length < LONG_TEXT) return encoder.encode(text);
  // Long text (an export's pieces): in Chromium 156 `encode` ran about 6× slower than
  // `encodeInto` on a 1 MB JSON piece (500 against 78 ms for 22 MB in the extension's worker on
  // the 2-core machine). Most long text here is ASCII (JSON of EncStrings, base64), one byte a
  // character: tried first. Where the buffer fills before the text ends, the rest is encoded
  // after what was, into room for its worst case (3 bytes a UTF-16 unit), and the whole cut to
  // size: the text is encoded once, never counted first.
  const ascii = new Uint8Array(text.length);
  const { read, written } = encoder.encodeInto(text, ascii);
  if (read === text.length) return ascii;
  const out = new Uint8Array(written + (text.length - read) * 3);
  out.set(ascii.subarray(0, written));
  const rest = encoder.encodeInto(text.slice(read), out.subarray(written));
  return out.slice(0, written + rest.written);
}

/** Up to this many characters, `encodeUtf8Into` encodes in a loop here rather than natively. */
const SHORT_TEXT = 256;

/**
 * Writes `text` as UTF-8 into `out` from `at` (which must have room: `utf8Length`), as
 * TextEncoder would (a lone surrogate becomes U+FFFD), and answers where it ended. A vault's
 * fields are short, and each native `encodeInto` call costs more than encoding them here: for
 * the 125,000 strings of the SDK's 10,000 items, 86–248 ms natively against 47–60 ms this way in
 * Chromium 156 on the 2-core machine (longer text still goes to `encodeInto`).
 */
export function encodeUtf8Into(text: string, out: Uint8Array, at: number): number {
  if (text.length > SHORT_TEXT) {
    return at + encoder.encodeInto(text, out.subarray(at)).written;
  }
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out[at++] = code;
    } else if (code < 0x800) {
      out[at++] = 0xc0 | (code >> 6);
      out[at++] = 0x80 | (code & 0x3f);
    } else {
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[at++] = 0xf0 | (code >> 18);
          out[at++] = 0x80 | ((code >> 12) & 0x3f);
          out[at++] = 0x80 | ((code >> 6) & 0x3f);
          out[at++] = 0x80 | (code & 0x3f);
          continue;
        }
        code = 0xfffd;
      }
      out[at++] = 0xe0 | (code >> 12);
      out[at++] = 0x80 | ((code >> 6) & 0x3f);
      out[at++] = 0x80 | (code & 0x3f);
    }
  }
  return at;
}

/** How many bytes `text` takes in UTF-8, without encoding it (lone surrogates count as U+FFFD). */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

/** Decodes UTF-8, refusing malformed sequences. Throws ERR_INVALID_INPUT. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch (cause) {
    throw new CofferError('errNotUtf8', { cause });
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE_TABLE = Array.from(ALPHABET);
/** Maps a char code to its 6-bit value, or 255 when it is not in the alphabet. */
const DECODE_TABLE = (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Below this many bytes, building the string directly beats writing a buffer and decoding it. */
const SHORT_INPUT = 96;
const ENCODE_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61; // '='
const asciiDecoder = new TextDecoder();

/**
 * The browsers' own base64 (`Uint8Array.prototype.toBase64` / `Uint8Array.fromBase64`, in Chromium
 * since 140 and Firefox since 133; not in Node 20): ten times the speed of the code below on the
 * megabytes an attachment or a backup moves between the popup, the worker and the offscreen
 * document. Absent, the code below does the same work.
 */
const NATIVE = Uint8Array as unknown as {
  prototype: { toBase64?: () => string };
  fromBase64?: (text: string, options: { lastChunkHandling: 'strict' }) => Uint8Array<ArrayBuffer>;
};
/** ASCII whitespace, which the native decoder skips and canonical base64 never holds. */
const WHITESPACE = /[\t\n\f\r ]/;

export function toBase64(bytes: Uint8Array): string {
  if (bytes.length < SHORT_INPUT) return toBase64Short(bytes);
  if (NATIVE.prototype.toBase64) return NATIVE.prototype.toBase64.call(bytes);
  // Long inputs (whole export files): write the ASCII output into a buffer, decode it once.
  const out = new Uint8Array(base64Length(bytes.length));
  encodeBase64Into(bytes, out, 0);
  return asciiDecoder.decode(out);
}

/** How many characters the padded base64 of `byteLength` bytes takes. */
export function base64Length(byteLength: number): number {
  return Math.ceil(byteLength / 3) * 4;
}

/**
 * Writes the padded base64 of `bytes` as ASCII codes into `out` at `offset` and returns the
 * offset after it: many values can share one buffer and become text in one decode.
 */
export function encodeBase64Into(bytes: Uint8Array, out: Uint8Array, offset: number): number {
  const full = bytes.length - (bytes.length % 3);
  let o = offset;
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE_CODES[n >> 18]!;
    out[o++] = ENCODE_CODES[(n >> 12) & 63]!;
    out[o++] = ENCODE_CODES[(n >> 6) & 63]!;
    out[o++] = ENCODE_CODES[n & 63]!;
  }
  const rest = bytes.length - full;
  if (rest > 0) {
    const n = (bytes[full]! << 16) | (rest === 2 ? bytes[full + 1]! << 8 : 0);
    out[o++] = ENCODE_CODES[n >> 18]!;
    out[o++] = ENCODE_CODES[(n >> 12) & 63]!;
    out[o++] = rest === 2 ? ENCODE_CODES[(n >> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return o;
}

/** ASCII codes (as `encodeBase64Into` writes them) as text. */
export function asciiText(codes: Uint8Array): string {
  return asciiDecoder.decode(codes);
}

function toBase64Short(bytes: Uint8Array): string {
  let out = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ENCODE_TABLE[n >> 18]! +
      ENCODE_TABLE[(n >> 12) & 63]! +
      ENCODE_TABLE[(n >> 6) & 63]! +
      ENCODE_TABLE[n & 63]!;
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full]! << 16;
    out += ENCODE_TABLE[n >> 18]! + ENCODE_TABLE[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[full]! << 16) | (bytes[full + 1]! << 8);
    out +=
      ENCODE_TABLE[n >> 18]! + ENCODE_TABLE[(n >> 12) & 63]! + ENCODE_TABLE[(n >> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Decodes canonical padded base64. Anything else (wrong length, characters outside the alphabet,
 * misplaced padding, non-zero bits after the last byte) throws ERR_INVALID_INPUT.
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (NATIVE.fromBase64 && text.length >= SHORT_INPUT && !WHITESPACE.test(text)) {
    try {
      // "strict": padding required and no bits set after the last byte, as below.
      return NATIVE.fromBase64(text, { lastChunkHandling: 'strict' });
    } catch {
      // Not canonical base64: the code below says exactly why, in Coffer's words.
    }
  }
  const out = new Uint8Array(decodedLength(text, 0, text.length));
  decodeBase64Into(text, 0, text.length, out, 0);
  return out;
}

/** How many bytes `text[start, end)` decodes to; throws ERR_INVALID_INPUT if it cannot be base64. */
export function decodedLength(text: string, start: number, end: number): number {
  const length = end - start;
  if (length % 4 !== 0) fail();
  if (length === 0) return 0;
  const padding = text.charCodeAt(end - 1) === PAD ? (text.charCodeAt(end - 2) === PAD ? 2 : 1) : 0;
  return (length / 4) * 3 - padding;
}

/**
 * Decodes `text[start, end)` into `target` at `offset`, without copying the text, and returns the
 * number of bytes written. Throws ERR_INVALID_INPUT as `fromBase64` does.
 */
export function decodeBase64Into(
  text: string,
  start: number,
  end: number,
  target: Uint8Array,
  offset: number,
): number {
  const total = decodedLength(text, start, end);
  const padding = ((end - start) / 4) * 3 - total;
  let o = offset;
  const last = end - 4;
  for (let i = start; i < end; i += 4) {
    const c0 = sextet(text.charCodeAt(i));
    const c1 = sextet(text.charCodeAt(i + 1));
    if (i === last && padding > 0) {
      if (padding === 2) {
        if ((c0 | c1) > 63 || (c1 & 15) !== 0) fail();
        target[o] = (c0 << 2) | (c1 >> 4);
      } else {
        const c2 = sextet(text.charCodeAt(i + 2));
        if ((c0 | c1 | c2) > 63 || (c2 & 3) !== 0) fail();
        target[o] = (c0 << 2) | (c1 >> 4);
        target[o + 1] = ((c1 & 15) << 4) | (c2 >> 2);
      }
      break;
    }
    const c2 = sextet(text.charCodeAt(i + 2));
    const c3 = sextet(text.charCodeAt(i + 3));
    if ((c0 | c1 | c2 | c3) > 63) fail();
    target[o++] = (c0 << 2) | (c1 >> 4);
    target[o++] = ((c1 & 15) << 4) | (c2 >> 2);
    target[o++] = ((c2 & 3) << 6) | c3;
  }
  return total;
}

function fail(): never {
  throw new CofferError('errNotBase64');
}

function sextet(code: number): number {
  return code < 128 ? DECODE_TABLE[code]! : 255;
}

export function concatBytes(...arrays: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(arrays.reduce((sum, a) => sum + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** Compares without an early exit, so the time taken does not tell where two values differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
