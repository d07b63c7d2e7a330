/**
 * Attachment contents, encrypted the way Bitwarden encrypts them (its SDK's
 * `symmetric_encrypt_filedata`, an "EncArrayBuffer"): one buffer laid out as
 * `[type 2][IV, 16 bytes][HMAC-SHA256, 32 bytes][AES-256-CBC ciphertext, PKCS#7 padded]`, the MAC
 * over IV || ciphertext. The key is a fresh 64-byte key per attachment, itself kept as an EncString
 * under the account key (`wrapAttachmentKey`), so key rotation re-wraps 64 bytes per attachment and
 * never touches the content. Decryption checks the MAC, in constant time, before any byte is
 * decrypted; every failure is the same ERR_DECRYPT_FAILED.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { decryptBytes, encryptBytes } from './aes-cbc-hmac';
import { constantTimeEqual } from './bytes';
import { IV_LENGTH, MAC_LENGTH } from './enc-string';
import { randomBytes } from './random';
import { importSymmetricKey, SYMMETRIC_KEY_LENGTH, type SymmetricKey } from './symmetric-key';

const ENC_TYPE_AES_CBC_HMAC = 2;
const HEADER_LENGTH = 1 + IV_LENGTH + MAC_LENGTH;
const BLOCK = 16;
/** Data this long or longer is MAC-ed by the streaming (WebAssembly) HMAC, which is faster. */
const LARGE_DATA = 1024 * 1024;

/** The encrypted size of `plainLength` bytes of content. */
export function encryptedFileDataLength(plainLength: number): number {
  return HEADER_LENGTH + (Math.floor(plainLength / BLOCK) + 1) * BLOCK;
}

export async function encryptFileData(
  plain: Uint8Array,
  key: SymmetricKey,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = randomBytes(IV_LENGTH);
  const ct = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-CBC', iv },
      key.encKey,
      plain as Uint8Array<ArrayBuffer>,
    ),
  );
  const out = new Uint8Array(HEADER_LENGTH + ct.length);
  out[0] = ENC_TYPE_AES_CBC_HMAC;
  out.set(iv, 1);
  out.set(ct, HEADER_LENGTH);
  out.set(await macOf(key, out.subarray(1, 1 + IV_LENGTH), ct), 1 + IV_LENGTH);
  return out;
}

export async function decryptFileData(
  data: Uint8Array,
  key: SymmetricKey,
): Promise<Uint8Array<ArrayBuffer>> {
  if (data.length < 1 || data[0] !== ENC_TYPE_AES_CBC_HMAC) {
    throw new CofferError('errorDecryptFailed');
  }
  const ctLength = data.length - HEADER_LENGTH;
  if (ctLength < BLOCK || ctLength % BLOCK !== 0) throw new CofferError('errorDecryptFailed');
  const iv = data.slice(1, 1 + IV_LENGTH);
  const mac = data.subarray(1 + IV_LENGTH, HEADER_LENGTH);
  const ct = data.subarray(HEADER_LENGTH);
  if (!constantTimeEqual(await macOf(key, iv, ct), mac)) {
    throw new CofferError('errorDecryptFailed');
  }
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-CBC', iv },
        key.encKey,
        ct as Uint8Array<ArrayBuffer>,
      ),
    );
  } catch {
    throw new CofferError('errorDecryptFailed');
  }
}

async function macOf(key: SymmetricKey, iv: Uint8Array, ct: Uint8Array): Promise<Uint8Array> {
  if (ct.length < LARGE_DATA) {
    const joined = new Uint8Array(iv.length + ct.length);
    joined.set(iv);
    joined.set(ct, iv.length);
    return key.mac.compute(joined);
  }
  const stream = await key.mac.stream();
  stream.update(iv);
  stream.update(ct);
  return stream.digest();
}

/** A new attachment key: its 64 bytes (to wrap) and the key made from them. */
export async function makeAttachmentKey(): Promise<{ bytes: Uint8Array; key: SymmetricKey }> {
  const bytes = randomBytes(SYMMETRIC_KEY_LENGTH);
  return { bytes, key: await importSymmetricKey(bytes) };
}

/** The attachment key as an EncString under `wrappingKey` (the account's), as Bitwarden keeps it. */
export function wrapAttachmentKey(
  keyBytes: Uint8Array,
  wrappingKey: SymmetricKey,
): Promise<string> {
  return encryptBytes(keyBytes, wrappingKey);
}

export async function unwrapAttachmentKey(
  wrapped: string,
  wrappingKey: SymmetricKey,
): Promise<SymmetricKey> {
  return importSymmetricKey(await decryptBytes(wrapped, wrappingKey));
}
