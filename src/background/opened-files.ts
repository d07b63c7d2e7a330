/**
 * A file that Import Data's preview has read (a password-protected one, or a plain one), kept for
 * the confirmation that follows so the file's KDF (up to ~15 s and 1 GiB) and its parsing run
 * once per import. It holds
 * decrypted items, so it lives in the worker's memory only (never in storage), is bound to the
 * preview that opened it by a random token and to the file (a hash of the content the request
 * carried, or the upload it named, whose bytes cannot change), and is dropped after the import,
 * after OPENED_FILE_TTL_MS, or at a lock.
 */
import { constantTimeEqual, toBase64, utf8 } from '@/src/crypto/bytes';
import { randomBytes } from '@/src/crypto/random';
import type { ReadFile } from '@/src/formats/format-types';

/** Long enough to read a preview and decide; short enough not to keep a vault's worth around. */
export const OPENED_FILE_TTL_MS = 5 * 60 * 1000;

/** Which file a request names: the content it carries, or an upload sent before. */
export type FileIdentity = { content: string } | { uploadId: string };

export interface OpenedFiles {
  /** Keeps the file (only the latest one: a popup imports one file at a time); its token. */
  keep(identity: FileIdentity, file: ReadFile): Promise<string>;
  /** The kept file if the token is its and the request names the same file; else undefined. */
  find(token: unknown, identity: FileIdentity): Promise<ReadFile | undefined>;
  /** Forgets the file of `token`, or any file without one. */
  drop(token?: string): void;
}

interface Entry {
  token: string;
  uploaded: boolean;
  identityHash: Uint8Array;
  file: ReadFile;
  expiresAt: number;
  timer: ReturnType<typeof setTimeout>;
}

export function createOpenedFiles(now: () => Date, ttlMs = OPENED_FILE_TTL_MS): OpenedFiles {
  let entry: Entry | undefined;

  const drop = (token?: string) => {
    if (!entry || (token !== undefined && entry.token !== token)) return;
    clearTimeout(entry.timer);
    entry = undefined;
  };

  return {
    async keep(identity, file) {
      const identityHash = await hashIdentity(identity);
      drop();
      const token = toBase64(randomBytes(32));
      // The timer frees the memory of a preview nobody confirmed; the time check in `find`
      // holds even where timers stop (a suspended worker) or the clock is a test's.
      const timer = setTimeout(() => drop(token), ttlMs);
      entry = {
        token,
        uploaded: 'uploadId' in identity,
        identityHash,
        file,
        expiresAt: now().getTime() + ttlMs,
        timer,
      };
      return token;
    },
    async find(token, identity) {
      if (!entry || typeof token !== 'string' || token !== entry.token) return undefined;
      if (now().getTime() >= entry.expiresAt) {
        drop();
        return undefined;
      }
      const kept = entry;
      if ('uploadId' in identity !== kept.uploaded) return undefined;
      if (!constantTimeEqual(await hashIdentity(identity), kept.identityHash)) return undefined;
      return entry === kept ? kept.file : undefined;
    },
    drop,
  };
}

async function hashIdentity(identity: FileIdentity): Promise<Uint8Array> {
  const text = 'uploadId' in identity ? identity.uploadId : identity.content;
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)));
}
