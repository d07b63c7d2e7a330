/**
 * The KDF Worker and its two ways in (directly, or relayed by Chrome's offscreen document), run
 * in Node with fakes of Worker and port that carry messages as the browser does: the same
 * material as the in-thread derivation, CofferErrors carried across, and a cancelled job's
 * Worker terminated.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createOffscreenKdfRunner } from '@/src/background/offscreen-kdf';
import type { OffscreenDocument } from '@/src/background/offscreen-document';
import { utf8 } from '@/src/crypto/bytes';
import { deriveKdfMaterial } from '@/src/crypto/kdf';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { CofferError } from '@/src/errors/coffer-error';
import type { KdfJob } from '@/src/protocol/kdf-worker';
import { startKdfRelay } from '@/src/offscreen/kdf';
import { startKdfWorker, type KdfWorkerScope } from '@/src/workers/kdf-worker';
import { runKdfJob, type KdfWorkerHandle } from '@/src/workers/run-kdf-job';

const SMALL_ARGON2: KdfConfig = { type: 'argon2id', iterations: 2, memoryMiB: 16, parallelism: 1 };
const job = (kdf: KdfConfig = SMALL_ARGON2): KdfJob => ({
  password: utf8('file password'),
  salt: utf8('c2FsdHNhbHRzYWx0'),
  kdf,
});

/** A Worker running the real worker body in this process; `hold` keeps it from starting. */
function fakeWorker(log: string[], options: { hold?: boolean; crash?: boolean } = {}) {
  return (): KdfWorkerHandle => {
    log.push('created');
    const handle = {
      onmessage: null as KdfWorkerHandle['onmessage'],
      onerror: null as KdfWorkerHandle['onerror'],
      postMessage(message: KdfJob) {
        if (options.crash) {
          setTimeout(() => handle.onerror?.call(handle as never, {} as ErrorEvent), 0);
          return;
        }
        if (options.hold) return;
        // Structured clone, as postMessage does.
        setTimeout(() => scope.onmessage?.({ data: structuredClone(message) }), 0);
      },
      terminate() {
        log.push('terminated');
      },
    };
    const scope: KdfWorkerScope = {
      onmessage: null,
      postMessage(reply) {
        const data = structuredClone(reply);
        setTimeout(() => handle.onmessage?.call(handle as never, { data } as MessageEvent), 0);
      },
    };
    startKdfWorker(scope);
    return handle as unknown as KdfWorkerHandle;
  };
}

describe('the KDF Worker', () => {
  it('derives the same material as the background would on its own thread', async () => {
    const log: string[] = [];
    const expected = await deriveKdfMaterial(job().password, job().salt, SMALL_ARGON2);
    const material = await runKdfJob(fakeWorker(log), job(), new AbortController().signal);
    expect(material).toEqual(expected);
    expect(log).toEqual(['created', 'terminated']);
  });

  it('checks the file bounds itself and sends back the CofferError', async () => {
    const log: string[] = [];
    const tooMuch: KdfConfig = { type: 'argon2id', iterations: 2, memoryMiB: 2048, parallelism: 1 };
    const failure = runKdfJob(fakeWorker(log), job(tooMuch), new AbortController().signal);
    await expect(failure).rejects.toMatchObject({ code: 'ERR_KDF_PARAMS' });
    expect(log).toEqual(['created', 'terminated']);
  });

  it('terminates the Worker when the job is aborted, with the abort reason', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const running = runKdfJob(fakeWorker(log, { hold: true }), job(), controller.signal);
    const reason = new CofferError('errImportCancelled');
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    expect(log).toEqual(['created', 'terminated']);
  });

  it('says the key could not be derived when the Worker dies', async () => {
    const log: string[] = [];
    const running = runKdfJob(
      fakeWorker(log, { crash: true }),
      job(),
      new AbortController().signal,
    );
    await expect(running).rejects.toMatchObject({ code: 'ERR_INTERNAL', key: 'errFileKeyFailed' });
    expect(log).toEqual(['created', 'terminated']);
  });
});

/** Two ends of one port, each delivering the other's messages as JSON, as Chrome's ports do. */
function portPair(): [Runtime.Port, Runtime.Port] {
  const make = () => ({
    listeners: [] as ((m: unknown) => void)[],
    disconnects: [] as (() => void)[],
  });
  const a = make();
  const b = make();
  const end = (self: typeof a, other: typeof a) =>
    ({
      name: 'coffer-offscreen',
      postMessage(message: unknown) {
        const copy = JSON.parse(JSON.stringify(message));
        setTimeout(() => other.listeners.forEach((l) => l(copy)), 0);
      },
      disconnect() {
        other.disconnects.forEach((l) => l());
      },
      onMessage: { addListener: (l: (m: unknown) => void) => self.listeners.push(l) },
      onDisconnect: { addListener: (l: () => void) => self.disconnects.push(l) },
    }) as unknown as Runtime.Port;
  return [end(a, b), end(b, a)];
}

describe("Chrome's offscreen relay", () => {
  function relay(options: { hold?: boolean } = {}) {
    const log: string[] = [];
    const [background, document] = portPair();
    startKdfRelay(document, fakeWorker(log, options));
    const offscreen: OffscreenDocument = {
      async acquire() {
        log.push('acquire');
        return background;
      },
      release() {
        log.push('release');
      },
      connect() {},
    };
    return { log, run: createOffscreenKdfRunner(offscreen) };
  }

  it('derives in a Worker of the document and holds the document for the job only', async () => {
    const { log, run } = relay();
    const expected = await deriveKdfMaterial(job().password, job().salt, SMALL_ARGON2);
    expect(await run(job(), new AbortController().signal)).toEqual(expected);
    expect(log).toEqual(['acquire', 'created', 'terminated', 'release']);
  });

  it('terminates the Worker when the background cancels', async () => {
    const { log, run } = relay({ hold: true });
    const controller = new AbortController();
    const running = run(job(), controller.signal);
    // The job has reached the document's Worker (which holds it).
    await vi.waitFor(() => expect(log).toEqual(['acquire', 'created']));
    controller.abort(new CofferError('errImportCancelled'));
    await expect(running).rejects.toMatchObject({ code: 'ERR_IMPORT_CANCELLED' });
    // The document hears of the cancel over the port, after the background has let it go.
    await vi.waitFor(() => expect(log).toEqual(['acquire', 'created', 'release', 'terminated']));
  });
});
