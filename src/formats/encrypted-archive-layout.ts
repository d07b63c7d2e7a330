/**
 * The byte layout of Coffer's encrypted archive, version 1 (docs/encrypted-archive.md is the
 * specification; this module and that page must agree): the header's fields, the chunk geometry
 * and the record types inside the decrypted stream. All integers are big-endian.
 */
import { CofferError } from '@/src/errors/coffer-error';
import {
  ARCHIVE_NONCE_LENGTH,
  CHUNK_TAG_LENGTH,
  HEADER_TAG_LENGTH,
} from '@/src/crypto/archive-crypto';
import { fromBase64 } from '@/src/crypto/bytes';
import { assertFileKdfWithinBounds } from '@/src/crypto/kdf-bounds';
import type { KdfConfig } from '@/src/crypto/kdf-config';

/** "\x89COFFAR\n": the high byte keeps it from passing as text; the newline shows mangled endings. */
const ARCHIVE_MAGIC = Uint8Array.of(0x89, 0x43, 0x4f, 0x46, 0x46, 0x41, 0x52, 0x0a);
const ARCHIVE_VERSION = 1;

/** The file key's salt: the base64 text of 16 random bytes, as the password-protected .json's. */
const SALT_TEXT_LENGTH = 24;
const SALT_BYTES = 16;

/** Offsets of the version 1 header's fields. */
const AT = {
  version: 8,
  kdfType: 9,
  kdfIterations: 10,
  kdfMemory: 14,
  kdfParallelism: 18,
  salt: 22,
  archiveNonce: 22 + SALT_TEXT_LENGTH,
  chunkSize: 22 + SALT_TEXT_LENGTH + ARCHIVE_NONCE_LENGTH,
  tag: 22 + SALT_TEXT_LENGTH + ARCHIVE_NONCE_LENGTH + 4,
} as const;

/** The header bytes the tag covers (0–65), and the whole header with its tag (0–97). */
export const HEADER_SIGNED_LENGTH = AT.tag;
export const HEADER_LENGTH = AT.tag + HEADER_TAG_LENGTH;
/** Enough to read the magic and the version, which decide how the rest is read. */
const HEADER_PREFIX_LENGTH = AT.version + 1;

/**
 * Plaintext bytes per chunk: 1 MiB by default, so a reader holds one chunk at a time and pays
 * WebCrypto's per-call cost about a thousand times per GiB. A file may choose from 64 bytes (the
 * tests and the documented example use small chunks) to 4 MiB, which bounds a reader's memory.
 */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
export const CHUNK_SIZE_RANGE: readonly [min: number, max: number] = [64, 4 * 1024 * 1024];

/** Record types inside the decrypted stream. */
export const RECORD_DATA = 1;
export const RECORD_ATTACHMENT = 2;
export const RECORD_END = 3;

/** The largest length fields of the records can hold. */
export const MAX_U16 = 0xffff;
export const MAX_U32 = 0xffff_ffff;

/**
 * Where an archive's file key comes from: a file password through the KDF the header names, or
 * the key of the account that wrote it (kdfType 2: no password, no KDF settings).
 */
export type ArchiveKeySource = { kind: 'password'; kdf: KdfConfig } | { kind: 'account' };

/** The header's kdfType byte for each key source. */
const KDF_TYPE = { pbkdf2: 0, argon2id: 1, account: 2 } as const;

export interface ArchiveHeader {
  readonly version: number;
  readonly keySource: ArchiveKeySource;
  /** The salt as the file holds it: its text is the KDF's (or the account key's) salt input. */
  readonly salt: string;
  readonly archiveNonce: Uint8Array<ArrayBuffer>;
  readonly chunkSize: number;
  /** All HEADER_LENGTH bytes, tag included: every chunk's additional data. */
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** The header with its tag still zero: the writer fills it in once the keys exist. */
export function encodeHeader(
  keySource: ArchiveKeySource,
  salt: string,
  archiveNonce: Uint8Array,
  chunkSize: number,
): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(HEADER_LENGTH);
  const view = new DataView(bytes.buffer);
  bytes.set(ARCHIVE_MAGIC, 0);
  bytes[AT.version] = ARCHIVE_VERSION;
  if (keySource.kind === 'account') {
    // An account key needs no KDF: its three numbers stay 0.
    bytes[AT.kdfType] = KDF_TYPE.account;
  } else {
    const { kdf } = keySource;
    bytes[AT.kdfType] = KDF_TYPE[kdf.type];
    view.setUint32(AT.kdfIterations, kdf.iterations);
    view.setUint32(AT.kdfMemory, kdf.type === 'argon2id' ? kdf.memoryMiB : 0);
    view.setUint32(AT.kdfParallelism, kdf.type === 'argon2id' ? kdf.parallelism : 0);
  }
  if (salt.length !== SALT_TEXT_LENGTH) throw new CofferError('errorInternal');
  for (let i = 0; i < SALT_TEXT_LENGTH; i++) bytes[AT.salt + i] = salt.charCodeAt(i);
  bytes.set(archiveNonce, AT.archiveNonce);
  view.setUint32(AT.chunkSize, chunkSize);
  return bytes;
}

/** Refuses what is not a Coffer archive, or one of a version this code does not read. */
function checkMagicAndVersion(prefix: Uint8Array): void {
  if (prefix.length < ARCHIVE_MAGIC.length || ARCHIVE_MAGIC.some((byte, i) => prefix[i] !== byte)) {
    throw new CofferError('errArchiveNotArchive');
  }
  if (prefix.length < HEADER_PREFIX_LENGTH) throw new CofferError('errArchiveTruncated');
  const version = prefix[AT.version]!;
  if (version !== ARCHIVE_VERSION) {
    throw new CofferError('errArchiveVersion', { args: [version, ARCHIVE_VERSION] });
  }
}

/**
 * Reads and checks a whole version 1 header (magic and version first), everything but its tag:
 * the KDF settings against the file bounds, before anyone derives a key from them.
 */
export function parseHeader(bytes: Uint8Array): ArchiveHeader {
  checkMagicAndVersion(bytes);
  if (bytes.length < HEADER_LENGTH) throw new CofferError('errArchiveTruncated');
  // A copy at offset 0 of its own buffer, whatever view (a Node Buffer, say) came in.
  const header = Uint8Array.prototype.slice.call(bytes, 0, HEADER_LENGTH);
  const view = new DataView(header.buffer);
  const keySource = readKeySource(view);
  const salt = String.fromCharCode(...header.subarray(AT.salt, AT.salt + SALT_TEXT_LENGTH));
  if (!isSaltText(salt)) throw new CofferError('errArchiveHeaderDamaged');
  const chunkSize = view.getUint32(AT.chunkSize);
  if (chunkSize < CHUNK_SIZE_RANGE[0] || chunkSize > CHUNK_SIZE_RANGE[1]) {
    throw new CofferError('errArchiveHeaderDamaged');
  }
  return {
    version: ARCHIVE_VERSION,
    keySource,
    salt,
    archiveNonce: header.slice(AT.archiveNonce, AT.archiveNonce + ARCHIVE_NONCE_LENGTH),
    chunkSize,
    bytes: header,
  };
}

/** The kdfType byte and the KDF numbers after it; a password's KDF within the file bounds. */
function readKeySource(view: DataView): ArchiveKeySource {
  const kdfType = view.getUint8(AT.kdfType);
  const iterations = view.getUint32(AT.kdfIterations);
  const memory = view.getUint32(AT.kdfMemory);
  const parallelism = view.getUint32(AT.kdfParallelism);
  let kdf: KdfConfig;
  if (kdfType === KDF_TYPE.account) {
    // Written as zero; anything else is damage, not settings to derive with.
    if (iterations !== 0 || memory !== 0 || parallelism !== 0) {
      throw new CofferError('errArchiveHeaderDamaged');
    }
    return { kind: 'account' };
  }
  if (kdfType === KDF_TYPE.pbkdf2) {
    // The .json writes null for these; here they are zero, and anything else is damage.
    if (memory !== 0 || parallelism !== 0) throw new CofferError('errArchiveHeaderDamaged');
    kdf = { type: 'pbkdf2', iterations };
  } else if (kdfType === KDF_TYPE.argon2id) {
    kdf = { type: 'argon2id', iterations, memoryMiB: memory, parallelism };
  } else {
    throw new CofferError('errFileKdfUnknown', { field: 'kdfType' });
  }
  assertFileKdfWithinBounds(kdf);
  return { kind: 'password', kdf };
}

/** Canonical padded base64 of exactly 16 bytes, as makeFileSalt writes it. */
function isSaltText(text: string): boolean {
  try {
    return fromBase64(text).length === SALT_BYTES;
  } catch {
    return false;
  }
}

export function headerTagOf(header: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  return header.subarray(HEADER_SIGNED_LENGTH, HEADER_LENGTH);
}

export function signedPartOf(header: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  return header.subarray(0, HEADER_SIGNED_LENGTH);
}

/** Where the chunks of an archive of `fileSize` bytes lie. */
export interface ChunkGeometry {
  readonly count: number;
  /** The sealed size of every chunk but the last: chunk size plus the GCM tag. */
  readonly sealedSize: number;
  readonly lastSealedSize: number;
  /** The plaintext bytes of the whole stream. */
  readonly plainLength: number;
}

/**
 * Every chunk but the last is exactly sealedSize bytes, and the last holds at least one byte of
 * plaintext (the end record's), so the file's size alone fixes where each chunk is. A size that
 * fits no such layout is a damaged file.
 */
export function chunkGeometry(fileSize: number, chunkSize: number): ChunkGeometry {
  const sealedSize = chunkSize + CHUNK_TAG_LENGTH;
  const streamLength = fileSize - HEADER_LENGTH;
  if (streamLength <= 0) throw new CofferError('errArchiveTruncated');
  const count = Math.ceil(streamLength / sealedSize);
  const lastSealedSize = streamLength - (count - 1) * sealedSize;
  if (lastSealedSize <= CHUNK_TAG_LENGTH) throw new CofferError('errFileDamaged');
  return {
    count,
    sealedSize,
    lastSealedSize,
    plainLength: streamLength - count * CHUNK_TAG_LENGTH,
  };
}

export function chunkOffset(geometry: ChunkGeometry, index: number): number {
  return HEADER_LENGTH + index * geometry.sealedSize;
}
