/**
 * Where a password-protected file's KDF runs. Argon2id at Bitwarden's highest file settings
 * (10 iterations, 1 GiB, 16 lanes) is ~15 s of synchronous WebAssembly: on the background's one
 * thread it would hold every other request for that long, and nothing could stop it; a KeePass
 * database's Argon2d or Argon2id may ask for 1 GiB and 100 iterations, minutes of it. So Argon2
 * of either kind runs in a dedicated Worker where there is one (Firefox's background page;
 * Chrome's offscreen document, since a service worker cannot make Workers) and cancelling
 * terminates it. PBKDF2 is WebCrypto, asynchronous already, and runs here.
 */
import { deriveFileKdf } from '@/src/crypto/keepass-argon2';
import type { KdfJob } from '@/src/protocol/kdf-worker';

export interface FileKeyDeriver {
  /** The 32 bytes of KDF material; rejects with the signal's reason once it aborts. */
  derive(job: KdfJob, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer>>;
}

/** Runs an Argon2 job off this thread; rejects with the signal's reason once it aborts. */
export type KdfJobRunner = (job: KdfJob, signal: AbortSignal) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * Without a runner (Node tests), Argon2 runs on this thread: an abort then only stops the
 * answer from being used, not the work.
 */
export function createFileKeyDeriver(runArgon2id?: KdfJobRunner): FileKeyDeriver {
  return {
    async derive(job, signal) {
      signal.throwIfAborted();
      // Argon2 of either kind (a Bitwarden file's, a KeePass database's) goes to the runner.
      if (job.kdf.type !== 'pbkdf2' && runArgon2id) return runArgon2id(job, signal);
      return untilAborted(deriveFileKdf(job.password, job.salt, job.kdf), signal);
    },
  };
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
