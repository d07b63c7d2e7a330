/**
 * The text form of Bitwarden's encrypted strings (crypto.md, "EncString"). Coffer reads and
 * writes type 2 only: `2.` b64(iv) `|` b64(ct) `|` b64(mac). Other types are recognised so they
 * can be refused by name instead of being mistaken for garbage.
 */
import { CofferError } from '@/src/errors/coffer-error';
import type { ErrorKeyWithCode } from '@/src/errors/error-codes';
import { decodeBase64Into, decodedLength } from './bytes';

export const IV_LENGTH = 16;
export const MAC_LENGTH = 32;
const AES_BLOCK = 16;

/**
 * Above this an EncString is refused before any work. 128 Mi characters hold the `data` field of
 * the largest password-protected file Coffer reads (MAX_IMPORT_FILE_BYTES, in src/vault/policy.ts).
 */
export const MAX_ENC_STRING_LENGTH = 128 * 1024 * 1024;

export interface EncStringType2 {
  type: 2;
  iv: Uint8Array<ArrayBuffer>;
  ct: Uint8Array<ArrayBuffer>;
  mac: Uint8Array<ArrayBuffer>;
}

/** Where the three base64 parts of a well-formed type-2 EncString are, and the ciphertext size. */
export interface EncStringParts {
  iv: [start: number, end: number];
  ct: [start: number, end: number];
  mac: [start: number, end: number];
  ctLength: number;
}

/** Types Bitwarden has defined and Coffer does not accept, each with the reason people see. */
const UNSUPPORTED_TYPES: Record<string, ErrorKeyWithCode<'ERR_ENC_STRING_UNSUPPORTED'>> = {
  '0': 'errEncStringType0',
  '1': 'errEncStringType1',
  '3': 'errEncStringRsa',
  '4': 'errEncStringRsa',
  '5': 'errEncStringRsa',
  '6': 'errEncStringRsa',
  '7': 'errEncStringType7',
};

/**
 * Checks the structure of a type-2 EncString without decoding it: the type, three parts, and
 * base64 lengths that give a 16-byte iv, a 32-byte MAC and whole AES blocks. Throws
 * ERR_ENC_STRING_UNSUPPORTED for a known other type, ERR_ENC_STRING_MALFORMED otherwise
 * (without saying which part is wrong).
 */
export function locateEncString(text: string): EncStringParts {
  if (typeof text !== 'string' || text.length > MAX_ENC_STRING_LENGTH) throw malformed();
  const dot = text.indexOf('.');
  const type = dot > 0 ? text.slice(0, dot) : '';
  if (type !== '2') {
    const reason = Object.hasOwn(UNSUPPORTED_TYPES, type) ? UNSUPPORTED_TYPES[type] : undefined;
    if (reason !== undefined) {
      throw new CofferError(reason, { args: [type] });
    }
    throw malformed();
  }
  const bar1 = text.indexOf('|', dot + 1);
  const bar2 = bar1 < 0 ? -1 : text.indexOf('|', bar1 + 1);
  if (bar2 < 0 || text.indexOf('|', bar2 + 1) >= 0) throw malformed();
  const parts: EncStringParts = {
    iv: [dot + 1, bar1],
    ct: [bar1 + 1, bar2],
    mac: [bar2 + 1, text.length],
    ctLength: 0,
  };
  try {
    if (decodedLength(text, ...parts.iv) !== IV_LENGTH) throw malformed();
    if (decodedLength(text, ...parts.mac) !== MAC_LENGTH) throw malformed();
    parts.ctLength = decodedLength(text, ...parts.ct);
  } catch {
    throw malformed();
  }
  if (parts.ctLength === 0 || parts.ctLength % AES_BLOCK !== 0) throw malformed();
  return parts;
}

/** Decodes one part located by `locateEncString` into `target` at `offset`. */
export function decodePartInto(
  text: string,
  part: [number, number],
  target: Uint8Array,
  offset: number,
): void {
  try {
    decodeBase64Into(text, part[0], part[1], target, offset);
  } catch {
    throw malformed();
  }
}

/** Parses the text form into its three decoded parts (errors as in `locateEncString`). */
export function parseEncString(text: string): EncStringType2 {
  const parts = locateEncString(text);
  const iv = new Uint8Array(IV_LENGTH);
  const ct = new Uint8Array(parts.ctLength);
  const mac = new Uint8Array(MAC_LENGTH);
  decodePartInto(text, parts.iv, iv, 0);
  decodePartInto(text, parts.ct, ct, 0);
  decodePartInto(text, parts.mac, mac, 0);
  return { type: 2, iv, ct, mac };
}

/**
 * A shape check for validating files: true when the text has the structure of a type-2
 * EncString (`locateEncString` accepts it). The base64 characters are checked when it is
 * decrypted; this stays cheap on a 20 MB `data` field and on plain text, which is turned away
 * before any error is made.
 */
export function isEncString(text: unknown): text is string {
  if (typeof text !== 'string' || !text.startsWith('2.')) return false;
  try {
    locateEncString(text);
    return true;
  } catch {
    return false;
  }
}

function malformed(): CofferError {
  return new CofferError('errEncStringMalformed');
}
