/**
 * A password-protected file that Import Data's preview has opened, kept for the confirmation
 * that follows so the file's KDF (up to ~15 s and 1 GiB) runs once per import. It holds
 * decrypted items, so it lives in the worker's memory only (never in storage), is bound to the
 * preview that opened it by a random token and to the file by a hash of its content, and is
 * dropped after the import, after OPENED_FILE_TTL_MS, or at a lock.
 */
import { constantTimeEqual, toBase64, utf8 } from '@/src/crypto/bytes';
import { randomBytes } from '@/src/crypto/random';
import type { ReadFile } from '@/src/formats/format-types';

/** Long enough to read a preview and decide; short enough not to keep a vault's worth around. */
export const OPENED_FILE_TTL_MS = 5 * 60 * 1000;

export interface OpenedFiles {
  /** Keeps the file (only the latest one: a popup imports one file at a time); its token. */
  keep(content: string, file: ReadFile): Promise<string>;
  /** The kept file if the token is its and the content is the same file; else undefined. */
  find(token: unknown, content: string): Promise<ReadFile | undefined>;
  /** Forgets the file of `token`, or any file without one. */
  drop(token?: string): void;
}

interface Entry {
  token: string;
  contentHash: Uint8Array;
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
    async keep(content, file) {
      const contentHash = await hashContent(content);
      drop();
      const token = toBase64(randomBytes(32));
      // The timer frees the memory of a preview nobody confirmed; the time check in `find`
      // holds even where timers stop (a suspended worker) or the clock is a test's.
      const timer = setTimeout(() => drop(token), ttlMs);
      entry = { token, contentHash, file, expiresAt: now().getTime() + ttlMs, timer };
      return token;
    },
    async find(token, content) {
      if (!entry || typeof token !== 'string' || token !== entry.token) return undefined;
      if (now().getTime() >= entry.expiresAt) {
        drop();
        return undefined;
      }
      const kept = entry;
      if (!constantTimeEqual(await hashContent(content), kept.contentHash)) return undefined;
      return entry === kept ? kept.file : undefined;
    },
    drop,
  };
}

async function hashContent(content: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(content)));
}
