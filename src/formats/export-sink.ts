/**
 * Where an export's text goes as it is produced: collected into the file as it is, or encrypted
 * piece by piece into a password-protected file. Writers of the JSON and CSV pieces do not know
 * which.
 */
import { utf8 } from '@/src/crypto/bytes';
import { encryptString } from '@/src/crypto/aes-cbc-hmac';
import { startEncryptStream } from '@/src/crypto/encrypt-stream';
import { deriveFileKey, makeFileSalt } from '@/src/crypto/file-key';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { newId } from '@/src/crypto/random';
import { serializeExport } from './export-json';

export interface ExportSink {
  write(text: string): Promise<void>;
  /** The finished file's text. */
  finish(): Promise<string>;
}

export function collectText(): ExportSink {
  const parts: string[] = [];
  return {
    async write(text) {
      parts.push(text);
    },
    async finish() {
      return parts.join('');
    },
  };
}

/**
 * The password-protected `.json (Encrypted)` (formats.md): the plain `.json` export written into
 * it is encrypted under a key derived from the file password, with the salt and KDF settings to
 * derive it again and a GUID to check the password before `data` is touched.
 */
export async function startPasswordProtectedExport(
  filePassword: string,
  kdf: KdfConfig,
): Promise<ExportSink> {
  const salt = makeFileSalt();
  const key = await deriveFileKey(filePassword, salt, kdf);
  const validation = await encryptString(newId(), key);
  const stream = await startEncryptStream(key);
  return {
    write: (text) => stream.write(utf8(text)),
    async finish() {
      const data = await stream.finish();
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
      // `data` is the last key; an EncString is base64, '.' and '|', so it needs no JSON escaping.
      return `${head.slice(0, -'"\n}'.length)}${data}"\n}`;
    },
  };
}

/**
 * A sink usable before the real one exists (its key is still being derived): text written early
 * is kept in order and handed over as soon as the sink is ready.
 */
export function sinkWhenReady(ready: Promise<ExportSink>): ExportSink {
  let sink: ExportSink | undefined;
  let queued: string[] = [];
  ready.then(
    (s) => {
      sink = s;
    },
    () => undefined,
  );
  const flush = async (target: ExportSink) => {
    const pending = queued;
    queued = [];
    for (const text of pending) await target.write(text);
  };
  return {
    async write(text) {
      if (!sink) {
        queued.push(text);
        return;
      }
      await flush(sink);
      await sink.write(text);
    },
    async finish() {
      const target = await ready;
      await flush(target);
      return target.finish();
    },
  };
}
