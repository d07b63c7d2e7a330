/**
 * The decrypted stream of an encrypted archive, read front to back: each chunk is fetched from the
 * source, opened at its own index (and as the last only if it is the last), and only then are its
 * bytes handed out. One chunk is held at a time.
 */
import { openChunk, type ArchiveKeys } from '@/src/crypto/archive-crypto';
import { CofferError } from '@/src/errors/coffer-error';
import {
  chunkGeometry,
  chunkOffset,
  type ArchiveHeader,
  type ChunkGeometry,
} from './encrypted-archive-layout';

/**
 * Where an archive's bytes come from (this one's, or a zip's: zip-guard.ts): the bytes
 * themselves, or a Blob read piece by piece, so a large archive never has to be in memory whole.
 */
export interface ArchiveSource {
  readonly size: number;
  readAt(offset: number, length: number): Promise<Uint8Array<ArrayBuffer>>;
}

export function bytesSource(bytes: Uint8Array): ArchiveSource {
  return {
    size: bytes.length,
    // Uint8Array's slice copies; a Node Buffer's own slice would not.
    readAt: async (offset, length) =>
      Uint8Array.prototype.slice.call(bytes, offset, offset + length),
  };
}

export function blobSource(blob: Blob): ArchiveSource {
  return {
    size: blob.size,
    readAt: (offset, length) => readBlob(blob.slice(offset, offset + length)),
  };
}

/**
 * A Blob's bytes. A Blob the browser could not keep (Chromium past its blob storage) reads as
 * NotReadableError: said as such, since it is neither the file's fault nor Coffer's.
 */
export async function readBlob(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await keptByBrowser(() => blob.arrayBuffer()));
}

/** A Blob's text (UTF-8, as `Blob.text()`), refused as `readBlob` refuses. */
export function readBlobText(blob: Blob): Promise<string> {
  return keptByBrowser(() => blob.text());
}

async function keptByBrowser<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'NotReadableError') {
      throw new CofferError('errFileNotKept');
    }
    throw error;
  }
}

export interface PlainStream {
  /** Plaintext bytes not yet read. */
  remaining(): number;
  read(length: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Reads past `length` bytes, checking them as reading them would, keeping none. */
  skip(length: number): Promise<void>;
  /**
   * Refuses a layout the records break. The stream's length comes from the file's size, which
   * anyone can change, so the rest of the stream is checked first: damage is reported as damage.
   */
  malformed(): Promise<never>;
}

/** After the first failure every read fails with it: nothing is read past damage. */
export function openPlainStream(
  source: ArchiveSource,
  header: ArchiveHeader,
  keys: ArchiveKeys,
): PlainStream {
  const geometry = chunkGeometry(source.size, header.chunkSize);
  let next = 0;
  let chunk = new Uint8Array(0);
  let at = 0;
  let consumed = 0;
  let failure: unknown;

  const load = async () => {
    chunk = await loadChunk(source, geometry, header, keys, next);
    next++;
    at = 0;
  };

  const malformed = async (): Promise<never> => {
    while (next < geometry.count) await load();
    throw new CofferError('errArchiveRecords');
  };

  const take = async (length: number, into?: Uint8Array) => {
    if (failure !== undefined) throw failure;
    try {
      if (length > geometry.plainLength - consumed) await malformed();
      for (let done = 0; done < length;) {
        if (at === chunk.length) await load();
        const n = Math.min(length - done, chunk.length - at);
        into?.set(chunk.subarray(at, at + n), done);
        at += n;
        done += n;
        consumed += n;
      }
    } catch (error) {
      failure = error;
      throw error;
    }
  };

  return {
    remaining: () => geometry.plainLength - consumed,
    async read(length) {
      const out = new Uint8Array(length);
      await take(length, out);
      return out;
    },
    skip: (length) => take(length),
    async malformed() {
      if (failure !== undefined) throw failure;
      try {
        return await malformed();
      } catch (error) {
        failure = error;
        throw error;
      }
    },
  };
}

async function loadChunk(
  source: ArchiveSource,
  geometry: ChunkGeometry,
  header: ArchiveHeader,
  keys: ArchiveKeys,
  index: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const last = index === geometry.count - 1;
  const length = last ? geometry.lastSealedSize : geometry.sealedSize;
  const sealed = await source.readAt(chunkOffset(geometry, index), length);
  // A source that gives less than it holds changed while it was read.
  if (sealed.length !== length) throw new CofferError('errFileDamaged');
  const plain = await openChunk(keys, index, last, header.bytes, sealed);
  if (plain) return plain;
  // A file cut off at a chunk boundary ends in a chunk that opens only as a middle one.
  if (last && length === geometry.sealedSize) {
    if (await openChunk(keys, index, false, header.bytes, sealed)) {
      throw new CofferError('errArchiveTruncated');
    }
  }
  throw new CofferError('errFileDamaged');
}
