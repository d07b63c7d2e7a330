/**
 * Settings → Tools → Import Data: a file is read, decrypted when it is encrypted, validated and
 * compared with the vault (preview); on confirmation the same is done again (a password-protected
 * file is not opened again: the preview's is kept) and everything is re-encrypted first, then
 * written in one transaction: the vault gains every item or none. A file with attachments writes
 * their content first, one at a time and invisible until that transaction adds their
 * descriptions (import-attachments.ts), so it is all or nothing too. Opening a file touches no
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
import type { ItemRecord } from '@/src/store/records';
import { planImport, type ImportPlan } from '@/src/vault/import-plan';
import { ITEM_TYPE, type ItemKind } from '@/src/vault/item';
import type { BackgroundContext } from './context';
import {
  discardAttachmentContent,
  planAttachmentImport,
  writeAttachmentContent,
  type AttachmentImport,
} from './import-attachments';
import { KEEP_FOR_NEXT_WORK_MS, withMacWorker } from './mac-workers';
import { createImportFileOpener, type PreparedImport } from './open-import-file';

/** Unplaced attachments named in a refusal; the preview lists them all. */
const MAX_NAMED = 10;

export function createImportHandlers(ctx: BackgroundContext) {
  const importContext = (): ImportContext => ({ newId: ctx.newId, now: ctx.now().toISOString() });
  const opener = createImportFileOpener({
    session: ctx.session,
    deriver: ctx.fileKeyDeriver,
    importContext,
    now: ctx.now,
    uploads: ctx.uploads.import,
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

  /**
   * The vault items (matched by the file's, and not written anyway) that gain attachments, with
   * their revision date moved on: an item's attachments are part of it, as when one is added by
   * hand.
   */
  const itemsGainingAttachments = async (
    attachments: AttachmentImport,
    written: ItemRecord[],
  ): Promise<ItemRecord[]> => {
    const writing = new Set(written.map((item) => item.id));
    const ids = new Set(
      attachments.placement.add.map((placed) => placed.itemId).filter((id) => !writing.has(id)),
    );
    const now = ctx.now().toISOString();
    const records = await Promise.all([...ids].map((id) => ctx.store.getItem(id)));
    return records.flatMap((record) => (record ? [{ ...record, revisionDate: now }] : []));
  };

  /** The vault part of each method, run in its turn in `ctx.exclusive`. */
  const queued = {
    async previewImport(params: ImportRequest, prepared: PreparedImport): Promise<ImportPreview> {
      const key = await ctx.session.requireKey();
      const file = await readFile(params, prepared, key);
      if (!file) return { needsFilePassword: true };
      const { parsed, fileKind } = file;
      const result = await plan(parsed, key, 'skip');
      const attachments = await planAttachmentImport(ctx.store, key, parsed, result);
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
        ...(hasAttachments(attachments) && {
          attachments: {
            count: attachments.source.list.length,
            bytes: attachments.fileBytes,
            inVault: attachments.placement.inVault,
            unplaced: attachments.unplaced,
          },
        }),
        ...(prepared.kind === 'opened' ? { openedFileToken: prepared.token } : {}),
        ...(parsed.recycleBinEntries ? { recycleBinEntries: parsed.recycleBinEntries } : {}),
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
      const attachments = await planAttachmentImport(ctx.store, key, parsed, result);
      if (attachments.unplaced.length > 0 && params.skipUnplacedAttachments !== true) {
        const named = attachments.unplaced.slice(0, MAX_NAMED).map((u) => `"${u.path}"`);
        if (attachments.unplaced.length > MAX_NAMED) named.push('…');
        throw new CofferError('errUnplacedAttachments', {
          args: [attachments.unplaced.length, named.join(', ')],
        });
      }
      // All crypto of the items happens before anything is written.
      const total = result.add.length + result.update.length;
      ctx.reportProgress({ operation: 'import', done: 0, total });
      const items = [...result.add, ...result.update];
      const [putItems, putFolders] = await Promise.all([
        encryptItems(items, key),
        encryptFolders(result.newFolders, key),
      ]);
      const putAttachments = await writeAttachmentContent(ctx, key, attachments);
      try {
        const gaining = await itemsGainingAttachments(attachments, putItems);
        // The list takes these items' lines from their plaintext, here already.
        ctx.itemList.knowPlaintext(key, putItems, items);
        await ctx.store.write({
          putItems: [...putItems, ...gaining],
          putFolders,
          ...(putAttachments.length > 0 && { putAttachments }),
        });
      } catch (error) {
        await discardAttachmentContent(ctx.store, putAttachments);
        throw error;
      }
      ctx.reportProgress({ operation: 'import', done: total, total });
      return {
        added: result.add.length,
        updated: result.update.length,
        skipped: result.identical + result.older,
        failed: parsed.unknownTypes.length,
        foldersCreated: result.newFolders.length,
        ...(hasAttachments(attachments) && {
          attachments: {
            added: putAttachments.length,
            skipped: attachments.placement.inVault,
            leftOut: attachments.unplaced.length,
          },
        }),
      };
    },
  };

  return {
    async previewImport(params: ImportRequest): Promise<ImportPreview> {
      const prepared = await prepare(params);
      // Both decrypt the whole vault to match it; importing encrypts what it adds.
      return ctx.exclusive(() =>
        withMacWorker(
          ctx.macWorker,
          () => queued.previewImport(params, prepared),
          // For the import the person confirms after reading the preview: started at the
          // import itself, the Worker came too late to help in Chrome.
          KEEP_FOR_NEXT_WORK_MS,
        ),
      );
    },

    async importVault(params: ImportRequest): Promise<ImportSummary> {
      const prepared = await prepare(params);
      const summary = await ctx.exclusive(() =>
        withMacWorker(ctx.macWorker, () => queued.importVault(params, prepared)),
      );
      if (prepared.kind === 'opened') opener.used(prepared.token);
      // Imported: the file is not needed any more. A failed import keeps it, to try again.
      if (params.uploadId !== undefined) ctx.uploads.import.drop(params.uploadId);
      return summary;
    },

    async cancelImport(params: { requestId: string }): Promise<{ cancelled: boolean }> {
      return { cancelled: opener.cancel(params?.requestId) };
    },
  };
}

/** Whether the file has attachments to speak of: it holds some, or names some it lacks. */
function hasAttachments(attachments: AttachmentImport): boolean {
  return attachments.source.list.length > 0 || attachments.unplaced.length > 0;
}

/**
 * The request's shape was checked by the dispatcher (param-shapes.ts); the size of the content
 * it carries is left (an upload's was checked as it began).
 */
function checkRequest(params: ImportRequest): void {
  if (
    params.content !== undefined &&
    params.content.length >
      IMPORT_LIMITS.maxFileBytes * (importFormat(params.format).content === 'bytes' ? 4 / 3 : 1)
  ) {
    throw new CofferError('errFileTooLargeToImport', {
      args: [IMPORT_LIMITS.maxFileBytes / 1024 / 1024],
    });
  }
}
