/**
 * The background's MAC Worker (mac-workers.ts), over real MessageChannels with the Worker's own
 * body (src/workers/mac-worker.ts) at the other end: lent to mac.ts for the length of a job and
 * no longer, never in the way of the job when it cannot start, answers or not, and, in Chrome,
 * started through the offscreen document (src/offscreen/mac-workers.ts) and ended there.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import {
  endKeptMacWorker,
  macHelperOver,
  prepareMacWorker,
  startMacWorkerHere,
  startOffscreenMacWorker,
  withMacWorker,
  type MacPort,
  type StartMacWorker,
} from '@/src/background/mac-workers';
import type { OffscreenDocument } from '@/src/background/offscreen-document';
import { blobParts } from '@/src/background/blob-parts';
import { computeMacs, createMacKey } from '@/src/crypto/mac';
import { randomBytes } from '@/src/crypto/random';
import { createMacWorkers } from '@/src/offscreen/mac-workers';
import type { OffscreenMacWorkerDelivery } from '@/src/protocol/mac-worker';
import { serveMacJobs, startMacWorker, type MacWorkerScope } from '@/src/workers/mac-worker';
import { TEST_PASSWORD, createUnlockedBackground } from '../helpers/background';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
  vi.useRealTimers();
});

function channel(): MessageChannel {
  const made = new MessageChannel();
  ports.push(made.port1, made.port2);
  return made;
}

/**
 * A Worker made of the Worker's body, run here: its first message hands it its port, or tells
 * it to answer as a Worker. Messages are cloned (buffers moved) as a Worker's are; its answers
 * come in a later task (setImmediate: tests fake the timers).
 */
function fakeWorker() {
  const worker = {
    onmessage: null as ((event: MessageEvent) => void) | null,
    postMessage: vi.fn((message: unknown, transfer: Transferable[] = []) => {
      // A port the offscreen document hands over is passed as it is (Node's clone would end it).
      const { port, ...rest } = message as { port?: MessagePort | null };
      const moved = transfer.filter((item) => item !== port);
      const data = { ...structuredClone(rest, { transfer: moved }), port };
      scope.onmessage?.({ data } as MessageEvent);
    }),
    terminate: vi.fn(),
  };
  const scope: MacWorkerScope = {
    onmessage: null,
    postMessage(message, transfer = []) {
      const data = structuredClone(message, { transfer });
      setImmediate(() => worker.onmessage?.({ data } as MessageEvent));
    },
  };
  startMacWorker(scope);
  return worker;
}

/** Fake Workers made on demand (each the Worker's body, run here), and how to start one. */
function fakeWorkers() {
  const workers: ReturnType<typeof fakeWorker>[] = [];
  const start = startMacWorkerHere(() => {
    const worker = fakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  });
  return { workers, start };
}

/** `start`, with every message the background then posts to the Worker handed to `seen`. */
function watchingPosts(start: StartMacWorker, seen: (message: unknown) => void): StartMacWorker {
  return async () => {
    const running = await start();
    const post = running.port.postMessage.bind(running.port);
    running.port.postMessage = (message, transfer) => {
      seen(message);
      post(message, transfer);
    };
    return running;
  };
}

/** Lets the ports' messages (real MessageChannels) and the promises after them through. */
async function letMessagesThrough(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** 400 messages (enough for mac.ts to use a helper) and the MACs computed here. */
function job() {
  const key = randomBytes(32);
  const bounds = Uint32Array.from({ length: 401 }, (_, i) => i * 20);
  const data = randomBytes(bounds[400]!);
  return { key, data, bounds, expected: computeMacs(key, data, bounds) };
}

/**
 * Fake Workers whose posts are counted, and one job's MACs: `macs()` computes them as a work
 * would (on a Worker lent by then, else here); `macsOnceStarted()` first lets the Worker that
 * is being started say it is ready.
 */
function countedWorkers() {
  const made = fakeWorkers();
  let posts = 0;
  const start = watchingPosts(made.start, () => posts++);
  const { key, data, bounds, expected } = job();
  const mac = createMacKey(key);
  const macs = () => mac.computeAll(data, bounds);
  return {
    workers: made.workers,
    start,
    posts: () => posts,
    expected,
    macs,
    macsOnceStarted: async () => {
      await letMessagesThrough();
      return macs();
    },
  };
}

describe('the MAC Worker, from the background', () => {
  it('answers each job on its port with the MACs computed here, leaving the data usable', async () => {
    const { port1, port2 } = channel();
    serveMacJobs(port2);
    const { helper, ready, close } = macHelperOver(port1);
    await ready;
    const { key, data, bounds, expected } = job();
    const [a, b] = await Promise.all([helper(key, data, bounds), helper(key, data, bounds)]);
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);
    expect(data.byteLength).toBe(bounds[400]);
    close();
    await expect(helper(key, data, bounds)).rejects.toThrow();
  });

  it('copies each job into a buffer the Worker handed back, once one is big enough', async () => {
    const { port1, port2 } = channel();
    serveMacJobs(port2);
    const sent: ArrayBuffer[] = [];
    const returned: ArrayBuffer[] = [];
    const port: MacPort = {
      get onmessage() {
        return port1.onmessage;
      },
      set onmessage(listener) {
        port1.onmessage = listener
          ? (event: MessageEvent) => {
              const reply = event.data as { data?: Uint8Array };
              if (reply.data) returned.push(reply.data.buffer as ArrayBuffer);
              listener.call(port1, event);
            }
          : null;
      },
      postMessage(message, transfer) {
        sent.push(transfer[0] as ArrayBuffer);
        port1.postMessage(message, transfer);
      },
      close: () => port1.close(),
    };
    const { helper, ready, close } = macHelperOver(port);
    await ready;
    const { key, data, bounds, expected } = job();
    for (let i = 0; i < 3; i++) expect(await helper(key, data, bounds)).toEqual(expected);
    // The first job's buffer was new; each later job's is the one the job before got back.
    expect(sent[1]).toBe(returned[0]);
    expect(sent[2]).toBe(returned[1]);
    // A job larger than any buffer kept gets a new one, and the right MACs.
    const larger = Uint32Array.from({ length: 401 }, (_, i) => i * 40);
    const more = randomBytes(larger[400]!);
    expect(await helper(key, more, larger)).toEqual(computeMacs(key, more, larger));
    expect(sent[3]).not.toBe(returned[2]);
    close();
  });

  it('makes the Blob of a piece, the same bytes, and the piece left as it was', async () => {
    const { port1, port2 } = channel();
    serveMacJobs(port2);
    const { blobHelper, ready, close } = macHelperOver(port1);
    await ready;
    const piece = randomBytes(100_000);
    const before = piece.slice();
    const blob = await blobHelper(piece);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(before);
    expect(piece).toEqual(before);
    close();
  });

  it('waits, when the work is done, for the Blobs still being made before ending the Worker', async () => {
    const worker = fakeWorker();
    const here = startMacWorkerHere(() => worker as unknown as Worker);
    // As Chrome's offscreen Worker says of itself.
    const start = async () => ({ ...(await here()), makesBlobs: true });
    const piece = randomBytes(100_000);
    let made: Promise<Blob> | undefined;
    await withMacWorker(start, async () => {
      // Lent once the Worker says it is ready.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const parts = blobParts();
      parts.append(piece);
      made = parts.whole('text/plain');
    });
    // The piece went to the Worker, which is ended only once it has answered.
    expect(worker.terminate).not.toHaveBeenCalled();
    expect(new Uint8Array(await (await made!).arrayBuffer())).toEqual(piece);
    await vi.waitFor(() => expect(worker.terminate).toHaveBeenCalledTimes(1));
  });

  it('is not lent Blobs to make where the background makes them cheaply (Firefox)', async () => {
    const worker = fakeWorker();
    const posted: unknown[] = [];
    const start = watchingPosts(
      startMacWorkerHere(() => worker as unknown as Worker),
      (message) => posted.push(message),
    );
    const piece = randomBytes(100_000);
    const made = await withMacWorker(start, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const parts = blobParts();
      parts.append(piece);
      return parts.whole('text/plain');
    });
    expect(posted).toEqual([]);
    expect(new Uint8Array(await made.arrayBuffer())).toEqual(piece);
  });

  it('gives up on a Worker that does not answer, at once for every job after', async () => {
    vi.useFakeTimers();
    const { port1 } = channel();
    const silent = macHelperOver(port1);
    const { key, data, bounds } = job();
    const late = [silent.helper(key, data, bounds), silent.helper(key, data, bounds)];
    const settled = expect(Promise.allSettled(late)).resolves.toMatchObject([
      { status: 'rejected' },
      { status: 'rejected' },
    ]);
    await vi.advanceTimersByTimeAsync(2_000);
    await settled;
    await expect(silent.helper(key, data, bounds)).rejects.toThrow('has ended');
  });

  it('gives up on every job when closed', async () => {
    const { port1 } = channel();
    const silent = macHelperOver(port1);
    const { key, data, bounds } = job();
    const pending = silent.helper(key, data, bounds);
    silent.close();
    await expect(pending).rejects.toThrow('did not answer');
  });

  it('is lent while the work runs and ended with it', async () => {
    const worker = fakeWorker();
    const start = startMacWorkerHere(() => worker as unknown as Worker);
    const { key, data, bounds, expected } = job();
    const mac = createMacKey(key);
    let jobs = 0;
    const result = await withMacWorker(
      watchingPosts(start, () => jobs++),
      async () => {
        // Work begun before the Worker has started is done here; once it has, it goes there.
        await new Promise((resolve) => setTimeout(resolve, 20));
        return mac.computeAll(data, bounds);
      },
    );
    expect(result).toEqual(expected);
    expect(jobs).toBe(1);
    // Firefox's background page talks to its Worker as a Worker (no MessageChannel between),
    // its job's bytes moved, not copied.
    expect(worker.postMessage.mock.calls[0]).toEqual([{ port: null }]);
    const [posted, moved] = worker.postMessage.mock.calls[1]!;
    expect(posted).toMatchObject({ id: 1, key, bounds });
    expect(moved).toEqual([(posted as { data: Uint8Array }).data.buffer]);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    // Ended: the next batch is computed here.
    expect(await mac.computeAll(data, bounds)).toEqual(expected);
    expect(jobs).toBe(1);
  });

  it('is not asked before it says it is ready, nor at all if it never does', async () => {
    const { port1 } = channel();
    let posted = 0;
    const silent: MacPort = {
      set onmessage(listener) {
        port1.onmessage = listener;
      },
      get onmessage() {
        return port1.onmessage;
      },
      postMessage: () => void posted++,
      close: () => port1.close(),
    };
    const { key, data, bounds, expected } = job();
    const mac = createMacKey(key);
    const began = Date.now();
    const result = await withMacWorker(
      async () => ({ port: silent, end: () => undefined, makesBlobs: false }),
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return mac.computeAll(data, bounds);
      },
    );
    expect(result).toEqual(expected);
    expect(posted).toBe(0);
    expect(Date.now() - began).toBeLessThan(1_000);
  });

  it('lets the work run without it where it cannot start, or starts too late', async () => {
    const { key, data, bounds, expected } = job();
    const mac = createMacKey(key);
    expect(
      await withMacWorker(
        () => Promise.reject(new Error('no Workers here')),
        () => mac.computeAll(data, bounds),
      ),
    ).toEqual(expected);
    let started!: (worker: { port: MacPort; end(): void; makesBlobs: boolean }) => void;
    const end = vi.fn();
    const done = await withMacWorker(
      () => new Promise((resolve) => (started = resolve)),
      async () => 'done',
    );
    expect(done).toBe('done');
    started({ port: channel().port1, end, makesBlobs: false });
    await Promise.resolve();
    expect(end).toHaveBeenCalledTimes(1);
  });

  it('is kept, when asked, for the next work, which takes it ready, and ended when not taken', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { workers, start } = fakeWorkers();
    const jobsOf = new Map<ReturnType<typeof fakeWorker>, number>();
    const counted = watchingPosts(start, () => {
      const worker = workers.at(-1)!;
      jobsOf.set(worker, (jobsOf.get(worker) ?? 0) + 1);
    });
    const { key, data, bounds, expected } = job();
    const mac = createMacKey(key);

    // A preview: ends before its Worker is ready; the Worker is kept once it is.
    await withMacWorker(counted, async () => 'preview', 60_000);
    await vi.waitFor(() => expect(workers).toHaveLength(1));
    await letMessagesThrough();
    expect(workers[0]!.terminate).not.toHaveBeenCalled();
    // The import after it: no new Worker, and its first batch goes to the kept one at once.
    const first = await withMacWorker(counted, () => mac.computeAll(data, bounds));
    expect(first).toEqual(expected);
    expect(workers).toHaveLength(1);
    expect(jobsOf.get(workers[0]!)).toBe(1);
    // Not kept by that work: ended with it, and the next work starts its own.
    await letMessagesThrough();
    expect(workers[0]!.terminate).toHaveBeenCalledTimes(1);
    await withMacWorker(counted, async () => 'next', 60_000);
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    await letMessagesThrough();
    // Kept, and nobody takes it: ended when its time is up, and the next work starts anew.
    vi.advanceTimersByTime(59_000);
    expect(workers[1]!.terminate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    await letMessagesThrough();
    expect(workers[1]!.terminate).toHaveBeenCalledTimes(1);
    await withMacWorker(counted, async () => 'after');
    await vi.waitFor(() => expect(workers).toHaveLength(3));
  });

  it('is taken still starting, is kept one at most, and is ended when the vault locks', async () => {
    const { workers, start, posts, expected, macsOnceStarted } = countedWorkers();
    // The preview ends before its Worker has even been made; the import comes at once after,
    // takes that Worker and sends it its batch once it is ready.
    await withMacWorker(start, async () => 'preview', 60_000);
    expect(await withMacWorker(start, macsOnceStarted)).toEqual(expected);
    expect(workers).toHaveLength(1);
    expect(posts()).toBe(1);
    await letMessagesThrough();
    expect(workers[0]!.terminate).toHaveBeenCalledTimes(1);
    // Two works keep theirs at once: one is kept, the other ended.
    await Promise.all([
      withMacWorker(start, async () => 'a', 60_000),
      withMacWorker(start, async () => 'b', 60_000),
    ]);
    await letMessagesThrough();
    expect(workers).toHaveLength(3);
    expect(workers.filter((w) => w.terminate.mock.calls.length === 0)).toHaveLength(1);
    // Locked: the kept one is ended, and the next work starts its own.
    endKeptMacWorker(start);
    await letMessagesThrough();
    expect(workers.every((w) => w.terminate.mock.calls.length === 1)).toBe(true);
    await withMacWorker(start, async () => 'after');
    await letMessagesThrough();
    expect(workers).toHaveLength(4);
  });

  it('kept by an import preview, is ended when the vault is locked', async () => {
    const { workers, start: macWorker } = fakeWorkers();
    const vault = await createUnlockedBackground(undefined, { macWorker });
    const content = JSON.stringify({ encrypted: false, folders: [], items: [] });
    await vault.client.previewImport({ format: 'bitwarden_json', content });
    await vi.waitFor(() => expect(workers).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(workers[0]!.terminate).not.toHaveBeenCalled();
    await vault.client.lock();
    await vi.waitFor(() => expect(workers[0]!.terminate).toHaveBeenCalledTimes(1));
  });

  it('started ahead of a work, is taken by it started or still starting, and never twice', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { workers, start, posts, expected, macs, macsOnceStarted } = countedWorkers();

    // Still starting when the work comes: the work takes that start, and makes none of its own.
    prepareMacWorker(start, 60_000);
    prepareMacWorker(start, 60_000);
    expect(await withMacWorker(start, macsOnceStarted)).toEqual(expected);
    expect(workers).toHaveLength(1);
    expect(posts()).toBe(1);
    await letMessagesThrough();
    expect(workers[0]!.terminate).toHaveBeenCalledTimes(1);

    // Started and ready: kept, and asked again it gets more time, not a second Worker.
    prepareMacWorker(start, 60_000);
    await letMessagesThrough();
    vi.advanceTimersByTime(50_000);
    prepareMacWorker(start, 60_000);
    await letMessagesThrough();
    vi.advanceTimersByTime(50_000);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.terminate).not.toHaveBeenCalled();
    // The work takes it ready, its first batch going there at once.
    expect(await withMacWorker(start, macs)).toEqual(expected);
    expect(workers).toHaveLength(2);
    expect(posts()).toBe(2);
    await letMessagesThrough();
    expect(workers[1]!.terminate).toHaveBeenCalledTimes(1);

    // Not taken: ended when its time is up.
    prepareMacWorker(start, 60_000);
    await letMessagesThrough();
    vi.advanceTimersByTime(60_000);
    await letMessagesThrough();
    expect(workers[2]!.terminate).toHaveBeenCalledTimes(1);
  });

  it('asked for while a work runs, is the one that work has, kept for the next: none other starts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { workers, start, posts, expected, macs, macsOnceStarted } = countedWorkers();

    // An export runs; a second popup opens the Export Vault form meanwhile.
    const first = await withMacWorker(start, async () => {
      await letMessagesThrough();
      prepareMacWorker(start, 60_000);
      return macsOnceStarted();
    });
    expect(first).toEqual(expected);
    expect(workers).toHaveLength(1);
    await letMessagesThrough();
    expect(workers[0]!.terminate).not.toHaveBeenCalled();

    // The next export takes it ready, and ends it as a work not asked to keep it does.
    vi.advanceTimersByTime(50_000);
    expect(await withMacWorker(start, macs)).toEqual(expected);
    expect([workers.length, posts()]).toEqual([1, 2]);
    await letMessagesThrough();
    expect(workers[0]!.terminate).toHaveBeenCalledTimes(1);

    // Asked for while a work runs and not taken: ended when its time is up.
    await withMacWorker(start, async () => {
      await letMessagesThrough();
      prepareMacWorker(start, 60_000);
    });
    await letMessagesThrough();
    expect(workers[1]!.terminate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    await letMessagesThrough();
    expect(workers[1]!.terminate).toHaveBeenCalledTimes(1);
  });

  it('asked to be kept by a work, is ended with it if the vault locks while it runs', async () => {
    const made = fakeWorkers();
    const { workers } = made;
    // An export asked to keep its Worker (the form opened again), then a lock before it ends.
    await withMacWorker(made.start, async () => {
      await letMessagesThrough();
      prepareMacWorker(made.start, 60_000);
      endKeptMacWorker(made.start);
    });
    // An import preview, which keeps its Worker for the import, locked while it runs.
    await withMacWorker(
      made.start,
      async () => {
        await letMessagesThrough();
        endKeptMacWorker(made.start);
      },
      60_000,
    );
    await letMessagesThrough();
    expect(workers.map((worker) => worker.terminate.mock.calls.length)).toEqual([1, 1]);
    // Nothing was kept: the next work starts its own.
    await withMacWorker(made.start, async () => letMessagesThrough());
    expect(workers).toHaveLength(3);
  });

  it('started ahead of a work, is ended when the vault locks, even before it is made', async () => {
    const end = vi.fn();
    let made!: () => void;
    const start: StartMacWorker = () =>
      new Promise((resolve) => {
        made = () => resolve({ port: channel().port1, end, makesBlobs: false });
      });
    prepareMacWorker(start, 60_000);
    endKeptMacWorker(start);
    made();
    await letMessagesThrough();
    expect(end).toHaveBeenCalledTimes(1);
    // Nothing is left for the next work: it starts its own.
    const again = vi.fn(start);
    await withMacWorker(again, async () => 'next');
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('is started when the Export Vault form asks for its figures, and does the export', async () => {
    const made = fakeWorkers();
    let jobs = 0;
    const macWorker = watchingPosts(made.start, (message) => {
      if ('bounds' in (message as object)) jobs++;
    });
    const vault = await createUnlockedBackground(undefined, { macWorker });
    const items = Array.from({ length: 300 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 1,
      name: `Site ${i}`,
      login: { username: `user${i}`, password: `pw-${i}`, uris: [] },
    }));
    const content = JSON.stringify({ encrypted: false, folders: [], items });
    await vault.client.importVault({ format: 'bitwarden_json', content });
    await vi.waitFor(() => expect(made.workers[0]?.terminate).toHaveBeenCalledTimes(1));

    await vault.client.getExportInfo();
    await vi.waitFor(() => expect(made.workers).toHaveLength(2));
    await letMessagesThrough();
    jobs = 0;
    const file = await vault.client.exportVault({
      format: 'json',
      masterPassword: TEST_PASSWORD,
    });
    expect(file.itemCount).toBe(300);
    // The form's Worker did the export's MACs; the export started none of its own.
    expect(jobs).toBeGreaterThan(0);
    expect(made.workers).toHaveLength(2);
    await vi.waitFor(() => expect(made.workers[1]!.terminate).toHaveBeenCalledTimes(1));
    // Opened and left: the Worker it started is ended at the lock.
    await vault.client.getExportInfo();
    await vi.waitFor(() => expect(made.workers).toHaveLength(3));
    await vault.client.lock();
    await vi.waitFor(() => expect(made.workers[2]!.terminate).toHaveBeenCalledTimes(1));
  });

  it('is not kept if it never says it is ready, nor if it stopped answering', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { port1 } = channel();
    const end = vi.fn();
    const silent = async () => ({
      port: { onmessage: null, postMessage: () => undefined, close: () => port1.close() },
      end,
      makesBlobs: false,
    });
    await withMacWorker(silent, async () => 'preview', 60_000);
    await letMessagesThrough();
    expect(end).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2_000);
    await letMessagesThrough();
    expect(end).toHaveBeenCalledTimes(1);
    // One that was given up on (closed) while in use is ended, not kept.
    const { port1: other } = channel();
    const endOther = vi.fn();
    await withMacWorker(
      async () => {
        const port: MacPort = {
          onmessage: null,
          postMessage: () => undefined,
          close: () => other.close(),
        };
        setImmediate(() => port.onmessage?.({ data: { ready: true } } as MessageEvent));
        return { port, end: endOther, makesBlobs: false };
      },
      async () => {
        await letMessagesThrough();
        const { key, data, bounds, expected } = job();
        const pending = createMacKey(key).computeAll(data, bounds);
        vi.advanceTimersByTime(2_000);
        expect(await pending).toEqual(expected);
      },
      60_000,
    );
    await letMessagesThrough();
    expect(endOther).toHaveBeenCalledTimes(1);
  });

  it('is started by the offscreen document in Chrome, and ended there with the job', async () => {
    const documentPort = { postMessage: vi.fn() };
    const document: OffscreenDocument = {
      acquire: vi.fn(async () => documentPort as unknown as Runtime.Port),
      release: vi.fn(),
      connect: vi.fn(),
    };
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const inDocument = createMacWorkers(() => {
      workers.push(fakeWorker());
      return workers.at(-1)! as unknown as Worker;
    });
    const courier = vi.fn(async (delivery: unknown, transfer?: Transferable[]) => {
      expect(transfer).toEqual([(delivery as OffscreenMacWorkerDelivery).port]);
      inDocument.start(delivery as OffscreenMacWorkerDelivery);
    });
    const start = startOffscreenMacWorker(document, courier);
    const { key, data, bounds, expected } = job();

    const running = await start();
    ports.push(running.port as MessagePort);
    expect(document.acquire).toHaveBeenCalledTimes(1);
    // Chrome's service worker has the Blobs of its exports made there.
    expect(running.makesBlobs).toBe(true);
    const { helper, close } = macHelperOver(running.port);
    expect(await helper(key, data, bounds)).toEqual(expected);
    close();
    running.end();
    const [ended] = documentPort.postMessage.mock.calls.at(-1)!;
    expect(ended).toEqual({ op: 'mac-worker-end', id: 1 });
    expect(document.release).toHaveBeenCalledTimes(1);
    inDocument.end((ended as { id: number }).id);
    expect(workers[0]!.terminate).toHaveBeenCalledTimes(1);

    // A document that cannot be reached is let go at once.
    courier.mockRejectedValueOnce(new Error('not among the clients'));
    await expect(start()).rejects.toThrow('not among the clients');
    expect(document.release).toHaveBeenCalledTimes(2);
    // The document closing ends whatever still runs.
    await start();
    inDocument.endAll();
    expect(workers.at(-1)!.terminate).toHaveBeenCalledTimes(1);
  });
});
