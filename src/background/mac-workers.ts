/**
 * A MAC Worker lent to src/crypto/mac.ts while an export or a key rotation runs, so that the
 * MACs of its fields are computed on another core, and to blob-parts.ts, so that an export's
 * pieces become Blobs there too. Where no Worker can start (Node tests, a browser that refuses),
 * or one stops answering, the work is done on this thread as before: the Worker only ever
 * changes how fast, never what is written.
 */
import { lendMacHelper, type MacHelper } from '@/src/crypto/mac';
import { lendBlobHelper, type BlobHelper } from './blob-parts';
import type {
  BlobJob,
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
/** Buffers kept for reuse: few jobs are in flight at once (MACs a batch ahead, a piece or two). */
const MAX_SPARE_BUFFERS = 4;

/** The part of a MessagePort the background talks to a MAC Worker on. */
export interface MacPort {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: MacJob | BlobJob, transfer: Transferable[]): void;
  close(): void;
}

/** A MAC Worker, started: its port, and how to end it. */
interface RunningMacWorker {
  port: MacPort;
  end(): void;
  /**
   * Whether an export's pieces should become Blobs on it. Yes for Chrome's service worker (a
   * Blob cost it about 6 ms per 768 KB; the 10,000-item `.json` 1,388 → 1,219 ms). No for
   * Firefox's background page, whose own Blobs cost little and whose Worker's Blobs cost more
   * to hand over: the same export was 0.5–0.8 s slower with them made there.
   */
  makesBlobs: boolean;
}

/** Starts a MAC Worker where the browser can (start-background.ts); rejects where it cannot. */
export type StartMacWorker = () => Promise<RunningMacWorker>;

/**
 * Where the background makes Workers itself (Firefox's background page), it talks to the Worker
 * as a Worker, not over a MessageChannel (protocol/mac-worker.ts says why).
 */
export function startMacWorkerHere(createWorker: () => Worker): StartMacWorker {
  return async () => {
    const worker = createWorker();
    worker.postMessage({ port: null } satisfies MacWorkerStart);
    const port: MacPort = {
      get onmessage() {
        return worker.onmessage;
      },
      set onmessage(listener) {
        worker.onmessage = listener;
      },
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      close() {
        worker.onmessage = null;
      },
    };
    return { port, end: () => worker.terminate(), makesBlobs: false };
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
      makesBlobs: true,
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

/** A started Worker and the helpers that talk to it. */
interface WorkerHelpers {
  worker: RunningMacWorker;
  over: ReturnType<typeof macHelperOver>;
  /** Set once the Worker has said it started. */
  isReady: boolean;
}

function helpersFor(worker: RunningMacWorker): WorkerHelpers {
  const helpers: WorkerHelpers = { worker, over: macHelperOver(worker.port), isReady: false };
  void helpers.over.ready.then(() => {
    helpers.isReady = true;
  });
  return helpers;
}

/** A Worker an earlier work kept for the next (see `keepFor`), one per way of starting. */
const keptWorkers = new WeakMap<
  StartMacWorker,
  { helpers: WorkerHelpers; timers: ReturnType<typeof setTimeout>[] }
>();

/** Lends the helpers to mac.ts and blob-parts.ts; answers how to take them back. */
function lend({ worker, over }: WorkerHelpers): () => void {
  const macs = lendMacHelper(over.helper);
  const blobs = worker.makesBlobs ? lendBlobHelper(over.blobHelper) : undefined;
  return () => {
    macs();
    blobs?.();
  };
}

/** Ends the Worker once the Blobs still being made are (they are a file's; each has a timeout). */
async function endHelpers({ worker, over }: WorkerHelpers): Promise<void> {
  await over.drained();
  over.close();
  worker.end();
}

/**
 * Keeps a Worker for the next work for `ms`, then ends it; one kept at most. One still starting
 * is kept too (the next work may come before it is ready), and ended if it is not ready by the
 * time a job would give up on it.
 */
function keep(start: StartMacWorker, helpers: WorkerHelpers, ms: number): void {
  if (keptWorkers.has(start) || !helpers.over.answering()) {
    void endHelpers(helpers);
    return;
  }
  const entry = { helpers, timers: [] as ReturnType<typeof setTimeout>[] };
  const drop = () => {
    if (keptWorkers.get(start) !== entry) return;
    endKeptMacWorker(start);
  };
  entry.timers.push(setTimeout(drop, ms));
  if (!helpers.isReady) {
    entry.timers.push(setTimeout(() => helpers.isReady || drop(), ANSWER_TIMEOUT_MS));
  }
  keptWorkers.set(start, entry);
}

/** The Worker kept for the next work, if there is one still answering (one that is not is ended). */
function takeKept(start: StartMacWorker): WorkerHelpers | undefined {
  const kept = keptWorkers.get(start);
  if (!kept) return undefined;
  keptWorkers.delete(start);
  kept.timers.forEach(clearTimeout);
  if (kept.helpers.over.answering()) return kept.helpers;
  void endHelpers(kept.helpers);
  return undefined;
}

/**
 * How long a Worker started or kept for the work a person is about to start waits for it: an
 * import preview's for the import, the Export Vault form's for the export.
 */
export const KEEP_FOR_NEXT_WORK_MS = 60_000;

/** Workers started ahead of a work (`prepareMacWorker`), for the first work to take. */
const preparing = new WeakMap<StartMacWorker, Promise<RunningMacWorker>>();

/** The works running with a Worker of each start, and how long each is to keep it after. */
const running = new WeakMap<StartMacWorker, Set<{ keepFor: number }>>();

/**
 * Starts a Worker for a work a person is about to ask for (the Export Vault form is open) and
 * keeps it for `ms`, or gives the one already kept `ms` more. Started at the export's click
 * instead, Chrome's offscreen document and its Worker were ready only 200–440 ms into a
 * 10,000-item export on the 2-core machine, the first batches' MACs computed on this thread and
 * the document's start competing with the first reads: exports took 100–300 ms longer
 * (medians of 5 in three alternating runs). A work that comes while it is still starting takes
 * it as it is; nothing is started twice.
 */
export function prepareMacWorker(start: StartMacWorker | undefined, ms: number): void {
  if (!start || preparing.has(start)) return;
  // A work under way (an export, while a second popup opens the form) keeps its Worker for the
  // next one when it ends, rather than a second Worker starting on the cores it is using.
  const works = running.get(start);
  if (works?.size) {
    for (const work of works) work.keepFor = Math.max(work.keepFor, ms);
    return;
  }
  const kept = takeKept(start);
  if (kept) {
    keep(start, kept, ms);
    return;
  }
  const starting = start();
  preparing.set(start, starting);
  starting.then(
    (worker) => {
      // Taken by a work meanwhile, or ended by a lock: not this one's to keep.
      if (preparing.get(start) !== starting) return;
      preparing.delete(start);
      keep(start, helpersFor(worker), ms);
    },
    () => {
      if (preparing.get(start) === starting) preparing.delete(start);
    },
  );
}

/** Ends the Worker kept for the next work, or being started for it (the vault was locked). */
export function endKeptMacWorker(start: StartMacWorker | undefined): void {
  if (!start) return;
  // Works still running end their Workers with them: nothing is kept past a lock.
  for (const work of running.get(start) ?? []) work.keepFor = 0;
  const kept = takeKept(start);
  if (kept) void endHelpers(kept);
  const starting = preparing.get(start);
  if (starting) {
    preparing.delete(start);
    starting.then(
      (worker) => worker.end(),
      () => undefined,
    );
  }
}

/**
 * Runs `work` with a MAC Worker lent to mac.ts (and, where it makes Blobs, to blob-parts.ts) once
 * it says it is ready, and ends the Worker when `work` settles and the Blobs asked of it are made.
 * Until then the work is done here, so a Worker that never loads costs nothing (a job sent to it
 * would wait out the 2 s), and none waits on a script still loading.
 *
 * A Worker kept or being started for the next work (`keepFor`, `prepareMacWorker`) is taken.
 *
 * `keepFor` (ms): the Worker is not ended but kept for the next work to take (an import's
 * preview keeps it for the import that follows: started at the import itself, the offscreen
 * document and its Worker took about a second to be ready in Chrome on the 2-core machine, by
 * when the import had encrypted most of its items on this thread). A kept Worker is ended when
 * its time is up or the vault is locked; it keeps no reference to a job's key or bytes once it
 * has answered (what is left is garbage in its heap until then). `prepareMacWorker` called while
 * the work runs makes it keep its Worker so, and a lock while it runs makes it end it after all.
 */
export async function withMacWorker<T>(
  start: StartMacWorker | undefined,
  work: () => Promise<T>,
  keepFor = 0,
): Promise<T> {
  if (!start) return work();
  const self = { keepFor };
  let works = running.get(start);
  if (!works) running.set(start, (works = new Set()));
  works.add(self);
  let done = false;
  let takeBack: (() => void) | undefined;
  let finish: (() => void) | undefined;
  const use = (helpers: WorkerHelpers) => {
    const lendNow = () => {
      if (!done) takeBack = lend(helpers);
    };
    // A kept Worker that is ready is lent before the work begins: its first batch goes there.
    if (helpers.isReady) lendNow();
    else void helpers.over.ready.then(lendNow);
    finish = () => {
      takeBack?.();
      if (self.keepFor > 0) keep(start, helpers, self.keepFor);
      else void endHelpers(helpers);
    };
  };
  const kept = takeKept(start);
  // One being started for the next work is this work's, unless a ready one was kept.
  const prepared = kept ? undefined : preparing.get(start);
  if (prepared) preparing.delete(start);
  if (kept) use(kept);
  else {
    void (prepared ?? start()).then(
      (worker) => {
        if (done && self.keepFor === 0) {
          worker.end();
          return;
        }
        use(helpersFor(worker));
        if (done) finish?.();
      },
      // No Worker: the MACs are computed here, as without one.
      () => undefined,
    );
  }
  try {
    return await work();
  } finally {
    done = true;
    works.delete(self);
    finish?.();
  }
}

/**
 * Helpers that post each job on `port` and wait for its answer there: the MACs of a batch
 * (mac.ts), the Blob of a file's piece (blob-parts.ts). `ready` resolves when the Worker says it
 * has started (never, if it does not); `drained` once no job waits for its answer.
 */
export function macHelperOver(port: MacPort): {
  helper: MacHelper;
  blobHelper: BlobHelper;
  ready: Promise<void>;
  drained(): Promise<void>;
  close(): void;
  /** False once closed (ended, or given up on after a job went unanswered). */
  answering(): boolean;
} {
  let nextId = 1;
  let closed = false;
  let started!: () => void;
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  const waiting = new Map<number, (reply: MacJobReply | undefined) => void>();
  let emptied: (() => void) | undefined;
  // Buffers the Worker handed back, for the next jobs' copies (see `ask`).
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

  /**
   * Posts a job whose bytes are a copy of `bytes` (the caller goes on using them, and does the
   * work itself if the Worker fails), moved, not cloned, and moved back with the answer. The copy
   * goes into a buffer an earlier job used where one is big enough: in Chromium on the 2-core
   * VM, writing into new memory cost 20 times writing into memory already touched.
   */
  const ask = (
    bytes: Uint8Array,
    job: (id: number, copy: Uint8Array<ArrayBuffer>) => MacJob | BlobJob,
  ) =>
    new Promise<Extract<MacJobReply, { data: Uint8Array }>>((resolve, reject) => {
      if (closed) {
        reject(new Error('the MAC Worker has ended'));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(close, ANSWER_TIMEOUT_MS);
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (waiting.size === 0) emptied?.();
        if (reply && 'data' in reply) {
          if (spare.length < MAX_SPARE_BUFFERS) spare.push(reply.data.buffer as ArrayBuffer);
          resolve(reply);
        } else reject(new Error('the MAC Worker did not answer'));
      });
      const size = bytes.length;
      const reused = spare.findIndex((buffer) => buffer.byteLength >= size);
      const buffer =
        reused >= 0 ? spare.splice(reused, 1)[0]! : new ArrayBuffer(Math.ceil(size * 1.25));
      const copy = new Uint8Array(buffer, 0, size);
      copy.set(bytes);
      port.postMessage(job(id, copy), [buffer]);
    });

  const helper: MacHelper = async (key, data, bounds) => {
    const reply = await ask(data.subarray(0, bounds[bounds.length - 1]), (id, copy) => ({
      id,
      key,
      data: copy,
      bounds,
    }));
    if (!('macs' in reply)) throw new Error('the MAC Worker answered something else');
    return reply.macs;
  };
  const blobHelper: BlobHelper = async (bytes) => {
    const reply = await ask(bytes, (id, copy) => ({ id, blob: copy }));
    if (!('blob' in reply)) throw new Error('the MAC Worker answered something else');
    return reply.blob;
  };
  const drained = () =>
    waiting.size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          emptied = resolve;
        });
  return { helper, blobHelper, ready, drained, close, answering: () => !closed };
}
