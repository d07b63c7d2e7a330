/**
 * A 64-byte Bitwarden symmetric key (crypto.md): bytes 0–31 are the AES-256-CBC key, 32–63 the
 * HMAC-SHA256 key. Both halves are prepared once and reused for every field the key protects:
 * the AES half as a non-extractable WebCrypto key, the MAC half as a keyed HMAC-SHA256 instance
 * of hash-wasm (see aes-cbc-hmac.ts for why the MAC is not computed by WebCrypto).
 */
import { createHMAC, createSHA256, type IHasher } from 'hash-wasm';
import { CofferError } from '@/src/errors/coffer-error';

export const SYMMETRIC_KEY_LENGTH = 64;

export interface SymmetricKey {
  readonly encKey: CryptoKey;
  /** Keyed HMAC-SHA256; synchronous, so init/update/digest never interleave between callers. */
  readonly mac: IHasher;
}

export async function importSymmetricKey(bytes: Uint8Array): Promise<SymmetricKey> {
  if (bytes.length !== SYMMETRIC_KEY_LENGTH) {
    throw new CofferError(
      'ERR_INVALID_KEY',
      `A symmetric key has ${SYMMETRIC_KEY_LENGTH} bytes, got ${bytes.length}.`,
    );
  }
  const [encKey, mac] = await Promise.all([
    crypto.subtle.importKey('raw', bytes.slice(0, 32), { name: 'AES-CBC' }, false, [
      'encrypt',
      'decrypt',
    ]),
    createHMAC(createSHA256(), bytes.slice(32, 64)),
  ]);
  return { encKey, mac };
}
