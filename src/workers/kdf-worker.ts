/**
 * The body of the KDF Worker: derives one file's KDF material with the same code as the
 * background (bounds checked again here) and posts it back. It touches no extension API, so the
 * same script serves Firefox's background page and Chrome's offscreen document.
 */
import { deriveFileKdf } from '@/src/crypto/keepass-argon2';
import { kdfJobError, type KdfJob, type KdfJobReply } from '@/src/protocol/kdf-worker';

/** The part of a DedicatedWorkerGlobalScope this needs, so Node tests can hand in a fake. */
export interface KdfWorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: KdfJobReply, transfer?: Transferable[]): void;
}

export function startKdfWorker(scope: KdfWorkerScope): void {
  scope.onmessage = (event) => {
    const job = event.data as KdfJob;
    deriveFileKdf(job.password, job.salt, job.kdf).then(
      (material) => scope.postMessage({ ok: true, material }, [material.buffer]),
      // Only a CofferError's data crosses: anything else (out of memory) is just a failure.
      (error: unknown) => scope.postMessage({ ok: false, error: kdfJobError(error) }),
    );
  };
}
