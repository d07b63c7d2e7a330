/**
 * blob: URLs for downloads from Chrome's service worker, which cannot make them itself: an
 * offscreen document (reason BLOBS) makes them from text the worker sends over a port. Saving a
 * 16 MB backup this way takes about a tenth of the time a data: URL does (measured in Chromium
 * 156: ~0.15 s against ~2.2 s).
 */
import type { Runtime } from 'webextension-polyfill';
import {
  OFFSCREEN_CHUNK_CHARS,
  type OffscreenReply,
  type OffscreenRequest,
} from '@/src/protocol/offscreen';

export interface BlobUrl {
  url: string;
  release(): void;
}

export interface BlobMaker {
  make(text: string, mimeType: string): Promise<BlobUrl>;
  /** Called by the background when the offscreen document's port connects. */
  connect(port: Runtime.Port): void;
}

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

/** Chrome's offscreen API, or undefined where there is none (Firefox, tests). */
export function offscreenApi(): OffscreenApi | undefined {
  return (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
}

export function createOffscreenBlobMaker(api: OffscreenApi): BlobMaker {
  let port: Runtime.Port | undefined;
  let portReady: { promise: Promise<Runtime.Port>; resolve(port: Runtime.Port): void } | undefined;
  let creating: Promise<Runtime.Port> | undefined;
  let nextId = 1;
  let inUse = 0;
  const waiting = new Map<number, (url: string) => void>();

  const documentPort = async (): Promise<Runtime.Port> => {
    if (port) return port;
    creating ??= (async () => {
      let resolve!: (p: Runtime.Port) => void;
      portReady = { promise: new Promise((r) => (resolve = r)), resolve: (p) => resolve(p) };
      await api.createDocument({
        url: '/offscreen.html',
        reasons: ['BLOBS'],
        justification:
          'Turns a backup file into a blob: URL so that the downloads API can save it.',
      });
      return portReady.promise;
    })().finally(() => {
      creating = undefined;
    });
    return creating;
  };

  return {
    connect(connected) {
      port = connected;
      connected.onMessage.addListener((message: unknown) => {
        const reply = message as OffscreenReply;
        waiting.get(reply.id)?.(reply.url);
        waiting.delete(reply.id);
      });
      connected.onDisconnect.addListener(() => {
        if (port === connected) port = undefined;
      });
      portReady?.resolve(connected);
    },

    async make(text, mimeType) {
      const target = await documentPort();
      const id = nextId++;
      inUse++;
      const url = new Promise<string>((resolve) => waiting.set(id, resolve));
      for (let offset = 0; offset < text.length || offset === 0; offset += OFFSCREEN_CHUNK_CHARS) {
        target.postMessage({
          op: 'chunk',
          id,
          text: text.slice(offset, offset + OFFSCREEN_CHUNK_CHARS),
        } satisfies OffscreenRequest);
        if (text.length === 0) break;
      }
      target.postMessage({ op: 'blob', id, mimeType } satisfies OffscreenRequest);
      return {
        url: await url,
        release() {
          target.postMessage({ op: 'revoke', id } satisfies OffscreenRequest);
          // The document holds only blobs; when none is in use it is closed to free them.
          if (--inUse === 0) void api.closeDocument().catch(() => undefined);
        },
      };
    },
  };
}
