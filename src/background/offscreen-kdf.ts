/**
 * Argon2id for Chrome's service worker, which cannot make Workers: the offscreen document makes
 * one per job (src/offscreen/kdf.ts) and relays over its port. The document is held for the
 * job's length only, like a download's blob.
 */
import type { Runtime } from 'webextension-polyfill';
import { fromBase64, toBase64 } from '@/src/crypto/bytes';
import { CofferError } from '@/src/errors/coffer-error';
import { kdfJobFailure } from '@/src/protocol/kdf-worker';
import type { OffscreenKdfReply, OffscreenRequest } from '@/src/protocol/offscreen';
import type { KdfJobRunner } from './file-key-deriver';
import type { OffscreenDocument } from './offscreen-document';

export function createOffscreenKdfRunner(document: OffscreenDocument): KdfJobRunner {
  let nextId = 1;
  const waiting = new Map<number, (reply: OffscreenKdfReply) => void>();
  const listening = new WeakSet<Runtime.Port>();

  const listen = (port: Runtime.Port) => {
    if (listening.has(port)) return;
    listening.add(port);
    port.onMessage.addListener((message: unknown) => {
      const reply = message as OffscreenKdfReply;
      if (reply.op !== 'kdf') return;
      waiting.get(reply.id)?.(reply);
    });
  };

  return async (job, signal) => {
    signal.throwIfAborted();
    const port = await document.acquire();
    const id = nextId++;
    try {
      listen(port);
      return await new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
        const settle = () => {
          waiting.delete(id);
          signal.removeEventListener('abort', onAbort);
        };
        const onAbort = () => {
          settle();
          try {
            port.postMessage({ op: 'kdf-cancel', id } satisfies OffscreenRequest);
          } catch {
            // The document is gone already, and its Worker with it.
          }
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort);
        port.onDisconnect.addListener(() => {
          settle();
          reject(new CofferError('errFileKeyFailed'));
        });
        waiting.set(id, (reply) => {
          settle();
          if (reply.ok) resolve(fromBase64(reply.material));
          else reject(kdfJobFailure(reply.error));
        });
        // Chrome's ports carry JSON: the bytes travel as base64.
        port.postMessage({
          op: 'kdf',
          id,
          password: toBase64(job.password),
          salt: toBase64(job.salt),
          kdf: job.kdf,
        } satisfies OffscreenRequest);
      });
    } finally {
      document.release();
    }
  };
}
