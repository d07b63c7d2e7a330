/**
 * Coffer's encrypted archive implemented a second time, from docs/encrypted-archive.md alone and
 * with Node's own crypto (PBKDF2 and account-key archives only: Node has no Argon2id), none of
 * Coffer's code: if it reads what Coffer writes and Coffer reads what it writes, the page says
 * enough to write a reader. Tests also use it to seal streams Coffer's writer would never write.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  pbkdf2Sync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const DOC_MAGIC = Buffer.from([0x89, 0x43, 0x4f, 0x46, 0x46, 0x41, 0x52, 0x0a]);
const DOC_HEADER_LENGTH = 98;
const SIGNED_LENGTH = 66;
const GCM_TAG = 16;

/** HKDF-Expand (RFC 5869 §2.3) for L = 32: one block, HMAC(prk, info || 0x01). */
function hkdfExpand32(prk: Buffer, info: Buffer): Buffer {
  return createHmac('sha256', prk)
    .update(info)
    .update(Buffer.from([1]))
    .digest();
}

interface DocKeys {
  material: Buffer;
  fileKey: Buffer;
  headerKey: Buffer;
  streamKey: Buffer;
}

/** A file password, or the 64 bytes of the account key an account-key archive was made with. */
export type DocArchiveKey = string | { accountKey: Buffer };

/** §3: the material of an account-key archive, from the key's second half and the salt text. */
export function docAccountMaterial(accountKey: Buffer, saltText: Buffer): Buffer {
  return hkdfExpand32(
    accountKey.subarray(32, 64),
    Buffer.concat([Buffer.from('coffer archive v1 account'), saltText]),
  );
}

function docMaterial(key: DocArchiveKey, header: Buffer): Buffer {
  // The salt's 24 ASCII characters are the salt input, as the .json's salt text is.
  const saltText = header.subarray(22, 46);
  if (header[9] === 2) {
    if (typeof key === 'string') throw new Error('an account-key archive needs the account key');
    return docAccountMaterial(key.accountKey, saltText);
  }
  if (header[9] !== 0) throw new Error('this second implementation reads PBKDF2 archives only');
  if (typeof key !== 'string') throw new Error('a password archive needs its password');
  return pbkdf2Sync(Buffer.from(key, 'utf8'), saltText, header.readUInt32BE(10), 32, 'sha256');
}

function deriveDocKeys(key: DocArchiveKey, header: Buffer): DocKeys {
  const material = docMaterial(key, header);
  const fileKey = Buffer.concat([
    hkdfExpand32(material, Buffer.from('enc')),
    hkdfExpand32(material, Buffer.from('mac')),
  ]);
  return {
    material,
    fileKey,
    headerKey: hkdfExpand32(fileKey, Buffer.from('coffer archive v1 header')),
    streamKey: hkdfExpand32(
      fileKey,
      Buffer.concat([Buffer.from('coffer archive v1 stream'), header.subarray(46, 62)]),
    ),
  };
}

function docHeaderTag(keys: DocKeys, header: Buffer): Buffer {
  return createHmac('sha256', keys.headerKey).update(header.subarray(0, SIGNED_LENGTH)).digest();
}

function docNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 0);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

interface DocChunk {
  index: number;
  offset: number;
  sealedLength: number;
  last: boolean;
  nonce: Buffer;
  plain: Buffer;
}

export interface OpenedArchive {
  header: Buffer;
  chunkSize: number;
  keys: DocKeys;
  chunks: DocChunk[];
  /** The decrypted chunks laid end to end. */
  stream: Buffer;
}

/** Throws at the first thing the page says a reader must refuse. */
export function openArchiveFromDoc(key: DocArchiveKey, file: Buffer): OpenedArchive {
  if (file.length < DOC_HEADER_LENGTH || !file.subarray(0, 8).equals(DOC_MAGIC)) {
    throw new Error('not an archive');
  }
  if (file[8] !== 1) throw new Error('not version 1');
  const header = file.subarray(0, DOC_HEADER_LENGTH);
  const keys = deriveDocKeys(key, header);
  if (!timingSafeEqual(docHeaderTag(keys, header), header.subarray(SIGNED_LENGTH))) {
    throw new Error(typeof key === 'string' ? 'wrong password' : 'another account key');
  }
  const chunkSize = header.readUInt32BE(62);
  const chunks: DocChunk[] = [];
  let offset = DOC_HEADER_LENGTH;
  for (let index = 0; offset < file.length; index++) {
    const sealedLength = Math.min(chunkSize + GCM_TAG, file.length - offset);
    const last = offset + sealedLength === file.length;
    if (sealedLength <= GCM_TAG) throw new Error('last chunk without plaintext');
    const sealed = file.subarray(offset, offset + sealedLength);
    const nonce = docNonce(index, last);
    const decipher = createDecipheriv('aes-256-gcm', keys.streamKey, nonce);
    decipher.setAAD(header);
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG));
    const plain = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - GCM_TAG)),
      decipher.final(),
    ]);
    chunks.push({ index, offset, sealedLength, last, nonce, plain });
    offset += sealedLength;
  }
  if (chunks.length === 0) throw new Error('no chunks');
  return { header, chunkSize, keys, chunks, stream: Buffer.concat(chunks.map((c) => c.plain)) };
}

export interface SealOptions {
  chunkSize: number;
  iterations?: number;
  /** The salt text (24 base64 characters); fresh unless given. */
  salt?: string;
  archiveNonce?: Buffer;
}

/**
 * An archive of `stream` (the records, laid end to end) as the page says to write one: PBKDF2
 * for a password, kdfType 2 (and zero KDF numbers) for an account key.
 */
export function sealArchiveFromDoc(
  key: DocArchiveKey,
  stream: Buffer,
  options: SealOptions,
): Buffer {
  const header = Buffer.alloc(DOC_HEADER_LENGTH);
  DOC_MAGIC.copy(header, 0);
  header[8] = 1;
  if (typeof key === 'string') {
    header[9] = 0;
    header.writeUInt32BE(options.iterations ?? 5000, 10);
  } else {
    header[9] = 2;
  }
  header.write(options.salt ?? randomBytes(16).toString('base64'), 22, 'ascii');
  (options.archiveNonce ?? randomBytes(16)).copy(header, 46);
  header.writeUInt32BE(options.chunkSize, 62);
  const keys = deriveDocKeys(key, header);
  docHeaderTag(keys, header).copy(header, SIGNED_LENGTH);
  const parts = [header];
  const count = Math.max(1, Math.ceil(stream.length / options.chunkSize));
  for (let index = 0; index < count; index++) {
    const plain = stream.subarray(index * options.chunkSize, (index + 1) * options.chunkSize);
    const cipher = createCipheriv(
      'aes-256-gcm',
      keys.streamKey,
      docNonce(index, index === count - 1),
    );
    cipher.setAAD(header);
    parts.push(cipher.update(plain), cipher.final(), cipher.getAuthTag());
  }
  return Buffer.concat(parts);
}

export type DocRecord =
  | { type: 'data'; offset: number; bytes: Buffer; data: Buffer }
  | {
      type: 'attachment';
      offset: number;
      bytes: Buffer;
      itemId: string;
      fileName: string;
      size: number;
      content: Buffer;
    }
  | { type: 'end'; offset: number; bytes: Buffer; count: number };

/** The records of a decrypted stream, up to and including the end record. */
export function parseDocRecords(stream: Buffer): DocRecord[] {
  const records: DocRecord[] = [];
  let at = 0;
  for (;;) {
    const start = at;
    const type = stream[at++];
    if (type === 1) {
      const length = stream.readUInt32BE(at);
      at += 4 + length;
      const data = stream.subarray(start + 5, at);
      records.push({ type: 'data', offset: start, bytes: stream.subarray(start, at), data });
    } else if (type === 2) {
      const idLength = stream.readUInt16BE(at);
      const itemId = stream.subarray(at + 2, at + 2 + idLength).toString('utf8');
      at += 2 + idLength;
      const nameLength = stream.readUInt16BE(at);
      const fileName = stream.subarray(at + 2, at + 2 + nameLength).toString('utf8');
      at += 2 + nameLength;
      const size = Number(stream.readBigUInt64BE(at));
      at += 8;
      const content = stream.subarray(at, at + size);
      at += size;
      records.push({
        type: 'attachment',
        offset: start,
        bytes: stream.subarray(start, at),
        itemId,
        fileName,
        size,
        content,
      });
    } else if (type === 3) {
      const count = stream.readUInt32BE(at);
      at += 4;
      records.push({ type: 'end', offset: start, bytes: stream.subarray(start, at), count });
      return records;
    } else {
      throw new Error(`unknown record type ${type} at ${start}`);
    }
  }
}

export function docDataRecord(data: Buffer | string): Buffer {
  const bytes = Buffer.from(data);
  const head = Buffer.alloc(5);
  head[0] = 1;
  head.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([head, bytes]);
}

export function docAttachmentRecord(itemId: string, fileName: string, content: Buffer): Buffer {
  const id = Buffer.from(itemId, 'utf8');
  const name = Buffer.from(fileName, 'utf8');
  const head = Buffer.alloc(1 + 2 + id.length + 2 + name.length + 8);
  head[0] = 2;
  head.writeUInt16BE(id.length, 1);
  id.copy(head, 3);
  head.writeUInt16BE(name.length, 3 + id.length);
  name.copy(head, 5 + id.length);
  head.writeBigUInt64BE(BigInt(content.length), 5 + id.length + name.length);
  return Buffer.concat([head, content]);
}

export function docEndRecord(count: number): Buffer {
  const end = Buffer.alloc(5);
  end[0] = 3;
  end.writeUInt32BE(count, 1);
  return end;
}
