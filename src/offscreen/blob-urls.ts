/**
 * Chrome's offscreen document: receives a file's text in pieces over the background's port,
 * turns it into a blob: URL for `downloads.download`, and revokes it when told the download is
 * over. The document lives only for the background that opened it: when that port closes (the
 * service worker stopped, or the background is done), the document closes itself, and its blobs
 * go with it.
 */
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import {
  OFFSCREEN_PORT,
  type OffscreenReply,
  type OffscreenRequest,
} from '@/src/protocol/offscreen';

/** Returns the port, which the document's other jobs share. */
export function startBlobUrls(): Runtime.Port {
  const port = browser.runtime.connect({ name: OFFSCREEN_PORT });
  const pieces = new Map<number, string[]>();
  const urls = new Map<number, string>();
  port.onDisconnect.addListener(() => {
    for (const url of urls.values()) URL.revokeObjectURL(url);
    window.close();
  });
  port.onMessage.addListener((message: unknown) => {
    const request = message as OffscreenRequest;
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
  });
  return port;
}
