/**
 * The offscreen document's side of a file's Argon2id (Chrome): each job from the background gets
 * its own Worker, terminated when it answers, when the background cancels it, or when the port
 * closes (the service worker stopped): no derivation outlives the one who asked for it.
 */
import type { Runtime } from 'webextension-polyfill';
import { fromBase64, toBase64 } from '@/src/crypto/bytes';
import { KDF_WORKER_PATH, kdfJobError } from '@/src/protocol/kdf-worker';
import type { OffscreenKdfReply, OffscreenRequest } from '@/src/protocol/offscreen';
import { runKdfJob, type KdfWorkerHandle } from '@/src/workers/run-kdf-job';

export function startKdfRelay(
  port: Runtime.Port,
  createWorker: () => KdfWorkerHandle = () => new Worker(KDF_WORKER_PATH),
): void {
  const running = new Map<number, AbortController>();
  port.onDisconnect.addListener(() => {
    for (const job of running.values()) job.abort();
    running.clear();
  });
  port.onMessage.addListener((message: unknown) => {
    const request = message as OffscreenRequest;
    if (request.op === 'kdf-cancel') {
      running.get(request.id)?.abort();
      running.delete(request.id);
      return;
    }
    if (request.op !== 'kdf') return;
    const { id } = request;
    const job = new AbortController();
    running.set(id, job);
    const answer = (reply: OffscreenKdfReply) => {
      // A cancelled job answers nobody.
      if (running.get(id) !== job) return;
      running.delete(id);
      port.postMessage(reply);
    };
    const work = { password: fromBase64(request.password), salt: fromBase64(request.salt) };
    runKdfJob(createWorker, { ...work, kdf: request.kdf }, job.signal).then(
      (material) => answer({ op: 'kdf', id, ok: true, material: toBase64(material) }),
      (error: unknown) => answer({ op: 'kdf', id, ok: false, error: kdfJobError(error) }),
    );
  });
}
