/**
 * A file's pieces becoming Blobs, in order, for a download's draft (downloads.ts in Firefox,
 * offscreen-blobs.ts in Chrome): each piece goes into the browser's blob storage as it comes, so
 * the file is never held whole.
 *
 * Making a Blob copies its bytes into the browser's storage, about 6 ms for 768 KB in Chromium
 * on the 2-core machine: over a 10,000-item export (13–17 MB) a tenth of the service worker's
 * time, on the thread that also decrypts and serialises. While an export runs in Chrome, the MAC
 * Worker (mac-workers.ts) is lent here too and makes the Blobs of large pieces on its own thread
 * (not in Firefox, whose background page makes its own for little); a piece it fails to make
 * becomes a Blob here, from the piece itself, so the file is the same.
 */
import { utf8 } from '@/src/crypto/bytes';
import { lentHelpers } from '@/src/crypto/lent-helpers';

/** Makes a Blob of `bytes` elsewhere; must not change `bytes`. Rejects if it cannot. */
export type BlobHelper = (bytes: Uint8Array) => Promise<Blob>;

/** Smaller pieces are made here: a round trip would cost more than the copy. */
const HELPER_MIN_BYTES = 64 * 1024;
const helpers = lentHelpers<BlobHelper>();

/** Lends a helper until the returned function is called. */
export const lendBlobHelper = helpers.lend;

export interface BlobParts {
  /**
   * Adds a piece (text is written as UTF-8) and answers its size in bytes. The piece is read
   * until its Blob is made, after this returns: it must not change.
   */
  append(piece: Uint8Array | string): number;
  /** The pieces so far as one Blob, once every piece's Blob is made; the parts are dropped. */
  whole(mimeType: string): Promise<Blob>;
  /** Drops every part (a draft discarded). */
  clear(): void;
}

export function blobParts(): BlobParts {
  let parts: Promise<Blob>[] = [];
  return {
    append(piece) {
      // Text is made UTF-8 here rather than by the Blob: Chromium's own conversion ran at about
      // the speed of `TextEncoder.encode`, several times slower than `utf8` (bytes.ts).
      // The cast only narrows the buffer type TypeScript cannot see.
      const bytes = (typeof piece === 'string' ? utf8(piece) : piece) as Uint8Array<ArrayBuffer>;
      const helper = helpers.first();
      if (helper && bytes.length >= HELPER_MIN_BYTES) {
        parts.push(helper(bytes).catch(() => new Blob([bytes])));
      } else {
        parts.push(Promise.resolve(new Blob([bytes])));
      }
      return bytes.length;
    },
    async whole(mimeType) {
      const made = await Promise.all(parts);
      parts = [];
      return new Blob(made, { type: mimeType });
    },
    clear() {
      parts = [];
    },
  };
}
