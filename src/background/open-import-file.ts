/**
 * The part of reading an import file that needs no vault: its format's `open` (parsing, and
 * opening a password-protected file: its KDF, in the FileKeyDeriver). It runs outside
 * `ctx.exclusive`, so a derivation of many seconds holds up no other request, and it can be
 * cancelled by the request id the popup gave. A file it opened is kept for the import that
 * follows (opened-files). The file comes in the request (`content`) or as an upload sent before
 * (`uploadId`), which stays in the uploads' staging area until the import is done with it.
 */
import { fromBase64 } from '@/src/crypto/bytes';
import type { DeriveKdfMaterial } from '@/src/crypto/file-key';
import { CofferError } from '@/src/errors/coffer-error';
import { blobSource, readBlobText } from '@/src/formats/encrypted-archive-stream';
import { IMPORT_READERS } from '@/src/formats/format-implementations';
import type { ImportInput, ReadFile } from '@/src/formats/format-types';
import type { ImportContext } from '@/src/formats/import-types';
import { importFormat, type ImportFormatId } from '@/src/formats/registry';
import type { ImportRequest } from '@/src/protocol/vault-api';
import { MAX_IMPORT_FILE_BYTES, MAX_KEY_FILE_BYTES } from '@/src/vault/policy';
import type { FileKeyDeriver } from './file-key-deriver';
import { createOpenedFiles, type FileIdentity } from './opened-files';
import type { Session } from './session';
import type { Uploads } from './uploads';

export type PreparedImport =
  /** A file read already (a password-protected one, opened now or kept from its preview). */
  | { kind: 'opened'; file: ReadFile; token: string }
  /** What the format's reader finishes in the vault's turn. */
  | { kind: 'later'; format: ImportFormatId; later: unknown };

export interface ImportFileOpener {
  prepare(params: ImportRequest): Promise<PreparedImport>;
  /** The import is written: the file it opened is not needed any more. */
  used(token: string): void;
  /** Stops the derivation of the request `requestId`; false when none runs. */
  cancel(requestId: unknown): boolean;
}

export interface ImportFileOpenerDeps {
  session: Session;
  deriver: FileKeyDeriver;
  importContext(): ImportContext;
  now(): Date;
  /** Where import files sent as uploads wait. */
  uploads: Uploads;
}

export function createImportFileOpener(deps: ImportFileOpenerDeps): ImportFileOpener {
  const opened = createOpenedFiles(deps.now);
  /** Every derivation going on, and those the popup named by a request id. */
  const running = new Set<AbortController>();
  const named = new Map<string, AbortController>();

  // Nothing decrypted outlives the session, and no derivation goes on for a locked vault.
  deps.session.onLock(() => {
    opened.drop();
    for (const job of running) job.abort(new CofferError('errorLocked'));
    running.clear();
    named.clear();
  });

  return {
    async prepare(params) {
      const identity = identityOf(params);
      const kept = await opened.find(params.openedFileToken, identity);
      if (kept) return { kind: 'opened', file: kept, token: params.openedFileToken! };
      const content = await contentOf(params, deps.uploads);
      const requestId = typeof params.requestId === 'string' ? params.requestId : undefined;
      // A derivation is a job the popup can cancel from the moment it starts.
      let job: AbortController | undefined;
      const derive: DeriveKdfMaterial = (password, salt, kdf) => {
        job = new AbortController();
        running.add(job);
        if (requestId !== undefined) named.set(requestId, job);
        return deps.deriver.derive({ password, salt, kdf }, job.signal);
      };
      try {
        const keyFile = keyFileOf(params);
        const result = await IMPORT_READERS[params.format].open(content, {
          // A KeePass database may be opened with a key file alone: its password may be empty.
          ...(params.filePassword || (keyFile && params.filePassword !== undefined)
            ? { filePassword: params.filePassword }
            : {}),
          ...(keyFile ? { keyFile } : {}),
          derive,
          context: deps.importContext(),
        });
        // Cancelled after the key came (PBKDF2 cannot be stopped): still cancelled.
        job?.signal.throwIfAborted();
        if (result.kind === 'later') {
          return { kind: 'later', format: params.format, later: result.later };
        }
        const token = await opened.keep(identity, result.file);
        return { kind: 'opened', file: result.file, token };
      } finally {
        if (job) {
          running.delete(job);
          if (requestId !== undefined && named.get(requestId) === job) named.delete(requestId);
        }
      }
    },
    used: (token) => opened.drop(token),
    cancel(requestId) {
      const job = typeof requestId === 'string' ? named.get(requestId) : undefined;
      if (!job) return false;
      named.delete(requestId as string);
      running.delete(job);
      job.abort(new CofferError('errImportCancelled'));
      return true;
    },
  };
}

/** The key file a KeePass import sent, as bytes; none for other formats. */
function keyFileOf(params: ImportRequest): Uint8Array | undefined {
  if (params.keyFile === undefined || !('keyFile' in importFormat(params.format))) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(params.keyFile);
  } catch {
    throw new CofferError('errFileUnreadable');
  }
  if (bytes.length > MAX_KEY_FILE_BYTES) {
    throw new CofferError('keyFileTooLarge', { args: [MAX_KEY_FILE_BYTES / 1024 / 1024] });
  }
  return bytes;
}

/** The file the request names; param-shapes.ts has made sure it names exactly one. */
function identityOf(params: ImportRequest): FileIdentity {
  return params.uploadId !== undefined
    ? { uploadId: params.uploadId }
    : { content: params.content ?? '' };
}

/**
 * The request's file as its format reads it: an upload as a source its reader reads piece by
 * piece (as UTF-8 text for a text format), or the content it carries, as base64 for a bytes
 * format.
 */
async function contentOf(params: ImportRequest, uploads: Uploads): Promise<ImportInput> {
  const text = importFormat(params.format).content === 'text';
  if (params.uploadId !== undefined) {
    const file = uploads.complete(params.uploadId);
    if (!text) return { kind: 'source', source: blobSource(file) };
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      throw new CofferError('errFileTooLargeToImport', {
        args: [MAX_IMPORT_FILE_BYTES / 1024 / 1024],
      });
    }
    return { kind: 'text', text: await readBlobText(file) };
  }
  const content = params.content ?? '';
  if (text) return { kind: 'text', text: content };
  try {
    return { kind: 'bytes', bytes: fromBase64(content) };
  } catch {
    throw new CofferError('errFileUnreadable');
  }
}
