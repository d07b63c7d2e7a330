/**
 * Blob: URLs in Chrome's offscreen document: receives a file in pieces over the background's
 * port (text, or bytes as base64), turns it into a blob: URL for `downloads.download`, and revokes it when told
 * the download is over (or when the document closes, see start-offscreen.ts).
 */
import type { Runtime } from 'webextension-polyfill';
import { fromBase64 } from '@/src/crypto/bytes';
import type { OffscreenReply, OffscreenRequest } from '@/src/protocol/offscreen';

type BlobRequest = Extract<OffscreenRequest, { op: 'chunk' | 'chunk-bytes' | 'blob' | 'revoke' }>;

export interface BlobUrls {
  handle(request: BlobRequest): void;
  revokeAll(): void;
}

export function createBlobUrls(port: Runtime.Port): BlobUrls {
  const pieces = new Map<number, Blob[]>();
  const urls = new Map<number, string>();
  return {
    handle(request) {
      if (request.op === 'chunk' || request.op === 'chunk-bytes') {
        const list = pieces.get(request.id) ?? [];
        // Each piece becomes a blob at once, so a large file (a zip of attachments) moves into
        // the browser's blob storage piece by piece instead of piling up in this page's heap.
        list.push(new Blob([request.op === 'chunk' ? request.text : fromBase64(request.base64)]));
        pieces.set(request.id, list);
      } else if (request.op === 'blob') {
        const url = URL.createObjectURL(
          new Blob(pieces.get(request.id) ?? [], { type: request.mimeType }),
        );
        pieces.delete(request.id);
        urls.set(request.id, url);
        port.postMessage({ op: 'blob', id: request.id, url } satisfies OffscreenReply);
      } else if (request.op === 'revoke') {
        // Also drops the pieces of a file given up before it became a blob.
        pieces.delete(request.id);
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
