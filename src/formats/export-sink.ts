/**
 * Where an export's pieces go as they are produced: encrypted piece by piece into a
 * password-protected file (a plain or account-restricted export writes them straight into its
 * download: export-handlers.ts). Writers do not know which, and may hand on text or bytes.
 */
import { utf8 } from '@/src/crypto/bytes';
import { encryptString } from '@/src/crypto/aes-cbc-hmac';
import { startEncryptStream } from '@/src/crypto/encrypt-stream';
import { deriveFileKey, makeFileSalt } from '@/src/crypto/file-key';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { newId } from '@/src/crypto/random';
import { serializeExport } from './export-json';
import type { FilePiece } from './file-content';

export interface ExportSink {
  write(piece: FilePiece): Promise<void>;
  /** The file is complete: whatever is left is handed on. */
  finish(): Promise<void>;
}

/**
 * The password-protected `.json (Encrypted)` (formats.md): the plain `.json` export written into
 * it is encrypted under a key derived from the file password, with the salt and KDF settings to
 * derive it again and a GUID to check the password before `data` is touched. `emit` receives the
 * file's text (or its UTF-8) as it is made: the head once the key is derived, then `data` as it is encrypted
 * (the last key, so the file never has to be held whole), then the end.
 */
export async function startPasswordProtectedExport(
  filePassword: string,
  kdf: KdfConfig,
  emit: (piece: FilePiece) => void,
): Promise<ExportSink> {
  const salt = makeFileSalt();
  const key = await deriveFileKey(filePassword, salt, kdf);
  const validation = await encryptString(newId(), key);
  const head = serializeExport({
    encrypted: true,
    passwordProtected: true,
    salt,
    kdfType: kdf.type === 'pbkdf2' ? 0 : 1,
    kdfIterations: kdf.iterations,
    kdfMemory: kdf.type === 'argon2id' ? kdf.memoryMiB : null,
    kdfParallelism: kdf.type === 'argon2id' ? kdf.parallelism : null,
    encKeyValidation_DO_NOT_EDIT: validation,
    data: '',
  });
  // An EncString is base64, '.' and '|', so `data` needs no JSON escaping.
  const end = '"\n}';
  emit(head.slice(0, -end.length));
  const stream = await startEncryptStream(key, emit);
  return {
    write: (piece) => stream.write(typeof piece === 'string' ? utf8(piece) : piece),
    async finish() {
      await stream.finish();
      emit(end);
    },
  };
}

/**
 * A sink usable before the real one exists (its key is still being derived): pieces written
 * early are kept in order and handed over as soon as the sink is ready.
 */
export function sinkWhenReady(ready: Promise<ExportSink>): ExportSink {
  let sink: ExportSink | undefined;
  let queued: FilePiece[] = [];
  ready.then(
    (s) => {
      sink = s;
    },
    () => undefined,
  );
  const flush = async (target: ExportSink) => {
    const pending = queued;
    queued = [];
    for (const piece of pending) await target.write(piece);
  };
  return {
    async write(piece) {
      if (!sink) {
        queued.push(piece);
        return;
      }
      await flush(sink);
      await sink.write(piece);
    },
    async finish() {
      const target = await ready;
      await flush(target);
      return target.finish();
    },
  };
}
