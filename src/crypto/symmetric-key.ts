/**
 * A 64-byte Bitwarden symmetric key (crypto.md): bytes 0–31 are the AES-256-CBC key, 32–63 the
 * HMAC-SHA256 key. Both halves are prepared once and reused for every field the key protects:
 * the AES half as a non-extractable WebCrypto key, the MAC half as a keyed HMAC state.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { createMacKey, type MacKey } from './mac';

export const SYMMETRIC_KEY_LENGTH = 64;

export interface SymmetricKey {
  readonly encKey: CryptoKey;
  readonly mac: MacKey;
}

export async function importSymmetricKey(bytes: Uint8Array): Promise<SymmetricKey> {
  if (bytes.length !== SYMMETRIC_KEY_LENGTH) {
    throw new CofferError('errKeyLength', {
      args: [SYMMETRIC_KEY_LENGTH, bytes.length],
    });
  }
  const encKey = await crypto.subtle.importKey(
    'raw',
    bytes.slice(0, 32),
    { name: 'AES-CBC' },
    false,
    ['encrypt', 'decrypt'],
  );
  return { encKey, mac: createMacKey(bytes.slice(32, 64)) };
}
