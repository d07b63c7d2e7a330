/**
 * Reads Coffer's encrypted archive (docs/encrypted-archive.md). Opening checks the header (magic,
 * version, KDF settings against the file bounds) before any key is derived, then the password (or
 * the account key, for an archive made with it) against the header's tag before anything is
 * decrypted. The contents follow in order: data.json,
 * then one attachment at a time, each byte checked before it is handed out. The archive is known
 * whole and unchanged only when the attachments' loop has ended normally (the end record, in the
 * last chunk, checked): nothing read may be kept for good before then.
 */
import {
  accountArchiveFileKey,
  deriveArchiveKeys,
  headerTagMatches,
} from '@/src/crypto/archive-crypto';
import { decodeUtf8Strict } from '@/src/crypto/bytes';
import { deriveFileKeyBytes, type DeriveKdfMaterial } from '@/src/crypto/file-key';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import { MAX_ATTACHMENT_BYTES, MAX_IMPORT_FILE_BYTES } from '@/src/vault/policy';
import {
  HEADER_LENGTH,
  RECORD_ATTACHMENT,
  RECORD_DATA,
  RECORD_END,
  chunkGeometry,
  headerTagOf,
  parseHeader,
  signedPartOf,
  type ArchiveHeader,
} from './encrypted-archive-layout';
import { openPlainStream, type ArchiveSource, type PlainStream } from './encrypted-archive-stream';

/**
 * What opens an archive: the file password of a password archive, or this account's key for one
 * its header says was made with the account key. readArchiveHeader tells which it needs.
 */
export type ArchiveReadKey = { filePassword: string } | { accountKey: SymmetricKey };

export interface ArchiveReaderOptions {
  /** Runs a file password's KDF elsewhere (a Worker), as for the password-protected .json. */
  derive?: DeriveKdfMaterial;
  /** The largest data.json read, in bytes: MAX_IMPORT_FILE_BYTES unless said otherwise. */
  maxDataBytes?: number;
  /** The largest attachment read, in bytes: MAX_ATTACHMENT_BYTES unless said otherwise. */
  maxAttachmentBytes?: number;
}

export interface ArchiveAttachment {
  /** The id of the item in data.json it belongs to. */
  readonly itemId: string;
  readonly fileName: string;
  readonly size: number;
  /**
   * Its content, every chunk checked. Only until the next attachment is asked for; one not read
   * by then is checked and passed over.
   */
  read(): Promise<Uint8Array<ArrayBuffer>>;
}

export interface EncryptedArchive {
  readonly header: ArchiveHeader;
  /** data.json as text. */
  readData(): Promise<string>;
  /** The attachments in order, once (data.json is read first if it has not been). */
  attachments(): AsyncGenerator<ArchiveAttachment, void, undefined>;
}

/**
 * The header, checked but for its tag (which needs the password): whether the file is an archive
 * this code reads, its KDF settings (within the file bounds) and a size its chunks can fill.
 */
export async function readArchiveHeader(source: ArchiveSource): Promise<ArchiveHeader> {
  const header = parseHeader(await source.readAt(0, Math.min(source.size, HEADER_LENGTH)));
  chunkGeometry(source.size, header.chunkSize);
  return header;
}

/**
 * Opens the archive once its header tag proves the key: a wrong password is errWrongFilePassword,
 * another account's key (or this account's before a rotation) errDifferentAccountKey.
 */
export async function openEncryptedArchive(
  source: ArchiveSource,
  key: ArchiveReadKey,
  options: ArchiveReaderOptions = {},
): Promise<EncryptedArchive> {
  const header = await readArchiveHeader(source);
  const { keySource } = header;
  let fileKey: Uint8Array<ArrayBuffer>;
  if (keySource.kind === 'account') {
    // The callers read the header first and bring what it asks for; anything else is their fault.
    if (!('accountKey' in key)) throw new CofferError('errorInternal');
    fileKey = await accountArchiveFileKey(key.accountKey, header.salt);
  } else {
    if (!('filePassword' in key)) throw new CofferError('errorInternal');
    fileKey = await deriveFileKeyBytes(
      key.filePassword,
      header.salt,
      keySource.kdf,
      options.derive,
    );
  }
  const keys = await deriveArchiveKeys(fileKey, header.archiveNonce);
  if (!(await headerTagMatches(keys, signedPartOf(header.bytes), headerTagOf(header.bytes)))) {
    throw new CofferError(
      keySource.kind === 'account' ? 'errDifferentAccountKey' : 'errWrongFilePassword',
    );
  }
  return readRecords(header, openPlainStream(source, header, keys), options);
}

function readRecords(
  header: ArchiveHeader,
  stream: PlainStream,
  options: ArchiveReaderOptions,
): EncryptedArchive {
  const maxData = options.maxDataBytes ?? MAX_IMPORT_FILE_BYTES;
  const maxAttachment = options.maxAttachmentBytes ?? MAX_ATTACHMENT_BYTES;
  const fields = fieldReader(stream);
  let records = 0;
  let pendingType: number | undefined;
  let data: Promise<string> | undefined;
  let attachmentsStarted = false;

  // A stream that ends without its end record is refused by the read past its end.
  const peekType = async () => {
    pendingType ??= await fields.u8();
    return pendingType;
  };
  const takeType = async () => {
    const type = await peekType();
    pendingType = undefined;
    return type;
  };

  const readData = async () => {
    const parts: Uint8Array[] = [];
    let total = 0;
    while ((await peekType()) === RECORD_DATA) {
      pendingType = undefined;
      const length = await fields.u32();
      total += length;
      if (total > maxData) {
        throw new CofferError('errArchiveDataTooLarge', {
          args: [maxData / (1024 * 1024)],
        });
      }
      parts.push(await stream.read(length));
      records++;
    }
    return textOf(joined(parts, total));
  };

  async function* attachments(): AsyncGenerator<ArchiveAttachment, void, undefined> {
    // One pass over one stream: a second loop would take bytes from under the first.
    if (attachmentsStarted) throw new CofferError('errorInternal');
    attachmentsStarted = true;
    await (data ??= readData());
    for (;;) {
      const type = await takeType();
      if (type === RECORD_END) {
        const count = await fields.u32();
        if (stream.remaining() !== 0) await stream.malformed();
        if (count !== records) throw new CofferError('errArchiveRecords');
        return;
      }
      if (type !== RECORD_ATTACHMENT) throw new CofferError('errArchiveRecords');
      const itemId = textOf(await stream.read(await fields.u16()));
      const fileName = textOf(await stream.read(await fields.u16()));
      const size = await fields.u64();
      if (itemId === '' || fileName === '') throw new CofferError('errArchiveRecords');
      if (size > stream.remaining()) await stream.malformed();
      if (size > maxAttachment) {
        throw new CofferError('errArchiveAttachmentTooLarge', {
          args: [fileName, size, maxAttachment],
        });
      }
      records++;
      let content: Promise<Uint8Array<ArrayBuffer>> | undefined;
      let current = true;
      yield {
        itemId,
        fileName,
        size,
        read() {
          // Its bytes are behind the reader once the next attachment has been asked for.
          if (!current) return Promise.reject(new CofferError('errorInternal'));
          content ??= stream.read(size);
          return content;
        },
      };
      current = false;
      if (content) await content;
      else await stream.skip(size);
    }
  }

  return {
    header,
    readData: () => (data ??= readData()),
    attachments,
  };
}

/** Big-endian integers from the stream. */
function fieldReader(stream: PlainStream) {
  const view = async (length: number) => {
    const bytes = await stream.read(length);
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  return {
    u8: async () => (await view(1)).getUint8(0),
    u16: async () => (await view(2)).getUint16(0),
    u32: async () => (await view(4)).getUint32(0),
    // Beyond 2^53 the value is inexact, but far beyond any stream, which refuses it anyway.
    u64: async () => {
      const v = await view(8);
      return v.getUint32(0) * 2 ** 32 + v.getUint32(4);
    },
  };
}

/** The parts laid end to end, without spreading them into arguments (data may be many pieces). */
function joined(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Authentic bytes that are not UTF-8 were written so on purpose: a malformed archive. */
function textOf(bytes: Uint8Array): string {
  try {
    return decodeUtf8Strict(bytes);
  } catch {
    throw new CofferError('errArchiveRecords');
  }
}
