/**
 * Runs one KDF job in a new dedicated Worker and terminates it afterwards, whatever happened:
 * terminating is the only way to stop Argon2id midway (its WebAssembly never yields), and it
 * frees the memory at once. Used where Workers exist: Firefox's background page and Chrome's
 * offscreen document.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { kdfJobFailure, type KdfJob, type KdfJobReply } from '@/src/protocol/kdf-worker';

/** The part of a DOM Worker this needs, so Node tests can hand in a fake. */
export type KdfWorkerHandle = Pick<Worker, 'onmessage' | 'onerror' | 'postMessage' | 'terminate'>;

/** Rejects with the signal's reason once it aborts, and then the Worker is already gone. */
export function runKdfJob(
  createWorker: () => KdfWorkerHandle,
  job: KdfJob,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const worker = createWorker();
    const finish = () => {
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort);
    worker.onmessage = (event) => {
      finish();
      const reply = event.data as KdfJobReply;
      if (reply.ok) resolve(reply.material);
      else reject(kdfJobFailure(reply.error));
    };
    // The script failed to load or the Worker died (out of memory): no key, and no details.
    worker.onerror = () => {
      finish();
      reject(new CofferError('errFileKeyFailed'));
    };
    worker.postMessage(job);
  });
}
