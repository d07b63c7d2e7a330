/**
 * The cryptography of Coffer's encrypted archive (docs/encrypted-archive.md): two keys expanded
 * from the file key, a MAC over the header that also checks the password, and the contents as one
 * stream of AES-256-GCM chunks in the STREAM construction (Hoang, Reyhanitabar, Rogaway and Vizár,
 * "Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015, §7), as
 * age and Tink's streaming AEAD use it: each chunk's nonce is its index and a last-chunk flag, so
 * a chunk opens only at its own place, and only the real last chunk opens as the last.
 */
import { concatBytes, utf8 } from './bytes';
import { hkdfExpand, stretchKey } from './stretch';
import type { SymmetricKey } from './symmetric-key';

/** HKDF-Expand info strings: one key per purpose, never one key for two jobs. */
const HEADER_KEY_INFO = 'coffer archive v1 header';
const STREAM_KEY_INFO = 'coffer archive v1 stream';
const ACCOUNT_MATERIAL_INFO = 'coffer archive v1 account';

export const ARCHIVE_NONCE_LENGTH = 16;
export const HEADER_TAG_LENGTH = 32;
export const CHUNK_TAG_LENGTH = 16;
const GCM_NONCE_LENGTH = 12;

export interface ArchiveKeys {
  /** HMAC-SHA256 over the header. */
  readonly header: CryptoKey;
  /** AES-256-GCM for the chunks. */
  readonly stream: CryptoKey;
}

/**
 * The file key of an account-key archive (kdfType 2): its 32 bytes of material are
 * HKDF-Expand(PRK = the account key's MAC half, info = "coffer archive v1 account" ‖ salt text),
 * then stretched as a file password's material is. The session holds the account key's AES half
 * as a non-extractable WebCrypto key, so the MAC half (a 256-bit secret of its own, replaced by a
 * rotation with the rest) is the PRK. That half also authenticates EncStrings and attachments, but
 * always over iv ‖ ciphertext, a multiple of 16 bytes; this HMAC's input is 50 bytes (25 of info,
 * 24 of salt text, the counter byte), so no value it gives can ever be the MAC of one of those,
 * nor theirs this material.
 */
export async function accountArchiveFileKey(
  accountKey: SymmetricKey,
  saltText: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const input = concatBytes(utf8(ACCOUNT_MATERIAL_INFO), utf8(saltText), Uint8Array.of(1));
  // The length that keeps this input apart from every iv ‖ ciphertext the MAC half sees.
  if (input.length % 16 === 0) throw new RangeError('salt text of an unexpected length');
  const material = new Uint8Array(32);
  accountKey.mac.compute(input, material);
  return stretchKey(material);
}

/**
 * The header key from the file key alone; the stream key also from the archive's random nonce, so
 * two archives never share a stream key even if a file key were reused (GCM must never see one
 * nonce twice under one key, and chunk nonces are counters).
 */
export async function deriveArchiveKeys(
  fileKey: Uint8Array<ArrayBuffer>,
  archiveNonce: Uint8Array,
): Promise<ArchiveKeys> {
  const [headerBytes, streamBytes] = await Promise.all([
    hkdfExpand(fileKey, HEADER_KEY_INFO, 32),
    hkdfExpand(fileKey, concatBytes(utf8(STREAM_KEY_INFO), archiveNonce), 32),
  ]);
  const [header, stream] = await Promise.all([
    crypto.subtle.importKey('raw', headerBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]),
    crypto.subtle.importKey('raw', streamBytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
  ]);
  return { header, stream };
}

export async function headerTag(
  keys: ArchiveKeys,
  signed: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', keys.header, signed));
}

/** WebCrypto's verify compares in constant time. */
export function headerTagMatches(
  keys: ArchiveKeys,
  signed: Uint8Array<ArrayBuffer>,
  tag: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  return crypto.subtle.verify('HMAC', keys.header, tag, signed);
}

/** Bytes 0–7: the chunk index, big-endian; 8–10: zero; 11: 1 for the last chunk, else 0. */
function chunkNonce(index: number, last: boolean): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`chunk index must be a whole number ≥ 0, got ${index}`);
  }
  const nonce = new Uint8Array(GCM_NONCE_LENGTH);
  const view = new DataView(nonce.buffer);
  view.setUint32(0, Math.floor(index / 2 ** 32));
  view.setUint32(4, index >>> 0);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Ciphertext followed by the 16-byte GCM tag; `header` is the additional data. */
export async function sealChunk(
  keys: ArchiveKeys,
  index: number,
  last: boolean,
  header: Uint8Array<ArrayBuffer>,
  plain: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: chunkNonce(index, last), additionalData: header, tagLength: 128 },
      keys.stream,
      plain,
    ),
  );
}

/** The chunk's plaintext, or undefined when it is not this archive's chunk `index` (`last`). */
export async function openChunk(
  keys: ArchiveKeys,
  index: number,
  last: boolean,
  header: Uint8Array<ArrayBuffer>,
  sealed: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: chunkNonce(index, last), additionalData: header, tagLength: 128 },
        keys.stream,
        sealed,
      ),
    );
  } catch {
    // WebCrypto's OperationError: the tag did not match; there is nothing else to tell.
    return undefined;
  }
}
