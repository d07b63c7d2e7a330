/**
 * The account encryption key ("user key") and what protects it (crypto.md, "Account keys"):
 * 64 random bytes, stored only as an EncString under the stretched master key. A successful MAC
 * check while unwrapping proves the master password.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { decryptBytes, encryptBytes } from './aes-cbc-hmac';
import { toBase64, utf8 } from './bytes';
import { deriveMasterKey } from './kdf';
import type { KdfBounds } from './kdf-bounds';
import type { KdfConfig } from './kdf-config';
import { randomBytes } from './random';
import { stretchKey } from './stretch';
import { SYMMETRIC_KEY_LENGTH, importSymmetricKey, type SymmetricKey } from './symmetric-key';

export function makeUserKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(SYMMETRIC_KEY_LENGTH);
}

/** The stretched master key, ready to wrap or unwrap the user key. */
export async function deriveStretchedMasterKey(
  masterPassword: string,
  email: string,
  kdf: KdfConfig,
  bounds?: KdfBounds,
): Promise<SymmetricKey> {
  const masterKey = await deriveMasterKey(masterPassword, email, kdf, bounds);
  return importSymmetricKey(await stretchKey(masterKey));
}

export function protectUserKey(
  userKey: Uint8Array<ArrayBuffer>,
  stretchedMasterKey: SymmetricKey,
): Promise<string> {
  return encryptBytes(userKey, stretchedMasterKey);
}

/**
 * Unwraps the user key. A wrong master password fails the MAC check and surfaces as
 * ERR_DECRYPT_FAILED, which callers report as a wrong password.
 */
export async function unprotectUserKey(
  protectedUserKey: string,
  stretchedMasterKey: SymmetricKey,
): Promise<Uint8Array<ArrayBuffer>> {
  const userKey = await decryptBytes(protectedUserKey, stretchedMasterKey);
  if (userKey.length !== SYMMETRIC_KEY_LENGTH) {
    throw new CofferError('errProtectedKeyLength');
  }
  return userKey;
}

/**
 * PBKDF2-SHA256(password = master key, salt = master password, iterations, 32), base64: 1 iteration
 * is what Bitwarden sends its server, 2 what it keeps for local checks.
 */
export async function hashMasterPassword(
  masterKey: Uint8Array<ArrayBuffer>,
  masterPassword: string,
  iterations: 1 | 2,
): Promise<string> {
  const base = await crypto.subtle.importKey('raw', masterKey, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: utf8(masterPassword), iterations },
    base,
    256,
  );
  return toBase64(new Uint8Array(bits));
}
