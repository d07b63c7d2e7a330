/**
 * Files on their way from the popup to the background. Chrome carries one runtime message of at
 * most 64 MiB, as JSON, so a file comes as base64 pieces in order (beginUpload, uploadChunk) and
 * waits here until it is used, cancelled, the vault locks, or it has been idle for a while. Only a
 * few uploads are kept at once, so popups that gave up half-way cannot fill the memory. The
 * largest file is the factory's to say: attachments pass theirs, imports theirs, and anything
 * else that needs a large file from the popup can pass its own.
 *
 * Each piece becomes a Blob of its own as it arrives, and the file the Blob of those pieces, so
 * the background's heap holds one piece at a time and a reader takes what it needs when it needs
 * it (an import archive of up to MAX_IMPORT_UPLOAD_BYTES: its directory, data.json, then one
 * attachment after the other). Where the browsers keep a Blob's bytes instead:
 *
 * - Chromium: in the browser process's blob storage (storage/browser/blob:
 *   blob_memory_controller.cc, blob_storage_constants.h), one per profile, shared by every page
 *   of it. The in-memory quota `max_blob_in_memory_space` is 2 GiB on 64-bit Windows, macOS and
 *   Linux, a fifth of the RAM on ChromeOS and 32-bit builds, 1 % of it on Android
 *   (`kDefaultMaxBlobInMemorySpace`, 500 MiB, holds only until those are worked out). Past the
 *   quota less `min_page_file_size` (`kDefaultMinPageFileSize`, 5 MiB), the least recently used
 *   bytes are written to page files of 5 to 100 MiB (`kDefaultMaxPageFileSize`) in
 *   `<profile>/blob_storage/<uuid>/`; a moderate memory-pressure signal pages everything it can
 *   (files of 0.2 % of the quota, at most every 30 s; nothing on a critical one). A page file is
 *   deleted when the last Blob using it goes, and the folders of earlier runs at the next start.
 *   An incognito profile never pages.
 * - Firefox: in the memory of the process that made the Blob (BlobSet: a MemoryBlobImpl per
 *   piece), outside its JS heap but not outside the process. Only a Blob filled as a stream
 *   (MutableBlobStorage: fetch's and XHR's `blob()`) moves to an anonymous temporary file past
 *   `dom.blob.memoryToTemporaryFile` (1 MiB); the Blob constructor never does.
 *
 * So Firefox writes nothing of an upload to disk (the system's swap aside). Chromium could page a
 * plain zip, which is plaintext, into the profile's blob_storage while it is held: on a
 * memory-pressure signal, or with more than about 2 GiB of Blobs in the profile (a 1.1 GiB upload
 * alone fits the quota of a 64-bit desktop). Export Vault's plain zip has that exposure already
 * (its download is one Blob in the offscreen document, up to the same size), and the person
 * holds the file in clear on disk anyway: so both kinds of archive are kept as Blobs, and only
 * the worker's heap is spared the gigabyte.
 */
import { base64Length, decodeBase64Into, decodedLength } from '@/src/crypto/bytes';
import { CofferError } from '@/src/errors/coffer-error';
import { UPLOAD_CHUNK_BYTES } from '@/src/vault/policy';

/** Long enough for a slow popup between two pieces, short enough to free an abandoned file soon. */
const IDLE_MS = 3 * 60_000;
/** Files being sent at once: a person adding several files, not a popup that leaks uploads. */
const MAX_UPLOADS = 4;

export interface UploadOptions {
  /** The largest file taken. */
  maxBytes: number;
  /** The refusal of a larger file, in the words of what the file is for. */
  tooLarge(maxBytes: number): CofferError;
  now(): number;
  newId(): string;
  /** How many uploads are kept at once; MAX_UPLOADS unless said otherwise. */
  maxUploads?: number;
  /**
   * What a new upload does when that many are kept: it is refused (the default), or the oldest
   * is forgotten, for files of which only the latest matters (an import: one file at a time).
   */
  whenFull?: 'refuse' | 'dropOldest';
  /** How long an upload is kept without a piece or a use; IDLE_MS unless said otherwise. */
  idleMs?: number;
}

export interface Uploads {
  /** Starts an upload of `size` bytes; its id. */
  begin(size: number): string;
  /** Adds the next piece; `offset` must be the number of bytes received so far. */
  append(uploadId: string, offset: number, base64: string): void;
  /**
   * The whole file, once every byte has arrived. The upload stays until it is dropped, and its
   * idle countdown starts again: a file in use is not forgotten under its user.
   */
  complete(uploadId: string): Blob;
  /** Whether this staging area holds the upload (so far, and not expired). */
  has(uploadId: string): boolean;
  /** Forgets one upload (used, or cancelled); an unknown id is not an error. */
  drop(uploadId: string): void;
  /** Forgets every upload (the vault locked). */
  dropAll(): void;
}

interface Upload {
  size: number;
  received: number;
  /** The pieces received, in order; the whole file alone once it is complete. */
  parts: Blob[];
  expiresAt: number;
  timer: ReturnType<typeof setTimeout>;
}

export function createUploads(options: UploadOptions): Uploads {
  const uploads = new Map<string, Upload>();
  const maxPieceChars = base64Length(UPLOAD_CHUNK_BYTES);
  const maxUploads = options.maxUploads ?? MAX_UPLOADS;
  const idleMs = options.idleMs ?? IDLE_MS;

  const drop = (uploadId: string) => {
    const upload = uploads.get(uploadId);
    if (!upload) return;
    clearTimeout(upload.timer);
    uploads.delete(uploadId);
  };

  /**
   * The idle countdown, from now. The timer frees the memory; the time check in `live` holds
   * where timers stop (a suspended worker) or the clock is a test's.
   */
  const countdown = (uploadId: string): Pick<Upload, 'expiresAt' | 'timer'> => ({
    expiresAt: options.now() + idleMs,
    timer: setTimeout(() => drop(uploadId), idleMs),
  });

  const restartCountdown = (uploadId: string, upload: Upload) => {
    clearTimeout(upload.timer);
    Object.assign(upload, countdown(uploadId));
  };

  const live = (uploadId: string): Upload => {
    const upload = uploads.get(uploadId);
    if (upload && options.now() >= upload.expiresAt) drop(uploadId);
    const found = uploads.get(uploadId);
    if (!found) throw new CofferError('errUploadUnknown');
    return found;
  };

  return {
    begin(size) {
      if (!Number.isSafeInteger(size) || size < 0) throw new CofferError('errUploadSizeInvalid');
      if (size > options.maxBytes) throw options.tooLarge(options.maxBytes);
      for (const id of [...uploads.keys()]) {
        if (options.now() >= uploads.get(id)!.expiresAt) drop(id);
      }
      if (uploads.size >= maxUploads && options.whenFull === 'dropOldest') {
        // A Map keeps the order uploads were begun in.
        for (const id of [...uploads.keys()].slice(0, uploads.size - maxUploads + 1)) drop(id);
      }
      if (uploads.size >= maxUploads) {
        throw new CofferError('errTooManyUploads', { args: [maxUploads] });
      }
      const uploadId = options.newId();
      uploads.set(uploadId, { size, received: 0, parts: [], ...countdown(uploadId) });
      return uploadId;
    },

    append(uploadId, offset, base64) {
      const upload = live(uploadId);
      // Judged by its length before it is decoded: an oversized piece costs no memory.
      if (base64.length > maxPieceChars) {
        throw new CofferError('errUploadPieceTooLarge', {
          args: [UPLOAD_CHUNK_BYTES / 1024 / 1024],
        });
      }
      if (offset !== upload.received) {
        throw new CofferError('errUploadOutOfOrder', { args: [offset, upload.received] });
      }
      const length = decodedLength(base64, 0, base64.length);
      if (upload.received + length > upload.size) {
        throw new CofferError('errUploadBeyondSize', { args: [upload.size] });
      }
      const bytes = new Uint8Array(length);
      // A piece that is not base64 fails before `received` moves: it can be sent again.
      decodeBase64Into(base64, 0, base64.length, bytes, 0);
      // The Blob copies the bytes out of the heap; the piece is garbage once this returns.
      if (length > 0) upload.parts.push(new Blob([bytes]));
      upload.received += length;
      restartCountdown(uploadId, upload);
    },

    complete(uploadId) {
      const upload = live(uploadId);
      if (upload.received < upload.size) {
        throw new CofferError('errUploadIncomplete', { args: [upload.received, upload.size] });
      }
      // A Blob of Blobs refers to their bytes, copying none.
      if (upload.parts.length !== 1) upload.parts = [new Blob(upload.parts)];
      restartCountdown(uploadId, upload);
      return upload.parts[0]!;
    },

    has(uploadId) {
      try {
        live(uploadId);
        return true;
      } catch {
        return false;
      }
    },

    drop,

    dropAll() {
      for (const id of [...uploads.keys()]) drop(id);
    },
  };
}
