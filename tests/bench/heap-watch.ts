/**
 * The JS memory of the extension's own contexts in Chromium while a task runs, read over the
 * DevTools protocol (Runtime.getHeapUsage) from the popup page's session: the service worker, and
 * Chrome's offscreen document with its Workers (the KDF and MAC Workers, where the export's
 * pieces become Blobs). Each figure is the V8 heap in use, ArrayBuffer backing stores and Blink's
 * heap. The popup is measured apart (its own budget).
 *
 * The process's RSS (process-memory.ts) also holds the popup, the renderer's own code and memory
 * the allocator has not given back; this is the service worker's share of it, measured directly.
 *
 * The document's Workers are reached through the document's own session (auto-attach): attached
 * directly, as the browser lists them, a dedicated Worker never answers (Chromium 156), and the
 * column read "did not answer" for every Worker until 5 December.
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
  /** The session of the document a Worker is reached through. */
  via?: string;
  gone?: boolean;
}

/** Ids of the messages that only carry another to a Worker: their own answers are not awaited. */
const CARRIER_IDS = 1_000_000_000;

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
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
  let nextCarrier = CARRIER_IDS;
  const onMessage = ({ message, sessionId: from }: { message: string; sessionId?: string }) => {
    const reply = JSON.parse(message) as {
      id?: number;
      method?: string;
      params?: {
        sessionId: string;
        message?: string;
        targetInfo?: TargetInfo;
      };
      result?: unknown;
      error?: { message: string };
    };
    // What a document's Workers say, and their comings and goings, arrive inside its messages.
    if (reply.method === 'Target.receivedMessageFromTarget' && reply.params?.message) {
      onMessage({ message: reply.params.message, sessionId: reply.params.sessionId });
      return;
    }
    if (reply.method === 'Target.attachedToTarget' && from && reply.params?.targetInfo) {
      const info = reply.params.targetInfo;
      if (info.type === 'worker' && !attached.has(info.targetId)) {
        workerAttached(info, reply.params.sessionId, from);
      }
      return;
    }
    if (reply.method === 'Target.detachedFromTarget' && reply.params) {
      onDetached({ sessionId: reply.params.sessionId });
      return;
    }
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
  const send = (sessionId: string, message: object, via?: string) => {
    const text = JSON.stringify(message);
    if (!via) return cdp.send('Target.sendMessageToTarget', { sessionId, message: text });
    const carrier = {
      id: nextCarrier++,
      method: 'Target.sendMessageToTarget',
      params: { sessionId, message: text },
    };
    return cdp.send('Target.sendMessageToTarget', {
      sessionId: via,
      message: JSON.stringify(carrier),
    });
  };
  const call = <R>(sessionId: string, method: string, via?: string): Promise<R> =>
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
      send(sessionId, { id, method }, via).catch(settle(reject));
    });
  const heapOf = async (a: Attached): Promise<number> => {
    const usage = await call<{
      usedSize: number;
      embedderHeapUsedSize?: number;
      backingStorageSize?: number;
    }>(a.sessionId, 'Runtime.getHeapUsage', a.via);
    return usage.usedSize + (usage.embedderHeapUsedSize ?? 0) + (usage.backingStorageSize ?? 0);
  };
  /** Its figure before the task, after a full collection. */
  const takeBaseline = async (a: Attached) => {
    await call(a.sessionId, 'HeapProfiler.collectGarbage', a.via).catch(() => undefined);
    const bytes = await heapOf(a).catch(() => undefined);
    a.heap.answered = bytes !== undefined;
    a.heap.baseline = bytes ?? 0;
    a.heap.peak = a.heap.baseline;
  };
  let takingBaselines = true;
  const baselines: Promise<void>[] = [];
  const workerAttached = (info: TargetInfo, sessionId: string, via: string) => {
    const a: Attached = {
      heap: { type: info.type, url: info.url, baseline: 0, peak: 0, answered: false },
      sessionId,
      via,
    };
    attached.set(info.targetId, a);
    // One running before the task (a Worker kept for it) has its figure before, as the others.
    if (takingBaselines) baselines.push(takeBaseline(a));
  };

  const attachNew = async (baseline: boolean) => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    for (const info of targetInfos) {
      if (attached.has(info.targetId) || info.url === popupUrl) continue;
      // The offscreen document reads as a background page. Its Workers are attached through it
      // (below), never as the browser lists them.
      const ours =
        info.url.startsWith(extensionOrigin) &&
        ['service_worker', 'background_page', 'page', 'other'].includes(info.type);
      if (!ours) continue;
      const { sessionId } = await cdp
        .send('Target.attachToTarget', { targetId: info.targetId, flatten: false })
        .catch(() => ({ sessionId: '' }));
      if (!sessionId) continue;
      const a: Attached = {
        heap: { type: info.type, url: info.url, baseline: 0, peak: 0, answered: false },
        sessionId,
      };
      attached.set(info.targetId, a);
      if (baseline) await takeBaseline(a);
      if (info.type === 'background_page') {
        const autoAttach = { autoAttach: true, waitForDebuggerOnStart: false, flatten: false };
        await send(sessionId, {
          id: nextCarrier++,
          method: 'Target.setAutoAttach',
          params: autoAttach,
        }).catch(() => undefined);
      }
    }
  };

  await cdp.send('Target.setDiscoverTargets', { discover: true }).catch(() => undefined);
  await attachNew(true);
  // The document's Workers running now are told of within a moment of the auto-attach.
  await new Promise((resolve) => setTimeout(resolve, DISCOVER_MS));
  takingBaselines = false;
  await Promise.all(baselines);
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
            if (live) {
              await call(a.sessionId, 'HeapProfiler.collectGarbage', a.via).catch(() => undefined);
            }
            const bytes = await heapOf(a).catch(() => undefined);
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
    // A document's Workers go with the document's session.
    for (const a of attached.values()) {
      if (a.via) continue;
      await cdp.send('Target.detachFromTarget', { sessionId: a.sessionId }).catch(() => undefined);
    }
  }
  return { result, contexts: [...attached.values()].map((a) => a.heap) };
}
