/**
 * Writes Coffer's encrypted archive (docs/encrypted-archive.md): data.json and every attachment,
 * encrypted and authenticated under a key derived from a file password (or from the account key,
 * for a backup nobody is there to type a password for), as the header and then one chunk at a
 * time, so at most one chunk of ciphertext and what the caller hands in are held.
 */
import {
  ARCHIVE_NONCE_LENGTH,
  accountArchiveFileKey,
  deriveArchiveKeys,
  headerTag,
  sealChunk,
  type ArchiveKeys,
} from '@/src/crypto/archive-crypto';
import { utf8 } from '@/src/crypto/bytes';
import { deriveFileKeyBytes, makeFileSalt, type DeriveKdfMaterial } from '@/src/crypto/file-key';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { randomBytes } from '@/src/crypto/random';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import {
  CHUNK_SIZE_RANGE,
  DEFAULT_CHUNK_SIZE,
  HEADER_SIGNED_LENGTH,
  MAX_U16,
  MAX_U32,
  RECORD_ATTACHMENT,
  RECORD_DATA,
  RECORD_END,
  encodeHeader,
  signedPartOf,
} from './encrypted-archive-layout';

/**
 * What the archive's key comes from: a file password with the KDF settings to derive it with, or
 * this account's key (only this account, until its key is rotated, can open such an archive).
 */
export type ArchiveWriteKey =
  { filePassword: string; kdf: KdfConfig } | { accountKey: SymmetricKey };

/** Receives the archive's bytes in order; each piece is the writer's to give away. */
export type ArchiveSink = (piece: Uint8Array<ArrayBuffer>) => Promise<void>;

export interface ArchiveWriterOptions {
  /** Plaintext bytes per chunk (CHUNK_SIZE_RANGE); 1 MiB unless a test wants many small ones. */
  chunkSize?: number;
  /** Runs a file password's KDF elsewhere (a Worker), as for the password-protected .json. */
  derive?: DeriveKdfMaterial;
}

export interface AttachmentEntry {
  /** The id of the item in data.json the attachment belongs to. */
  itemId: string;
  fileName: string;
}

export interface EncryptedArchiveWriter {
  /** The next piece of data.json; every piece comes before the first attachment. */
  writeData(piece: string | Uint8Array): Promise<void>;
  addAttachment(entry: AttachmentEntry, content: Uint8Array): Promise<void>;
  /** Writes the end record and the last chunk; resolves to the archive's size in bytes. */
  finish(): Promise<number>;
}

/**
 * Derives the file key (a password's KDF settings checked against the file bounds first), hands
 * the header to `sink` and returns the writer. Calls run one after another in the order they are
 * made; after a failure every later call fails the same way, so a broken archive is never
 * finished.
 */
export async function startEncryptedArchive(
  key: ArchiveWriteKey,
  sink: ArchiveSink,
  options: ArchiveWriterOptions = {},
): Promise<EncryptedArchiveWriter> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (
    !Number.isSafeInteger(chunkSize) ||
    chunkSize < CHUNK_SIZE_RANGE[0] ||
    chunkSize > CHUNK_SIZE_RANGE[1]
  ) {
    throw new CofferError('errorInternal');
  }
  const salt = makeFileSalt();
  const archiveNonce = randomBytes(ARCHIVE_NONCE_LENGTH);
  const fileKey =
    'accountKey' in key
      ? await accountArchiveFileKey(key.accountKey, salt)
      : await deriveFileKeyBytes(key.filePassword, salt, key.kdf, options.derive);
  const keys = await deriveArchiveKeys(fileKey, archiveNonce);
  const header = encodeHeader(
    'accountKey' in key ? { kind: 'account' } : { kind: 'password', kdf: key.kdf },
    salt,
    archiveNonce,
    chunkSize,
  );
  header.set(await headerTag(keys, signedPartOf(header)), HEADER_SIGNED_LENGTH);
  await sink(header.slice());

  const chunks = chunkWriter(keys, header, chunkSize, sink);
  let stage: 'data' | 'attachments' | 'finished' = 'data';
  let records = 0;
  let tail: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(step: () => Promise<T>): Promise<T> => {
    const result = tail.then(step);
    tail = result;
    return result;
  };

  return {
    writeData: (piece) =>
      inOrder(async () => {
        if (stage !== 'data') throw new CofferError('errorInternal');
        const bytes = typeof piece === 'string' ? utf8(piece) : piece;
        for (let start = 0; start < bytes.length; start += MAX_U32) {
          const part = bytes.subarray(start, Math.min(bytes.length, start + MAX_U32));
          const head = new Uint8Array(5);
          head[0] = RECORD_DATA;
          new DataView(head.buffer).setUint32(1, part.length);
          await chunks.push(head);
          await chunks.push(part);
          records++;
        }
      }),
    addAttachment: (entry, content) =>
      inOrder(async () => {
        if (stage === 'finished') throw new CofferError('errorInternal');
        stage = 'attachments';
        await chunks.push(attachmentHead(entry, content.length));
        await chunks.push(content);
        records++;
      }),
    finish: () =>
      inOrder(async () => {
        if (stage === 'finished') throw new CofferError('errorInternal');
        stage = 'finished';
        const end = new Uint8Array(5);
        end[0] = RECORD_END;
        new DataView(end.buffer).setUint32(1, records);
        await chunks.push(end);
        return header.length + (await chunks.finish());
      }),
  };
}

/** Type, item id and file name (each a 16-bit length and UTF-8), then the 64-bit size. */
function attachmentHead(entry: AttachmentEntry, size: number): Uint8Array<ArrayBuffer> {
  const itemId = utf8(entry.itemId);
  const fileName = utf8(entry.fileName);
  for (const field of [itemId, fileName]) {
    if (field.length === 0 || field.length > MAX_U16) throw new CofferError('errorInternal');
  }
  const head = new Uint8Array(1 + 2 + itemId.length + 2 + fileName.length + 8);
  const view = new DataView(head.buffer);
  head[0] = RECORD_ATTACHMENT;
  let at = 1;
  for (const field of [itemId, fileName]) {
    view.setUint16(at, field.length);
    head.set(field, at + 2);
    at += 2 + field.length;
  }
  view.setUint32(at, Math.floor(size / 2 ** 32));
  view.setUint32(at + 4, size >>> 0);
  return head;
}

interface ChunkWriter {
  push(bytes: Uint8Array): Promise<void>;
  /** Seals what is left as the last chunk; resolves to the bytes of all chunks. */
  finish(): Promise<number>;
}

/**
 * Cuts the plaintext stream into chunks. A full chunk is sealed only once more bytes arrive,
 * since until then it could be the last; the end record guarantees the last is never empty.
 */
function chunkWriter(
  keys: ArchiveKeys,
  header: Uint8Array<ArrayBuffer>,
  chunkSize: number,
  sink: ArchiveSink,
): ChunkWriter {
  const buffer = new Uint8Array(chunkSize);
  let filled = 0;
  let index = 0;
  let written = 0;
  const seal = async (last: boolean) => {
    const sealed = await sealChunk(keys, index++, last, header, buffer.subarray(0, filled));
    filled = 0;
    written += sealed.length;
    await sink(sealed);
  };
  return {
    async push(bytes) {
      for (let offset = 0; offset < bytes.length;) {
        if (filled === chunkSize) await seal(false);
        const take = Math.min(bytes.length - offset, chunkSize - filled);
        buffer.set(bytes.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
      }
    },
    async finish() {
      await seal(true);
      return written;
    },
  };
}
