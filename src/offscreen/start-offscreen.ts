/**
 * Chrome's offscreen document: one port to the background that opened it, whose requests go to
 * the blob: URL maker, the clipboard, the MAC Workers or the file-key Worker relay (kdf.ts
 * listens for its own). The document lives only for that background: when the port closes (the
 * service worker stopped, or the background is done), the document closes itself, and its blobs
 * and Workers go with it.
 */
import { browser } from 'wxt/browser';
import {
  OFFSCREEN_PORT,
  type OffscreenReply,
  type OffscreenRequest,
} from '@/src/protocol/offscreen';
import { isMacWorkerDelivery } from '@/src/protocol/mac-worker';
import { createBlobUrls, isBlobDelivery } from './blob-urls';
import { clearClipboardIfHolds } from './clipboard';
import { startKdfRelay } from './kdf';
import { createMacWorkers } from './mac-workers';

export function startOffscreen(): void {
  const port = browser.runtime.connect({ name: OFFSCREEN_PORT });
  const blobs = createBlobUrls(port);
  const macWorkers = createMacWorkers();
  // Files arrive from the worker as Blobs, and MAC Workers' ports as ports, posted to this
  // document as one of its clients.
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isBlobDelivery(event.data)) blobs.deliver(event.data);
    if (isMacWorkerDelivery(event.data)) macWorkers.start(event.data);
  });
  navigator.serviceWorker.startMessages();
  port.onDisconnect.addListener(() => {
    blobs.revokeAll();
    macWorkers.endAll();
    window.close();
  });
  startKdfRelay(port);
  port.onMessage.addListener((message: unknown) => {
    const request = message as OffscreenRequest;
    if (request.op === 'revoke') return blobs.revoke(request);
    if (request.op === 'mac-worker-end') return macWorkers.end(request.id);
    if (request.op !== 'clipboard-clear') return;
    void clearClipboardIfHolds(request.pending)
      .catch((error: unknown) => {
        console.warn('Coffer: could not clear the clipboard', error);
        return false;
      })
      .then((cleared) =>
        port.postMessage({
          op: 'clipboard-cleared',
          id: request.id,
          cleared,
        } satisfies OffscreenReply),
      );
  });
}
