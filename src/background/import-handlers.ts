/**
 * Settings → Tools → Import Data: a file is read, decrypted when it is encrypted, validated and
 * compared with the vault (preview); on confirmation the same is done again (a password-protected
 * file is not opened again: the preview's is kept) and everything is re-encrypted first, then
 * written in one transaction: the vault gains every item or none. Opening a file touches no
 * vault, so it runs before the vault part takes its turn in `ctx.exclusive`.
 */
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import {
  decryptFolders,
  decryptItems,
  encryptFolders,
  encryptItems,
} from '@/src/formats/encrypted-item';
import { IMPORT_READERS } from '@/src/formats/format-implementations';
import type { ReadFile } from '@/src/formats/format-types';
import { IMPORT_LIMITS, type ImportContext, type ParsedImport } from '@/src/formats/import-types';
import { importFormat } from '@/src/formats/registry';
import type { ImportPreview, ImportRequest, ImportSummary } from '@/src/protocol/vault-api';
import { planImport, type ImportPlan } from '@/src/vault/import-plan';
import { ITEM_TYPE, type ItemKind } from '@/src/vault/item';
import type { BackgroundContext } from './context';
import { createImportFileOpener, type PreparedImport } from './open-import-file';

export function createImportHandlers(ctx: BackgroundContext) {
  const importContext = (): ImportContext => ({ newId: ctx.newId, now: ctx.now().toISOString() });
  const opener = createImportFileOpener({
    session: ctx.session,
    deriver: ctx.fileKeyDeriver,
    importContext,
    now: ctx.now,
  });

  /** Checks the request and opens what needs no vault, before the queue. */
  const prepare = async (params: ImportRequest): Promise<PreparedImport> => {
    await ctx.session.requireKey();
    checkRequest(params);
    return opener.prepare(params);
  };

  /** Reads the file into items; undefined when it is password protected and no password came. */
  const readFile = async (
    params: ImportRequest,
    prepared: PreparedImport,
    key: SymmetricKey,
  ): Promise<ReadFile | undefined> => {
    if (prepared.kind === 'opened') return prepared.file;
    return IMPORT_READERS[prepared.format].read(prepared.later, {
      ...(params.filePassword !== undefined ? { filePassword: params.filePassword } : {}),
      accountKey: key,
      context: importContext(),
    });
  };

  const plan = async (
    parsed: ParsedImport,
    key: SymmetricKey,
    policy: 'skip' | 'all',
  ): Promise<ImportPlan> => {
    const [vaultItems, vaultFolders] = await Promise.all([
      ctx.store.listItems().then((records) => decryptItems(records, key)),
      ctx.store.listFolders().then((records) => decryptFolders(records, key)),
    ]);
    return planImport({
      fileItems: parsed.items,
      fileFolders: parsed.folders,
      vaultItems,
      vaultFolders,
      policy,
      newId: ctx.newId,
      now: ctx.now().toISOString(),
    });
  };

  /** The vault part of each method, run in its turn in `ctx.exclusive`. */
  const queued = {
    async previewImport(params: ImportRequest, prepared: PreparedImport): Promise<ImportPreview> {
      const key = await ctx.session.requireKey();
      const file = await readFile(params, prepared, key);
      if (!file) return { needsFilePassword: true };
      const { parsed, fileKind } = file;
      const result = await plan(parsed, key, 'skip');
      const byKind = Object.fromEntries(Object.keys(ITEM_TYPE).map((k) => [k, 0])) as Record<
        ItemKind,
        number
      >;
      const kindOf = Object.fromEntries(
        Object.entries(ITEM_TYPE).map(([k, v]) => [v, k]),
      ) as Record<number, ItemKind>;
      for (const item of parsed.items) byKind[kindOf[item.type]!]++;
      return {
        needsFilePassword: false,
        fileKind,
        itemCount: parsed.items.length,
        folderCount: parsed.folders.length,
        byKind,
        toAdd: result.add.length,
        toUpdate: result.update.length,
        updates: result.updateNotes,
        identical: result.identical,
        older: result.older,
        newFolders: result.newFolders.map((f) => f.name),
        unknownTypes: parsed.unknownTypes,
        ...(prepared.kind === 'opened' ? { openedFileToken: prepared.token } : {}),
      };
    },

    async importVault(params: ImportRequest, prepared: PreparedImport): Promise<ImportSummary> {
      const key = await ctx.session.requireKey();
      const file = await readFile(params, prepared, key);
      if (!file) throw new CofferError('errFilePasswordRequired');
      const { parsed } = file;
      if (parsed.unknownTypes.length > 0 && params.skipUnknownTypes !== true) {
        // Named as the file names them (encrypted names not at all); the popup's preview lists
        // them in words before this.
        const names = parsed.unknownTypes.map((u) =>
          u.nameEncrypted ? u.typeText : `"${u.name}": ${u.typeText}`,
        );
        throw new CofferError('errUnknownItemTypes', {
          args: [names.length, names.join(', ')],
        });
      }
      const result = await plan(parsed, key, params.duplicates === 'all' ? 'all' : 'skip');
      // All crypto happens before the one transaction that writes.
      const total = result.add.length + result.update.length;
      ctx.reportProgress({ operation: 'import', done: 0, total });
      const [putItems, putFolders] = await Promise.all([
        encryptItems([...result.add, ...result.update], key),
        encryptFolders(result.newFolders, key),
      ]);
      await ctx.store.write({ putItems, putFolders });
      ctx.reportProgress({ operation: 'import', done: total, total });
      return {
        added: result.add.length,
        updated: result.update.length,
        skipped: result.identical + result.older,
        failed: parsed.unknownTypes.length,
        foldersCreated: result.newFolders.length,
      };
    },
  };

  return {
    async previewImport(params: ImportRequest): Promise<ImportPreview> {
      const prepared = await prepare(params);
      return ctx.exclusive(() => queued.previewImport(params, prepared));
    },

    async importVault(params: ImportRequest): Promise<ImportSummary> {
      const prepared = await prepare(params);
      const summary = await ctx.exclusive(() => queued.importVault(params, prepared));
      if (prepared.kind === 'opened') opener.used(prepared.token);
      return summary;
    },

    async cancelImport(params: { requestId: string }): Promise<{ cancelled: boolean }> {
      return { cancelled: opener.cancel(params?.requestId) };
    },
  };
}

/** The request's shape was checked by the dispatcher (param-shapes.ts); its size is left. */
function checkRequest(params: ImportRequest): void {
  if (
    params.content.length >
    IMPORT_LIMITS.maxFileBytes * (importFormat(params.format).content === 'bytes' ? 4 / 3 : 1)
  ) {
    throw new CofferError('errFileTooLargeToImport', {
      args: [IMPORT_LIMITS.maxFileBytes / 1024 / 1024],
    });
  }
}
