/**
 * The part of reading an import file that needs no vault: parsing Bitwarden JSON and opening a
 * password-protected file (its KDF, in the FileKeyDeriver). It runs outside `ctx.exclusive`, so
 * a derivation of many seconds holds up no other request, and it can be cancelled by the
 * request id the popup gave. What it opened is kept for the import that follows (opened-files).
 */
import { CofferError } from '@/src/errors/coffer-error';
import {
  openPasswordProtected,
  parsePlainBitwarden,
  readBitwardenJson,
  type BitwardenJson,
} from '@/src/formats/import-bitwarden-json';
import type { ImportContext } from '@/src/formats/import-types';
import type { ImportFormatId } from '@/src/protocol/import-formats';
import type { ImportRequest } from '@/src/protocol/vault-api';
import type { FileKeyDeriver } from './file-key-deriver';
import { createOpenedFiles } from './opened-files';
import type { ReadBitwardenFile } from './read-bitwarden-file';
import type { Session } from './session';

export type PreparedImport =
  /** A password-protected file, opened now or kept from its preview. */
  | { kind: 'opened'; file: ReadBitwardenFile; token: string }
  /** Bitwarden JSON for the queued part to finish (plain, account restricted, no password). */
  | { kind: 'json'; json: BitwardenJson }
  /** Another format: read entirely in the queued part. */
  | { kind: 'other'; format: Exclude<ImportFormatId, 'bitwarden_json'> };

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
}

export function createImportFileOpener(deps: ImportFileOpenerDeps): ImportFileOpener {
  const opened = createOpenedFiles(deps.now);
  /** Every derivation going on, and those the popup named by a request id. */
  const running = new Set<AbortController>();
  const named = new Map<string, AbortController>();

  // Nothing decrypted outlives the session, and no derivation goes on for a locked vault.
  deps.session.onLock(() => {
    opened.drop();
    for (const job of running) job.abort(new CofferError('ERR_LOCKED', 'errorLocked'));
    running.clear();
    named.clear();
  });

  const open = async (json: BitwardenJson, params: ImportRequest): Promise<PreparedImport> => {
    const job = new AbortController();
    const requestId = typeof params.requestId === 'string' ? params.requestId : undefined;
    running.add(job);
    if (requestId !== undefined) named.set(requestId, job);
    try {
      const inner = await openPasswordProtected(
        json.document,
        params.filePassword!,
        (password, salt, kdf) => deps.deriver.derive({ password, salt, kdf }, job.signal),
      );
      // Cancelled after the key came (PBKDF2 cannot be stopped): still cancelled.
      job.signal.throwIfAborted();
      const file: ReadBitwardenFile = {
        parsed: parsePlainBitwarden(inner.document, deps.importContext()),
        fileKind: 'password',
      };
      return { kind: 'opened', file, token: await opened.keep(params.content, file) };
    } finally {
      running.delete(job);
      if (requestId !== undefined && named.get(requestId) === job) named.delete(requestId);
    }
  };

  return {
    async prepare(params) {
      if (params.format !== 'bitwarden_json') return { kind: 'other', format: params.format };
      const kept = await opened.find(params.openedFileToken, params.content);
      if (kept) return { kind: 'opened', file: kept, token: params.openedFileToken! };
      const json = readBitwardenJson(params.content);
      if (json.kind !== 'password' || !params.filePassword) return { kind: 'json', json };
      return open(json, params);
    },
    used: (token) => opened.drop(token),
    cancel(requestId) {
      const job = typeof requestId === 'string' ? named.get(requestId) : undefined;
      if (!job) return false;
      named.delete(requestId as string);
      running.delete(job);
      job.abort(new CofferError('ERR_IMPORT_CANCELLED', 'errImportCancelled'));
      return true;
    },
  };
}
