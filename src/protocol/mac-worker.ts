/**
 * The messages of the MAC Worker (entrypoints/mac-worker.ts), which computes batches of field
 * MACs on another core while an export or a key rotation runs (src/crypto/mac.ts), and makes the
 * Blobs of an export's pieces (src/background/blob-parts.ts). Its first message says where it
 * answers. Chrome's service worker cannot hold a Worker, so its Worker lives in the offscreen
 * document and is handed a MessagePort, over which the two talk directly. Firefox's background
 * page makes its own Worker and talks to it as a Worker: there a MessagePort carries each
 * message through the browser's IPC layer (Firefox ESR 153's profile of a 10,000-item key
 * rotation: about 150 ms of the page's thread in posting and receiving), and the rotation took
 * 1.84–2.75 s over a port against 1.45–1.84 s without (12 rotations in each of two runs of each).
 * Bytes move as transferred buffers either way.
 */

/** Where WXT writes the unlisted script, at the root of the extension. */
export const MAC_WORKER_PATH = '/mac-worker.js';

/** The Worker's first message: the port to answer on, or null to answer as a Worker. */
export interface MacWorkerStart {
  port: MessagePort | null;
}

/** The MACs under `key` of the messages in `data` between consecutive `bounds`. */
export interface MacJob {
  id: number;
  key: Uint8Array;
  data: Uint8Array;
  bounds: Uint32Array;
}

/**
 * A piece of a download's file, to make into a Blob (src/background/blob-parts.ts): the Worker
 * copies it into the browser's blob storage on its own thread. Answered like a MAC job, with
 * `blob` for `macs`.
 */
export interface BlobJob {
  id: number;
  blob: Uint8Array<ArrayBuffer>;
}

/**
 * The MACs, and the job's `data` handed back (transferred) so the background can reuse its
 * buffer for the next job: new memory costs more to touch than the copy written into it.
 */
export type MacJobReply =
  | { id: number; macs: Uint8Array; data: Uint8Array }
  | { id: number; blob: Blob; data: Uint8Array }
  | { id: number; failed: true };

/** The Worker's first message on its port: it has loaded and takes jobs. */
export interface MacWorkerReady {
  ready: true;
}

/**
 * Posted by Chrome's service worker to the offscreen document (structured clone carries the
 * port): start a MAC Worker on it, until `{ op: 'mac-worker-end', id }` or the document closes.
 */
export interface OffscreenMacWorkerDelivery {
  op: 'mac-worker';
  id: number;
  port: MessagePort;
}

/** Whether a message from the service worker asks for a MAC Worker. */
export function isMacWorkerDelivery(data: unknown): data is OffscreenMacWorkerDelivery {
  const message = data as Partial<OffscreenMacWorkerDelivery> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.op === 'mac-worker' &&
    typeof message.id === 'number' &&
    message.port instanceof MessagePort
  );
}
