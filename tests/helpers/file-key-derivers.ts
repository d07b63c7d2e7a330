/**
 * FileKeyDerivers for tests: one that counts what it derives, and one whose derivations wait
 * until the test lets them go (a slow Argon2id, without spending its seconds), both deriving the
 * real key in the end. Also a password-protected file made by Coffer's own exporter.
 */
import { createFileKeyDeriver, type FileKeyDeriver } from '@/src/background/file-key-deriver';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { startPasswordProtectedExport } from '@/src/formats/export-sink';
import type { KdfJob } from '@/src/protocol/kdf-worker';
import { pieceText } from './file-pieces';

export interface RecordingDeriver extends FileKeyDeriver {
  /** Every job asked for, in order. */
  jobs: KdfJob[];
  /** Signals of the jobs, to tell whether a job was aborted. */
  signals: AbortSignal[];
}

export function countingDeriver(inner: FileKeyDeriver = createFileKeyDeriver()): RecordingDeriver {
  const jobs: KdfJob[] = [];
  const signals: AbortSignal[] = [];
  return {
    jobs,
    signals,
    derive(job, signal) {
      jobs.push(job);
      signals.push(signal);
      return inner.derive(job, signal);
    },
  };
}

export interface GatedDeriver extends RecordingDeriver {
  /** Resolves once a derivation has started and is waiting. */
  started(): Promise<void>;
  /** Lets every waiting derivation go on to the real one. */
  release(): void;
}

export function gatedDeriver(): GatedDeriver {
  const real = createFileKeyDeriver();
  let open: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (open = resolve));
  let waiting = 0;
  let onWaiting: (() => void)[] = [];
  const recorder = countingDeriver({
    async derive(job, signal) {
      waiting++;
      for (const notify of onWaiting) notify();
      onWaiting = [];
      try {
        await new Promise<void>((resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          void gate.then(resolve);
        });
      } finally {
        waiting--;
      }
      return real.derive(job, signal);
    },
  });
  return {
    ...recorder,
    started: () =>
      waiting > 0 ? Promise.resolve() : new Promise<void>((resolve) => onWaiting.push(resolve)),
    release() {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    },
  };
}

/** A plain Bitwarden `.json` export's text sealed by Coffer's password-protected exporter. */
export async function protectWithPassword(
  plainText: string,
  filePassword: string,
  kdf: KdfConfig,
): Promise<string> {
  const pieces: string[] = [];
  const sink = await startPasswordProtectedExport(filePassword, kdf, (piece) =>
    pieces.push(pieceText(piece)),
  );
  await sink.write(plainText);
  await sink.finish();
  return pieces.join('');
}
