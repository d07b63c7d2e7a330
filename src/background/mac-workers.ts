/**
 * A MAC Worker lent to src/crypto/mac.ts while an export or a key rotation runs, so that the
 * MACs of its fields are computed on another core. Where no Worker can start (Node tests, a
 * browser that refuses), or one stops answering, the MACs are computed on this thread as before:
 * the Worker only ever changes how fast, never what is written.
 */
import { lendMacHelper, type MacHelper } from '@/src/crypto/mac';
import type {
  MacJob,
  MacJobReply,
  MacWorkerReady,
  MacWorkerStart,
} from '@/src/protocol/mac-worker';
import type { OffscreenRequest } from '@/src/protocol/offscreen';
import type { OffscreenCourier } from './offscreen-blobs';
import type { OffscreenDocument } from './offscreen-document';

/**
 * How long a job may wait for its MACs (tens of milliseconds, when all is well) before this
 * thread computes them itself and stops asking: a Worker that never started (its script failed
 * to load) says nothing, and every job after the first must not wait as long again.
 */
const ANSWER_TIMEOUT_MS = 2_000;
/** Buffers kept for reuse: two jobs are in flight at most (an export decrypts one batch ahead). */
const MAX_SPARE_BUFFERS = 2;

/** The part of a MessagePort the background talks to a MAC Worker on. */
export interface MacPort {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: MacJob, transfer: Transferable[]): void;
  close(): void;
}

/** A MAC Worker, started: its port, and how to end it. */
interface RunningMacWorker {
  port: MacPort;
  end(): void;
}

/** Starts a MAC Worker where the browser can (start-background.ts); rejects where it cannot. */
export type StartMacWorker = () => Promise<RunningMacWorker>;

/** Where the background makes Workers itself (Firefox's background page). */
export function startMacWorkerHere(createWorker: () => Worker): StartMacWorker {
  return async () => {
    const worker = createWorker();
    const channel = new MessageChannel();
    worker.postMessage({ port: channel.port2 } satisfies MacWorkerStart, [channel.port2]);
    return { port: channel.port1, end: () => worker.terminate() };
  };
}

/**
 * Chrome's service worker cannot make Workers: the offscreen document makes one and hands it
 * the other end of a channel this side keeps. The document is held while the Worker runs, and
 * ends it when told or when it closes.
 */
export function startOffscreenMacWorker(
  document: OffscreenDocument,
  deliver: OffscreenCourier,
): StartMacWorker {
  let nextId = 1;
  return async () => {
    const documentPort = await document.acquire();
    const id = nextId++;
    const channel = new MessageChannel();
    try {
      await deliver({ op: 'mac-worker', id, port: channel.port2 }, [channel.port2]);
    } catch (error) {
      document.release();
      throw error;
    }
    return {
      port: channel.port1,
      end() {
        try {
          documentPort.postMessage({ op: 'mac-worker-end', id } satisfies OffscreenRequest);
        } catch {
          // The document is gone already, and its Worker with it.
        }
        document.release();
      },
    };
  };
}

/**
 * Runs `work` with a MAC Worker lent to mac.ts once it says it is ready, and ends the Worker when
 * `work` settles. Until then the MACs are computed here, so a Worker that never loads costs
 * nothing (a job sent to it would wait out the 2 s), and none waits on a script still loading.
 */
export async function withMacWorker<T>(
  start: StartMacWorker | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!start) return work();
  let done = false;
  let stop: (() => void) | undefined;
  void start().then(
    (worker) => {
      if (done) {
        worker.end();
        return;
      }
      const { helper, ready, close } = macHelperOver(worker.port);
      let takeBack: (() => void) | undefined;
      void ready.then(() => {
        if (!done) takeBack = lendMacHelper(helper);
      });
      stop = () => {
        takeBack?.();
        close();
        worker.end();
      };
    },
    // No Worker: the MACs are computed here, as without one.
    () => undefined,
  );
  try {
    return await work();
  } finally {
    done = true;
    stop?.();
  }
}

/**
 * A MacHelper that posts each job on `port` and waits for its answer there; `ready` resolves when
 * the Worker says it has started (never, if it does not).
 */
export function macHelperOver(port: MacPort): {
  helper: MacHelper;
  ready: Promise<void>;
  close(): void;
} {
  let nextId = 1;
  let closed = false;
  let started!: () => void;
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  const waiting = new Map<number, (reply: MacJobReply | undefined) => void>();
  // Buffers the Worker handed back, for the next jobs' copies (see below).
  const spare: ArrayBuffer[] = [];
  const close = () => {
    closed = true;
    for (const settle of [...waiting.values()]) settle(undefined);
    port.onmessage = null;
    port.close();
  };
  port.onmessage = (event) => {
    const message = event.data as MacJobReply | MacWorkerReady;
    if ('ready' in message) started();
    else waiting.get(message.id)?.(message);
  };
  const helper: MacHelper = (key, data, bounds) =>
    new Promise<Uint8Array>((resolve, reject) => {
      if (closed) {
        reject(new Error('the MAC Worker has ended'));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(close, ANSWER_TIMEOUT_MS);
      const settle = (reply: MacJobReply | undefined) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (reply && 'macs' in reply) {
          if (spare.length < MAX_SPARE_BUFFERS) spare.push(reply.data.buffer as ArrayBuffer);
          resolve(reply.macs);
        } else reject(new Error('the MAC Worker did not answer'));
      };
      waiting.set(id, settle);
      // The Worker gets a copy of its own (the caller goes on using `data`, and computes here if
      // the Worker fails), moved, not cloned, and moved back with the answer. The copy goes into
      // a buffer an earlier job used where one is big enough: in Chromium on the 2-core VM,
      // writing into new memory cost 20 times writing into memory already touched.
      const size = bounds[bounds.length - 1]!;
      const reused = spare.findIndex((buffer) => buffer.byteLength >= size);
      const buffer =
        reused >= 0 ? spare.splice(reused, 1)[0]! : new ArrayBuffer(Math.ceil(size * 1.25));
      const copy = new Uint8Array(buffer, 0, size);
      copy.set(data.subarray(0, size));
      port.postMessage({ id, key, data: copy, bounds }, [buffer]);
    });
  return { helper, ready, close };
}
