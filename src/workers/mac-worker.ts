/**
 * The body of the MAC Worker: waits to be told where to answer (a port, or its own scope), then
 * answers each job with the MACs, computed by the same code as the background's
 * (src/crypto/mac.ts), or with the Blob of a file's piece.
 * It keeps nothing between jobs, and touches no extension API, so the same script serves
 * Firefox's background page and Chrome's offscreen document.
 */
import { computeMacs } from '@/src/crypto/mac';
import type {
  BlobJob,
  MacJob,
  MacJobReply,
  MacWorkerReady,
  MacWorkerStart,
} from '@/src/protocol/mac-worker';

/** The part of a MessagePort, or of the Worker's own scope, the Worker answers on. */
export interface MacWorkerPort {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: MacJobReply | MacWorkerReady, transfer?: Transferable[]): void;
}

/** The part of a DedicatedWorkerGlobalScope this needs, so Node tests can hand in a fake. */
export type MacWorkerScope = MacWorkerPort;

export function startMacWorker(scope: MacWorkerScope): void {
  scope.onmessage = (event) => {
    scope.onmessage = null;
    serveMacJobs((event.data as MacWorkerStart).port ?? scope);
  };
}

export function serveMacJobs(port: MacWorkerPort): void {
  port.onmessage = (event) => {
    const job = event.data as MacJob | BlobJob;
    if ('blob' in job) {
      // The bytes go back with their Blob, for the background to reuse.
      port.postMessage({ id: job.id, blob: new Blob([job.blob]), data: job.blob }, [
        job.blob.buffer,
      ]);
      return;
    }
    let macs: Uint8Array;
    try {
      macs = computeMacs(job.key, job.data, job.bounds);
    } catch {
      // A malformed job: the background computes these MACs itself.
      port.postMessage({ id: job.id, failed: true });
      return;
    }
    port.postMessage({ id: job.id, macs, data: job.data }, [macs.buffer, job.data.buffer]);
  };
  port.postMessage({ ready: true });
}
