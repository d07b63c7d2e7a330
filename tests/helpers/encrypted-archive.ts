/**
 * Encrypted archives for tests: written whole into memory by Coffer's writer, read whole back by
 * its reader (every record, so every check runs), with the cheapest KDF a file may ask for and a
 * KDF that keeps what it derived, for tests that open one archive hundreds of times. A password
 * is given as its text; an account-key archive's key as `{ accountKey }`.
 */
import { deriveFileKdf } from '@/src/crypto/keepass-argon2';
import { FILE_KDF_BOUNDS } from '@/src/crypto/kdf-bounds';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import {
  openEncryptedArchive,
  type ArchiveAttachment,
  type ArchiveReaderOptions,
} from '@/src/formats/encrypted-archive-reader';
import { bytesSource, type ArchiveSource } from '@/src/formats/encrypted-archive-stream';
import {
  startEncryptedArchive,
  type ArchiveWriterOptions,
  type AttachmentEntry,
} from '@/src/formats/encrypted-archive-writer';

/** The fewest PBKDF2 iterations a file may ask for (FILE_KDF_BOUNDS): a few milliseconds. */
export const CHEAP_KDF: KdfConfig = {
  type: 'pbkdf2',
  iterations: FILE_KDF_BOUNDS.pbkdf2Iterations[0],
};

interface ArchiveFile extends AttachmentEntry {
  content: Uint8Array;
}

export interface ArchiveContents {
  /** data.json, whole or in the pieces it is written in. */
  data: string | (string | Uint8Array)[];
  attachments: ArchiveFile[];
}

export interface WrittenArchive {
  bytes: Uint8Array<ArrayBuffer>;
  /** What the writer handed its sink, in order. */
  pieces: Uint8Array[];
  /** What finish() said the size was. */
  reportedSize: number;
}

/** A file password, or the account key of an account-key archive. */
export type TestArchiveKey = string | { accountKey: SymmetricKey };

export async function writeArchive(
  key: TestArchiveKey,
  contents: ArchiveContents,
  options: ArchiveWriterOptions & { kdf?: KdfConfig } = {},
): Promise<WrittenArchive> {
  const pieces: Uint8Array[] = [];
  const writer = await startEncryptedArchive(
    typeof key === 'string' ? { filePassword: key, kdf: options.kdf ?? CHEAP_KDF } : key,
    async (piece) => {
      pieces.push(piece);
    },
    options,
  );
  for (const piece of typeof contents.data === 'string' ? [contents.data] : contents.data) {
    await writer.writeData(piece);
  }
  for (const { itemId, fileName, content } of contents.attachments) {
    await writer.addAttachment({ itemId, fileName }, content);
  }
  const reportedSize = await writer.finish();
  const bytes = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return { bytes, pieces, reportedSize };
}

export interface ReadArchive {
  data: string;
  attachments: (ArchiveFile & { size: number })[];
}

/** Every record read and checked, the end record included. */
export async function readArchive(
  input: Uint8Array | ArchiveSource,
  key: TestArchiveKey,
  options: ArchiveReaderOptions = {},
): Promise<ReadArchive> {
  const source = input instanceof Uint8Array ? bytesSource(input) : input;
  const archive = await openEncryptedArchive(
    source,
    typeof key === 'string' ? { filePassword: key } : key,
    options,
  );
  const data = await archive.readData();
  const attachments: ReadArchive['attachments'] = [];
  const files: AsyncIterable<ArchiveAttachment> = archive.attachments();
  for await (const { itemId, fileName, size, read } of files) {
    attachments.push({ itemId, fileName, size, content: await read() });
  }
  return { data, attachments };
}

/** The real KDF, each distinct derivation done once: tampered salts and settings still derive. */
export function rememberingDerive(): DeriveKdfMaterial & { calls: () => number } {
  const known = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  let calls = 0;
  const derive: DeriveKdfMaterial = (password, salt, kdf) => {
    calls++;
    const key = JSON.stringify([[...password], [...salt], kdf]);
    let result = known.get(key);
    if (!result) {
      result = deriveFileKdf(password, salt, kdf);
      known.set(key, result);
    }
    return result.then((bytes) => bytes.slice());
  };
  return Object.assign(derive, { calls: () => calls });
}

/** A source that records every read it is asked for. */
export function recordingSource(
  bytes: Uint8Array,
): ArchiveSource & { reads: { offset: number; length: number }[] } {
  const inner = bytesSource(bytes);
  const reads: { offset: number; length: number }[] = [];
  return {
    size: inner.size,
    reads,
    readAt(offset, length) {
      reads.push({ offset, length });
      return inner.readAt(offset, length);
    },
  };
}
