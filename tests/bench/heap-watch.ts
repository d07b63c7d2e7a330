/**
 * The JS memory of the extension's own contexts in Chromium while a task runs, read over the
 * DevTools protocol (Runtime.getHeapUsage) from the popup page's session: the service worker, and
 * Chrome's offscreen document with its Workers (the KDF and MAC Workers, where the export's
 * pieces become Blobs). Each figure is the V8 heap in use, ArrayBuffer backing stores and Blink's
 * heap. The popup is measured apart (its own budget).
 *
 * The process's RSS (process-memory.ts) also holds the popup, the renderer's own code and memory
 * the allocator has not given back; this is the service worker's share of it, measured directly.
 */
import type { CDPSession } from 'playwright-core';

export interface ContextHeap {
  /** service_worker, background_page (the offscreen document) or worker. */
  type: string;
  url: string;
  /** Bytes before the task, after a full collection (0 for a context started during it). */
  baseline: number;
  peak: number;
  /** False when the context never answered (its figures then say nothing). */
  answered: boolean;
}

interface Attached {
  heap: ContextHeap;
  sessionId: string;
  gone?: boolean;
}

const SAMPLE_MS = 20;
const CALL_TIMEOUT_MS = 3_000;
const DISCOVER_MS = 100;

/**
 * Runs `task` while the heaps of the extension's contexts (other than `popupUrl`) are sampled.
 * `live`: each sample follows a full collection in that context (as measure-memory.ts does in
 * Node), so the peak is what the context holds alive at once, whatever the collector's timing;
 * the task runs slower for it. Otherwise the peak includes the garbage not yet collected, as the
 * collector left it.
 */
export async function watchExtensionHeaps<T>(
  cdp: CDPSession,
  extensionOrigin: string,
  popupUrl: string,
  task: () => Promise<T>,
  live: boolean,
): Promise<{ result: T; contexts: ContextHeap[] }> {
  // Messages to an attached context travel inside the page's session (Playwright opens sessions
  // only for pages and frames), answered by receivedMessageFromTarget.
  const attached = new Map<string, Attached>();
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (e: Error) => void }
  >();
  const onMessage = ({ message }: { message: string }) => {
    const reply = JSON.parse(message) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const waiting = reply.id === undefined ? undefined : pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id!);
    if (reply.error) waiting.reject(new Error(reply.error.message));
    else waiting.resolve(reply.result);
  };
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  // A context that ended (a Worker whose job is done) holds nothing any more.
  const onDetached = ({ sessionId }: { sessionId: string }) => {
    for (const a of attached.values()) {
      if (a.sessionId !== sessionId) continue;
      a.gone = true;
    }
  };
  cdp.on('Target.detachedFromTarget', onDetached);
  // A context that ends (a Worker whose job is done) never answers: its calls give up.
  const call = <R>(sessionId: string, method: string): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method}: no answer`));
      }, CALL_TIMEOUT_MS);
      const settle =
        <V>(then: (value: V) => void) =>
        (value: V) => {
          clearTimeout(timer);
          then(value);
        };
      pending.set(id, {
        resolve: settle(resolve as (value: unknown) => void),
        reject: settle(reject),
      });
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(settle(reject));
    });
  const heapOf = async (sessionId: string): Promise<number> => {
    const usage = await call<{
      usedSize: number;
      embedderHeapUsedSize?: number;
      backingStorageSize?: number;
    }>(sessionId, 'Runtime.getHeapUsage');
    return usage.usedSize + (usage.embedderHeapUsedSize ?? 0) + (usage.backingStorageSize ?? 0);
  };

  const attachNew = async (baseline: boolean) => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    for (const info of targetInfos) {
      if (attached.has(info.targetId) || info.url === popupUrl) continue;
      // The offscreen document reads as a background page; its Workers have no URL here (the
      // popup starts none, and no other extension is loaded).
      const ours =
        info.type === 'worker' ||
        (info.url.startsWith(extensionOrigin) &&
          ['service_worker', 'background_page', 'page', 'other'].includes(info.type));
      if (!ours) continue;
      const { sessionId } = await cdp
        .send('Target.attachToTarget', { targetId: info.targetId, flatten: false })
        .catch(() => ({ sessionId: '' }));
      if (!sessionId) continue;
      const heap: ContextHeap = {
        type: info.type,
        url: info.url,
        baseline: 0,
        peak: 0,
        answered: false,
      };
      if (baseline) {
        await call(sessionId, 'HeapProfiler.collectGarbage').catch(() => undefined);
        const bytes = await heapOf(sessionId).catch(() => undefined);
        heap.answered = bytes !== undefined;
        heap.baseline = bytes ?? 0;
      }
      heap.peak = heap.baseline;
      attached.set(info.targetId, { heap, sessionId });
    }
  };

  await cdp.send('Target.setDiscoverTargets', { discover: true }).catch(() => undefined);
  await attachNew(true);
  let stopped = false;
  const sampled = new Set<Attached>();
  const loops: Promise<void>[] = [];
  // Each context is sampled on its own: one busy or ending context does not hold the others'.
  const sampleEach = () => {
    for (const a of attached.values()) {
      if (sampled.has(a)) continue;
      sampled.add(a);
      loops.push(
        (async () => {
          while (!stopped && !a.gone) {
            if (live) await call(a.sessionId, 'HeapProfiler.collectGarbage').catch(() => undefined);
            const bytes = await heapOf(a.sessionId).catch(() => undefined);
            if (bytes !== undefined) {
              a.heap.answered = true;
              a.heap.peak = Math.max(a.heap.peak, bytes);
            }
            await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
          }
        })(),
      );
    }
  };
  sampleEach();
  // New contexts (an offscreen document or a Worker started for the task).
  const discovering = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, DISCOVER_MS));
      await attachNew(false).catch(() => undefined);
      sampleEach();
    }
  })();
  let result: T;
  try {
    result = await task();
  } finally {
    stopped = true;
    await discovering;
    await Promise.all(loops);
    cdp.off('Target.receivedMessageFromTarget', onMessage);
    cdp.off('Target.detachedFromTarget', onDetached);
    for (const a of attached.values())
      await cdp.send('Target.detachFromTarget', { sessionId: a.sessionId }).catch(() => undefined);
  }
  return { result, contexts: [...attached.values()].map((a) => a.heap) };
}
