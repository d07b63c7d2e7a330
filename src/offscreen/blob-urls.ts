/**
 * Blob: URLs in Chrome's offscreen document: receives a file's text in pieces over the
 * background's port, turns it into a blob: URL for `downloads.download`, and revokes it when told
 * the download is over (or when the document closes, see start-offscreen.ts).
 */
import type { Runtime } from 'webextension-polyfill';
import type { OffscreenReply, OffscreenRequest } from '@/src/protocol/offscreen';

type BlobRequest = Extract<OffscreenRequest, { op: 'chunk' | 'blob' | 'revoke' }>;

export interface BlobUrls {
  handle(request: BlobRequest): void;
  revokeAll(): void;
}

export function createBlobUrls(port: Runtime.Port): BlobUrls {
  const pieces = new Map<number, string[]>();
  const urls = new Map<number, string>();
  return {
    handle(request) {
      if (request.op === 'chunk') {
        const list = pieces.get(request.id) ?? [];
        list.push(request.text);
        pieces.set(request.id, list);
      } else if (request.op === 'blob') {
        const url = URL.createObjectURL(
          new Blob(pieces.get(request.id) ?? [], { type: request.mimeType }),
        );
        pieces.delete(request.id);
        urls.set(request.id, url);
        port.postMessage({ op: 'blob', id: request.id, url } satisfies OffscreenReply);
      } else if (request.op === 'revoke') {
        const url = urls.get(request.id);
        if (url) URL.revokeObjectURL(url);
        urls.delete(request.id);
      }
    },
    revokeAll() {
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    },
  };
}
