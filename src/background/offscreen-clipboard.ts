/**
 * Chrome's service worker has no clipboard: clearing a copied secret is asked of the offscreen
 * document, which compares the clipboard with the secret's hash itself, so the clipboard's text
 * never travels to the worker.
 */
import type { OffscreenReply, OffscreenRequest } from '@/src/protocol/offscreen';
import type { ClipboardAccess } from './clipboard-clearer';
import type { OffscreenDocument } from './offscreen-document';

export function createOffscreenClipboard(document: OffscreenDocument): ClipboardAccess {
  let nextId = 1;
  return {
    async clearIfHolds(pending) {
      const port = await document.acquire();
      try {
        const id = nextId++;
        await new Promise<void>((resolve, reject) => {
          port.onMessage.addListener(function onReply(message: unknown) {
            const reply = message as OffscreenReply;
            if (reply.op !== 'clipboard-cleared' || reply.id !== id) return;
            port.onMessage.removeListener(onReply);
            resolve();
          });
          port.onDisconnect.addListener(() => reject(new Error('offscreen document closed')));
          port.postMessage({ op: 'clipboard-clear', id, pending } satisfies OffscreenRequest);
        });
      } finally {
        document.release();
      }
    },
  };
}
