/** Settings → Tools → Export Vault: the four kinds of backup file, downloaded provably. */
import { ACCOUNT_KDF_BOUNDS, assertKdfWithinBounds } from '@/src/crypto/kdf-bounds';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { importSymmetricKey, type SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import { buildCsvExport, isCsvExportable } from '@/src/formats/export-csv';
import {
  buildAccountRestrictedExport,
  buildPasswordProtectedExport,
} from '@/src/formats/export-encrypted';
import { buildJsonExport } from '@/src/formats/export-json';
import { decryptFolders, decryptItems } from '@/src/formats/encrypted-item';
import { exportFileName } from '@/src/formats/file-name';
import type {
  ExportInfo,
  ExportRequest,
  ExportResult,
  ExportScope,
} from '@/src/protocol/vault-api';
import type { FolderRecord, ItemRecord } from '@/src/store/records';
import type { BackupKind } from '@/src/vault/backup-entry';
import { ITEM_TYPE, type Item, type ItemKind } from '@/src/vault/item';
import type { BackgroundContext } from './context';
import { checkMasterPassword, requireAccount } from './master-password';

/** Items decrypted per step of a long export, between two progress reports. */
const PROGRESS_STEP = 500;
/** A file password shorter than this is refused outright; the view also shows its strength. */
export const MIN_FILE_PASSWORD_LENGTH = 8;

export function createExportHandlers(ctx: BackgroundContext) {
  return {
    async getExportInfo(): Promise<ExportInfo> {
      await ctx.session.requireKey();
      const [account, records, backups] = await Promise.all([
        requireAccount(ctx),
        ctx.store.listItems(),
        ctx.store.listBackups(),
      ]);
      const counts = Object.fromEntries(Object.keys(ITEM_TYPE).map((k) => [k, 0])) as Record<
        ItemKind,
        number
      >;
      const kindOf = Object.fromEntries(
        Object.entries(ITEM_TYPE).map(([k, v]) => [v, k]),
      ) as Record<number, ItemKind>;
      for (const record of records) counts[kindOf[record.type]!]++;
      const { seq: _seq, ...lastExport } = backups.at(-1) ?? { seq: 0 };
      return {
        counts,
        lastExport: backups.length > 0 ? (lastExport as ExportInfo['lastExport']) : null,
        keyGeneration: account.keyGeneration,
        keyCreatedAt: account.keyCreatedAt,
        kdf: account.kdf,
      };
    },

    async exportVault(params: ExportRequest): Promise<ExportResult> {
      checkRequest(params);
      // The master password is checked before anything is read or built.
      const { account, accountKey } = await checkMasterPassword(ctx, params.masterPassword);
      const key = await importSymmetricKey(accountKey);
      const { items, folders } = selectScope(
        await ctx.store.listItems(),
        await ctx.store.listFolders(),
        params.scope ?? { kind: 'all' },
      );

      const { text, kind, itemCount } = await buildFile(
        ctx,
        params,
        account.kdf,
        items,
        folders,
        key,
      );
      ctx.reportProgress({ operation: 'export', done: items.length, total: items.length });

      const extension = params.format === 'csv' ? 'csv' : 'json';
      const saved = await ctx.downloader.save({
        fileName: exportFileName(kind, extension, ctx.now()),
        mimeType: params.format === 'csv' ? 'text/csv' : 'application/json',
        text,
      });
      const result: ExportResult = {
        fileName: saved.fileName,
        format: params.format,
        kind,
        itemCount,
        folderCount: folders.length,
        bytes: saved.bytes,
      };
      await ctx.store.addBackup({
        date: ctx.now().toISOString(),
        fileName: saved.fileName,
        format: params.format,
        kind,
        itemCount,
        folderCount: folders.length,
        keyGeneration: account.keyGeneration,
      });
      return result;
    },
  };
}

async function buildFile(
  ctx: BackgroundContext,
  params: ExportRequest,
  accountKdf: KdfConfig,
  items: ItemRecord[],
  folders: FolderRecord[],
  key: SymmetricKey,
): Promise<{ text: string; kind: BackupKind; itemCount: number }> {
  if (params.format === 'encrypted_json' && params.mode === 'account') {
    ctx.reportProgress({ operation: 'export', done: 0, total: items.length });
    const text = await buildAccountRestrictedExport(items, folders, key);
    return { text, kind: 'account', itemCount: items.length };
  }
  const plainItems = await decryptWithProgress(ctx, items, key);
  const plainFolders = await decryptFolders(folders, key);
  if (params.format === 'encrypted_json') {
    const plainJson = buildJsonExport(plainItems, plainFolders);
    const text = await buildPasswordProtectedExport(
      plainJson,
      params.filePassword,
      params.kdf ?? accountKdf,
    );
    return { text, kind: 'password', itemCount: items.length };
  }
  if (params.format === 'csv') {
    const text = buildCsvExport(plainItems, plainFolders);
    return { text, kind: 'plain', itemCount: plainItems.filter(isCsvExportable).length };
  }
  return {
    text: buildJsonExport(plainItems, plainFolders),
    kind: 'plain',
    itemCount: items.length,
  };
}

function checkRequest(params: ExportRequest): void {
  const format = params?.format;
  if (format !== 'json' && format !== 'csv' && format !== 'encrypted_json') {
    throw new CofferError('ERR_BAD_REQUEST', 'Unknown export format.');
  }
  if (format === 'encrypted_json' && params.mode !== 'account' && params.mode !== 'password') {
    throw new CofferError('ERR_BAD_REQUEST', 'Unknown export type.');
  }
  if (format === 'encrypted_json' && params.mode === 'password') {
    if (
      typeof params.filePassword !== 'string' ||
      [...params.filePassword].length < MIN_FILE_PASSWORD_LENGTH
    ) {
      throw new CofferError(
        'ERR_INVALID_INPUT',
        `The file password must be at least ${MIN_FILE_PASSWORD_LENGTH} characters long.`,
        { where: 'filePassword' },
      );
    }
    if (params.kdf !== undefined) assertKdfWithinBounds(params.kdf, ACCOUNT_KDF_BOUNDS);
  }
}

/** The records an export holds, and the folders they use (all folders for the whole vault). */
function selectScope(
  items: ItemRecord[],
  folders: FolderRecord[],
  scope: ExportScope,
): { items: ItemRecord[]; folders: FolderRecord[] } {
  if (scope.kind === 'all') return { items, folders };
  let chosen: ItemRecord[];
  if (scope.kind === 'folder') {
    if (scope.folderId !== null && !folders.some((f) => f.id === scope.folderId)) {
      throw new CofferError('ERR_NOT_FOUND', 'The chosen folder no longer exists.');
    }
    chosen = items.filter((i) => i.folderId === scope.folderId);
  } else if (scope.kind === 'items' && Array.isArray(scope.ids)) {
    const ids = new Set(scope.ids);
    chosen = items.filter((i) => ids.has(i.id));
    if (chosen.length !== ids.size)
      throw new CofferError('ERR_NOT_FOUND', 'Some chosen items no longer exist.');
  } else {
    throw new CofferError('ERR_BAD_REQUEST', 'Unknown export scope.');
  }
  if (chosen.length === 0)
    throw new CofferError('ERR_INVALID_INPUT', 'There are no items to export in this choice.');
  const used = new Set(chosen.map((i) => i.folderId));
  return { items: chosen, folders: folders.filter((f) => used.has(f.id)) };
}

async function decryptWithProgress(
  ctx: BackgroundContext,
  records: ItemRecord[],
  key: SymmetricKey,
): Promise<Item[]> {
  const out: Item[] = [];
  for (let start = 0; start < records.length; start += PROGRESS_STEP) {
    ctx.reportProgress({ operation: 'export', done: start, total: records.length });
    out.push(...(await decryptItems(records.slice(start, start + PROGRESS_STEP), key)));
  }
  return out;
}
