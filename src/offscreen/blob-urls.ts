/**
 * Blob: URLs in Chrome's offscreen document: the background's worker posts a finished file as a
 * Blob (offscreen-blobs.ts), this makes its blob: URL for `downloads.download`, answers over the
 * port, and revokes it when told the download is over (or when the document closes, see
 * start-offscreen.ts). The file's content never enters this page's heap.
 */
import type { Runtime } from 'webextension-polyfill';
import type {
  OffscreenBlobDelivery,
  OffscreenReply,
  OffscreenRequest,
} from '@/src/protocol/offscreen';

export interface BlobUrls {
  /** A finished file from the worker. */
  deliver(delivery: OffscreenBlobDelivery): void;
  revoke(request: Extract<OffscreenRequest, { op: 'revoke' }>): void;
  revokeAll(): void;
}

export function createBlobUrls(port: Runtime.Port): BlobUrls {
  const urls = new Map<number, string>();
  return {
    deliver({ id, blob }) {
      const url = URL.createObjectURL(blob);
      urls.set(id, url);
      port.postMessage({ op: 'blob', id, url } satisfies OffscreenReply);
    },
    revoke({ id }) {
      const url = urls.get(id);
      if (url) URL.revokeObjectURL(url);
      urls.delete(id);
    },
    revokeAll() {
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    },
  };
}

/** Whether a message from the worker is a file delivery (the worker is this extension's own). */
export function isBlobDelivery(data: unknown): data is OffscreenBlobDelivery {
  const message = data as Partial<OffscreenBlobDelivery> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.op === 'blob' &&
    typeof message.id === 'number' &&
    message.blob instanceof Blob
  );
}
