/**
 * Files on their way from the popup to the background. Chrome carries one runtime message of at
 * most 64 MiB, as JSON, so a file comes as base64 pieces in order (beginUpload, uploadChunk) and
 * waits here, in the worker's memory only, until it is used, cancelled, the vault locks, or it has
 * been idle for IDLE_MS. Only a few uploads are kept at once, so popups that gave up half-way
 * cannot fill the memory. The largest file is the factory's to say: attachments pass theirs, and
 * anything else that needs a large file from the popup can pass its own.
 */
import { base64Length, concatBytes, fromBase64 } from '@/src/crypto/bytes';
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
}

export interface Uploads {
  /** Starts an upload of `size` bytes; its id. */
  begin(size: number): string;
  /** Adds the next piece; `offset` must be the number of bytes received so far. */
  append(uploadId: string, offset: number, base64: string): void;
  /** The whole file, once every byte has arrived. The upload stays until it is dropped. */
  complete(uploadId: string): Uint8Array;
  /** Forgets one upload (used, or cancelled); an unknown id is not an error. */
  drop(uploadId: string): void;
  /** Forgets every upload (the vault locked). */
  dropAll(): void;
}

interface Upload {
  size: number;
  received: number;
  pieces: Uint8Array[];
  expiresAt: number;
  timer: ReturnType<typeof setTimeout>;
}

export function createUploads(options: UploadOptions): Uploads {
  const uploads = new Map<string, Upload>();
  const maxPieceChars = base64Length(UPLOAD_CHUNK_BYTES);

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
    expiresAt: options.now() + IDLE_MS,
    timer: setTimeout(() => drop(uploadId), IDLE_MS),
  });

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
      if (uploads.size >= MAX_UPLOADS) {
        throw new CofferError('errTooManyUploads', { args: [MAX_UPLOADS] });
      }
      const uploadId = options.newId();
      uploads.set(uploadId, { size, received: 0, pieces: [], ...countdown(uploadId) });
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
      const bytes = fromBase64(base64);
      if (upload.received + bytes.length > upload.size) {
        throw new CofferError('errUploadBeyondSize', { args: [upload.size] });
      }
      upload.pieces.push(bytes);
      upload.received += bytes.length;
      clearTimeout(upload.timer);
      Object.assign(upload, countdown(uploadId));
    },

    complete(uploadId) {
      const upload = live(uploadId);
      if (upload.received < upload.size) {
        throw new CofferError('errUploadIncomplete', { args: [upload.received, upload.size] });
      }
      if (upload.pieces.length !== 1) upload.pieces = [concatBytes(...upload.pieces)];
      return upload.pieces[0]!;
    },

    drop,

    dropAll() {
      for (const id of [...uploads.keys()]) drop(id);
    },
  };
}
