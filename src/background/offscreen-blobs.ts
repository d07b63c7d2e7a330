/**
 * blob: URLs for downloads from Chrome's service worker, which can make Blobs but not their URLs:
 * the worker builds the file as a Blob, piece by piece (each piece goes into the browser's blob
 * storage as it is appended, so the file never sits in a JS heap), and hands the finished Blob to
 * the offscreen document, which makes its URL. The Blob travels by structured clone from the
 * worker to the document as a client (a reference to stored data: no copy of the file); only its
 * URL comes back over the document's port.
 *
 * Why not the port for the file itself: a port carries JSON, so the file was serialised in the
 * worker and parsed again in the document. Profiled in Chromium 156 on the 2-core machine (a
 * 22 MB account-restricted export of 10,000 items) that was 0.9 s of the worker's 2.8 s, and the
 * parsed text was 57-80 MiB of the popup's isolate's heap, which the document shares. A data:
 * URL is never used: Chrome keeps a download's URL in the profile's History database, so it
 * would leave the whole file there in plain text.
 */
import type { Runtime } from 'webextension-polyfill';
import type { FileContent } from '@/src/formats/file-content';
import type { OffscreenMacWorkerDelivery } from '@/src/protocol/mac-worker';
import type {
  OffscreenBlobDelivery,
  OffscreenReply,
  OffscreenRequest,
} from '@/src/protocol/offscreen';
import { blobParts } from './blob-parts';
import type { OffscreenDocument } from './offscreen-document';

export interface BlobUrl {
  url: string;
  release(): void;
}

/**
 * A file sent to the offscreen document while it is being written (a zip of attachments), so the
 * worker never holds all of it: each piece leaves as soon as it is appended, and the document
 * keeps the pieces until `finish` makes them one blob. `discard` drops them unused.
 */
export interface BlobDraft {
  /**
   * Bytes, or text (made UTF-8 here: no base64 either way). Answers the piece's size in bytes.
   * The piece is read after this returns (blob-parts.ts), so it must not change.
   */
  append(piece: Uint8Array | string): number;
  finish(mimeType: string): Promise<BlobUrl>;
  discard(): void;
}

export interface BlobMaker {
  make(content: FileContent, mimeType: string): Promise<BlobUrl>;
  begin(): Promise<BlobDraft>;
  /** Keeps the document open (opening it now) until the returned release is called. */
  hold(): Promise<() => void>;
}

/** Hands a finished Blob to the offscreen document (as a service-worker client message). */
export type BlobCourier = (delivery: OffscreenBlobDelivery) => Promise<void>;

export function createOffscreenBlobMaker(
  document: OffscreenDocument,
  deliver: BlobCourier,
): BlobMaker {
  let nextId = 1;
  const waiting = new Map<number, (url: string) => void>();
  const listening = new WeakSet<Runtime.Port>();

  const listen = (port: Runtime.Port) => {
    if (listening.has(port)) return;
    listening.add(port);
    port.onMessage.addListener((message: unknown) => {
      const reply = message as OffscreenReply;
      if (reply.op !== 'blob') return;
      waiting.get(reply.id)?.(reply.url);
      waiting.delete(reply.id);
    });
  };

  /**
   * A blob in the making: each piece becomes a Blob (into the browser's storage) at once. The
   * document is needed only for the URL, so it opens while the file is being made.
   */
  const begin = async (): Promise<BlobDraft> => {
    const opened = document.acquire().then((port) => {
      listen(port);
      return port;
    });
    // A document that cannot open fails `finish`; until then nothing waits on it.
    opened.catch(() => undefined);
    const id = nextId++;
    const parts = blobParts();
    let ended = false;
    const end = () => {
      ended = true;
      parts.clear();
      waiting.delete(id);
      void opened.then(
        (port) => {
          try {
            port.postMessage({ op: 'revoke', id } satisfies OffscreenRequest);
          } catch {
            // The document is gone already, and its blobs with it.
          }
          document.release();
        },
        // It never opened: there is nothing to revoke or release.
        () => undefined,
      );
    };
    const draft: BlobDraft = {
      append: (piece) => parts.append(piece),
      async finish(mimeType) {
        try {
          const blob = await parts.whole(mimeType);
          const port = await opened;
          const url = new Promise<string>((resolve, reject) => {
            waiting.set(id, resolve);
            port.onDisconnect.addListener(() => reject(new Error('offscreen document closed')));
          });
          await deliver({ op: 'blob', id, blob });
          const made = await url;
          return { url: made, release: () => ended || end() };
        } catch (error) {
          draft.discard();
          throw error;
        }
      },
      discard() {
        if (!ended) end();
      },
    };
    return draft;
  };

  return {
    begin,
    async hold() {
      await document.acquire();
      let held = true;
      return () => {
        if (held) document.release();
        held = false;
      };
    },
    async make(content, mimeType) {
      const draft = await begin();
      try {
        draft.append(content.kind === 'text' ? content.text : content.bytes);
      } catch (error) {
        draft.discard();
        throw error;
      }
      return draft.finish(mimeType);
    },
  };
}

/** What the courier needs of a service worker's `clients`. */
export interface WorkerClients {
  matchAll(options: {
    includeUncontrolled: boolean;
    type: 'all';
  }): Promise<
    readonly { url: string; postMessage(message: unknown, transfer?: Transferable[]): void }[]
  >;
}

/**
 * Hands the offscreen document what a port (JSON) cannot carry: a finished Blob, or the port of
 * a MAC Worker (`transfer` moves it).
 */
export type OffscreenCourier = (
  delivery: OffscreenBlobDelivery | OffscreenMacWorkerDelivery,
  transfer?: Transferable[],
) => Promise<void>;

/**
 * The courier of a service worker: finds the offscreen document among the worker's clients (it
 * is one of this extension's pages, uncontrolled) and posts it the delivery.
 */
export function serviceWorkerCourier(
  clients: WorkerClients,
  documentUrl: string,
): OffscreenCourier {
  return async (delivery, transfer = []) => {
    const all = await clients.matchAll({ includeUncontrolled: true, type: 'all' });
    const target = all.find((client) => client.url === documentUrl);
    if (!target) throw new Error('the offscreen document is not among the worker’s clients');
    target.postMessage(delivery, transfer);
  };
}
