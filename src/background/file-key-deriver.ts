/**
 * Where a password-protected file's KDF runs. Argon2id at Bitwarden's highest file settings
 * (10 iterations, 1 GiB, 16 lanes) is ~15 s of synchronous WebAssembly: on the background's one
 * thread it would hold every other request for that long, and nothing could stop it. So Argon2id
 * runs in a dedicated Worker where there is one (Firefox's background page; Chrome's offscreen
 * document, since a service worker cannot make Workers) and cancelling terminates it. PBKDF2 is
 * WebCrypto, asynchronous already, and runs here.
 */
import { deriveKdfMaterial } from '@/src/crypto/kdf';
import { FILE_KDF_BOUNDS } from '@/src/crypto/kdf-bounds';
import type { KdfJob } from '@/src/protocol/kdf-worker';

export interface FileKeyDeriver {
  /** The 32 bytes of KDF material; rejects with the signal's reason once it aborts. */
  derive(job: KdfJob, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer>>;
}

/** Runs an Argon2id job off this thread; rejects with the signal's reason once it aborts. */
export type KdfJobRunner = (job: KdfJob, signal: AbortSignal) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * Without a runner (Node tests), Argon2id runs on this thread: an abort then only stops the
 * answer from being used, not the work.
 */
export function createFileKeyDeriver(runArgon2id?: KdfJobRunner): FileKeyDeriver {
  return {
    async derive(job, signal) {
      signal.throwIfAborted();
      if (job.kdf.type === 'argon2id' && runArgon2id) return runArgon2id(job, signal);
      return untilAborted(
        deriveKdfMaterial(job.password, job.salt, job.kdf, FILE_KDF_BOUNDS),
        signal,
      );
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
