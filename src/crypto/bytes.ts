/**
 * Byte helpers: strict UTF-8 and base64 (RFC 4648 §4, with padding), concatenation and a
 * constant-time comparison. Base64 is done here rather than with atob/btoa because those work on
 * "binary strings" and are slow on large inputs; this codec validates while it decodes.
 */
import { CofferError } from '@/src/errors/coffer-error';

const encoder = new TextEncoder();
// fatal: true makes invalid UTF-8 an error instead of silently becoming U+FFFD.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Decodes UTF-8, refusing malformed sequences. Throws ERR_INVALID_INPUT. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch (cause) {
    throw new CofferError('ERR_INVALID_INPUT', 'The text is not valid UTF-8.', { cause });
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

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk +=
      ENCODE_TABLE[n >> 18]! +
      ENCODE_TABLE[(n >> 12) & 63]! +
      ENCODE_TABLE[(n >> 6) & 63]! +
      ENCODE_TABLE[n & 63]!;
    // Joining pieces keeps very long outputs from building one huge rope string.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full]! << 16;
    chunk += ENCODE_TABLE[n >> 18]! + ENCODE_TABLE[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[full]! << 16) | (bytes[full + 1]! << 8);
    chunk +=
      ENCODE_TABLE[n >> 18]! + ENCODE_TABLE[(n >> 12) & 63]! + ENCODE_TABLE[(n >> 6) & 63]! + '=';
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Decodes canonical padded base64. Anything else (wrong length, characters outside the alphabet,
 * misplaced padding, non-zero bits after the last byte) throws ERR_INVALID_INPUT.
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 !== 0) fail();
  let padding = 0;
  if (text.endsWith('==')) padding = 2;
  else if (text.endsWith('=')) padding = 1;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  const last = text.length - 4;
  for (let i = 0; i < text.length; i += 4) {
    const c0 = sextet(text.charCodeAt(i));
    const c1 = sextet(text.charCodeAt(i + 1));
    if (i === last && padding > 0) {
      if (padding === 2) {
        if ((c0 | c1) > 63 || (c1 & 15) !== 0) fail();
        out[o] = (c0 << 2) | (c1 >> 4);
      } else {
        const c2 = sextet(text.charCodeAt(i + 2));
        if ((c0 | c1 | c2) > 63 || (c2 & 3) !== 0) fail();
        out[o] = (c0 << 2) | (c1 >> 4);
        out[o + 1] = ((c1 & 15) << 4) | (c2 >> 2);
      }
      break;
    }
    const c2 = sextet(text.charCodeAt(i + 2));
    const c3 = sextet(text.charCodeAt(i + 3));
    if ((c0 | c1 | c2 | c3) > 63) fail();
    out[o++] = (c0 << 2) | (c1 >> 4);
    out[o++] = ((c1 & 15) << 4) | (c2 >> 2);
    out[o++] = ((c2 & 3) << 6) | c3;
  }
  return out;
}

function fail(): never {
  throw new CofferError('ERR_INVALID_INPUT', 'The text is not valid base64.');
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
