/**
 * The text form of Bitwarden's encrypted strings (crypto.md, "EncString"). Coffer reads and
 * writes type 2 only: `2.` b64(iv) `|` b64(ct) `|` b64(mac). Other types are recognised so they
 * can be refused by name instead of being mistaken for garbage.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { fromBase64, toBase64 } from './bytes';

export const IV_LENGTH = 16;
export const MAC_LENGTH = 32;
const AES_BLOCK = 16;

/**
 * Above this an EncString is refused before any work. 64 Mi characters hold the `data` field of a
 * password-protected export of about 45 MiB of JSON, far more than any real vault.
 */
export const MAX_ENC_STRING_LENGTH = 64 * 1024 * 1024;

export interface EncStringType2 {
  type: 2;
  iv: Uint8Array<ArrayBuffer>;
  ct: Uint8Array<ArrayBuffer>;
  mac: Uint8Array<ArrayBuffer>;
}

/** Types Bitwarden has defined and Coffer does not accept, each with the reason people see. */
const UNSUPPORTED_TYPES: Record<string, string> = {
  '0': 'AES-CBC without a MAC (type 0) is unauthenticated and is refused.',
  '1': 'AES-128-CBC with HMAC (type 1) is an obsolete format and is not supported.',
  '3': 'RSA-encrypted strings (type 3) are not supported.',
  '4': 'RSA-encrypted strings (type 4) are not supported.',
  '5': 'RSA-encrypted strings (type 5) are not supported.',
  '6': 'RSA-encrypted strings (type 6) are not supported.',
  '7': 'XChaCha20-Poly1305 strings (type 7) are not supported yet.',
};

/**
 * Parses the text form. Throws ERR_ENC_STRING_UNSUPPORTED for a known type other than 2 and
 * ERR_ENC_STRING_MALFORMED for anything else that is not a well-formed type-2 EncString
 * (without saying which part is wrong).
 */
export function parseEncString(text: string): EncStringType2 {
  if (typeof text !== 'string' || text.length > MAX_ENC_STRING_LENGTH) throw malformed();
  const dot = text.indexOf('.');
  const type = dot > 0 ? text.slice(0, dot) : '';
  if (type !== '2') {
    const reason = UNSUPPORTED_TYPES[type];
    if (reason !== undefined && Object.hasOwn(UNSUPPORTED_TYPES, type)) {
      throw new CofferError(
        'ERR_ENC_STRING_UNSUPPORTED',
        `This encrypted value cannot be read: ${reason}`,
      );
    }
    throw malformed();
  }
  const parts = text.slice(dot + 1).split('|');
  if (parts.length !== 3) throw malformed();
  let iv: Uint8Array<ArrayBuffer>, ct: Uint8Array<ArrayBuffer>, mac: Uint8Array<ArrayBuffer>;
  try {
    iv = fromBase64(parts[0]!);
    ct = fromBase64(parts[1]!);
    mac = fromBase64(parts[2]!);
  } catch {
    throw malformed();
  }
  if (iv.length !== IV_LENGTH || mac.length !== MAC_LENGTH) throw malformed();
  if (ct.length === 0 || ct.length % AES_BLOCK !== 0) throw malformed();
  return { type: 2, iv, ct, mac };
}

export function formatEncString(value: {
  iv: Uint8Array;
  ct: Uint8Array;
  mac: Uint8Array;
}): string {
  return `2.${toBase64(value.iv)}|${toBase64(value.ct)}|${toBase64(value.mac)}`;
}

/** A quick shape check for validating files: true when `parseEncString` would accept the text. */
export function isEncString(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    parseEncString(text);
    return true;
  } catch {
    return false;
  }
}

function malformed(): CofferError {
  return new CofferError('ERR_ENC_STRING_MALFORMED', 'This is not a valid encrypted value.');
}
