/**
 * Settings → Tools → Export Vault: the four kinds of backup file, built batch by batch (a large
 * vault is never decrypted all at once) and reported only once the download is on disk.
 */
import { ACCOUNT_KDF_BOUNDS, assertKdfWithinBounds } from '@/src/crypto/kdf-bounds';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import { CofferError } from '@/src/errors/coffer-error';
import { sinkWhenReady, type ExportSink } from '@/src/formats/export-sink';
import { exportFileName } from '@/src/formats/file-name';
import {
  startEncryptedArchiveExport,
  type ArchiveProtection,
  type StartArchive,
} from '@/src/formats/export-archive';
import { EXPORT_IMPLEMENTATIONS, type SealFile } from '@/src/formats/format-implementations';
import type { FilePiece } from '@/src/formats/file-content';
import type { FormatWriter } from '@/src/formats/format-types';
import type { ExportFormatId } from '@/src/formats/registry';
import type {
  ExportInfo,
  ExportRequest,
  ExportResult,
  ExportScope,
  UnreadablePolicy,
} from '@/src/protocol/vault-api';
import type { FileProtection } from '@/src/vault/file-protection';
import { ITEM_TYPE, type ItemKind } from '@/src/vault/item';
import { MIN_FILE_PASSWORD_LENGTH } from '@/src/vault/policy';
import type { AccountRecord } from '@/src/store/records';
import type { BackgroundContext } from './context';
import type { FileDraft, FileToSave } from './downloads';
import { writeAttachments } from './export-attachments';
import { writeExportFile, type ExportSelection } from './export-file';
import { KEEP_FOR_NEXT_WORK_MS, prepareMacWorker, withMacWorker } from './mac-workers';
import { checkMasterPassword, requireAccount } from './master-password';

export function createExportHandlers(ctx: BackgroundContext) {
  return {
    /** Asked when the Export Vault form opens: the export it leads to gets its Worker ready. */
    async getExportInfo(): Promise<ExportInfo> {
      await ctx.session.requireKey();
      prepareMacWorker(ctx.macWorker, KEEP_FOR_NEXT_WORK_MS);
      const [account, backups, vaultCounts] = await Promise.all([
        requireAccount(ctx),
        ctx.store.listBackups(),
        ctx.store.itemCounts(),
      ]);
      const counts = Object.fromEntries(
        Object.entries(ITEM_TYPE).map(([kind, type]) => [kind, vaultCounts.ofType(type)]),
      ) as Record<ItemKind, number>;
      const last = backups.at(-1);
      const { seq: _seq, ...lastExport } = last ?? { seq: 0 };
      return {
        counts,
        lastExport: last ? (lastExport as NonNullable<ExportInfo['lastExport']>) : null,
        keyGeneration: account.keyGeneration,
        keyCreatedAt: account.keyCreatedAt,
        kdf: account.kdf,
      };
    },

    async exportVault(params: ExportRequest): Promise<ExportResult> {
      checkRequest(params);
      await ctx.session.requireKey();
      const account = await requireAccount(ctx);
      const { archive } = EXPORT_IMPLEMENTATIONS[params.format] as { archive?: StartArchive };
      if (archive) {
        return saveArchive(ctx, {
          format: params.format,
          kind: 'mode' in params ? params.mode : 'plain',
          scope: params.scope ?? { kind: 'all' },
          check: checkMasterPassword(ctx, params.masterPassword),
          start: archive,
          protection: (accountKey) => {
            if ('filePassword' in params) {
              return {
                filePassword: params.filePassword,
                kdf: params.kdf ?? account.kdf,
                // Argon2id runs in a Worker where there is one, not on this thread.
                derive: (password, salt, kdf) =>
                  ctx.fileKeyDeriver.derive({ password, salt, kdf }, new AbortController().signal),
                ...(params.cipher ? { cipher: params.cipher } : {}),
              };
            }
            return 'mode' in params && params.mode === 'account' ? { accountKey } : undefined;
          },
          unreadable: params.unreadable ?? 'skip',
        });
      }
      // The master password check and a password-protected file's key derivation (two KDFs, run
      // off the main thread) overlap with reading and decrypting the vault. Nothing is saved
      // before the check has passed, and a wrong password stops the export and discards it all.
      const sink: ExportJob['sink'] =
        'filePassword' in params
          ? (emit) => sealOf(params.format)(params.filePassword, params.kdf ?? account.kdf, emit)
          : 'plain';
      const kind: FileProtection = 'mode' in params ? params.mode : 'plain';
      return saveExport(ctx, {
        format: params.format,
        kind,
        sink,
        scope: params.scope ?? { kind: 'all' },
        check: checkMasterPassword(ctx, params.masterPassword),
      });
    },

    /**
     * The automatic backup: an account-restricted export of the whole vault into the downloads
     * folder's Coffer/ subfolder, through the same provable download. It runs right after an
     * unlock, so no master password is asked again. With attachments it is the account-restricted
     * encrypted archive; an attachment it cannot read is left out, since nobody is there to ask.
     */
    async automaticBackup(): Promise<ExportResult> {
      const { autoBackupAttachments } = await ctx.store.getSettings();
      const common = {
        scope: { kind: 'all' },
        check: Promise.resolve(),
        folder: AUTOMATIC_BACKUP_FOLDER,
      } as const;
      if (autoBackupAttachments) {
        return saveArchive(ctx, {
          ...AUTOMATIC_ARCHIVE_BACKUP,
          ...common,
          start: startEncryptedArchiveExport,
          protection: (accountKey) => ({ accountKey }),
          unreadable: 'skip',
        });
      }
      return saveExport(ctx, { ...AUTOMATIC_BACKUP, ...common, sink: 'plain' });
    },
  };
}

/** Where automatic backups go, below the browser's downloads folder. */
const AUTOMATIC_BACKUP_FOLDER = 'Coffer';

/**
 * What an automatic backup is written as: account restricted, since nobody is there to type a
 * file password, and never plain, since it lands in the downloads folder unattended.
 */
const AUTOMATIC_BACKUP = { format: 'encrypted_json', kind: 'account' } as const;
/** The same with attachments: the encrypted archive under the account key. */
const AUTOMATIC_ARCHIVE_BACKUP = { format: 'encrypted_zip', kind: 'account' } as const;

interface ExportJob {
  format: ExportFormatId;
  kind: FileProtection;
  /**
   * How the pieces go into the file being made for the download (Chrome's offscreen document),
   * each as it is made, so that sending them overlaps reading and decrypting the vault: 'plain'
   * as they are; else through the sink a password-protected file starts, which encrypts them
   * and hands on the file's text.
   */
  sink: 'plain' | ((emit: (piece: FilePiece) => void) => Promise<ExportSink>);
  scope: ExportScope;
  /** Settles once the export may be saved; a rejection stops it and discards everything. */
  check: Promise<unknown>;
  folder?: string;
}

/** Builds the file batch by batch, saves it, and records it in the backup history. */
async function saveExport(ctx: BackgroundContext, job: ExportJob): Promise<ExportResult> {
  // Ready to save by the time the file is: opening Chrome's offscreen document overlaps the KDF.
  const prepared = ctx.downloader.prepare();
  try {
    return await buildAndSave(ctx, job);
  } finally {
    (await prepared)();
  }
}

async function buildAndSave(ctx: BackgroundContext, job: ExportJob): Promise<ExportResult> {
  let refused: unknown;
  job.check.catch((error: unknown) => {
    refused = error;
  });
  const key = await ctx.session.requireKey();
  const account = await requireAccount(ctx);
  const stopIfRefused = () => {
    if (refused !== undefined) throw refused;
  };
  const selection = await selectScope(ctx, job.scope);
  const draft = await ctx.downloader.startFile();
  const toDraft = (piece: FilePiece) => draft.write(piece);
  // The file key is derived while the first batches are read (sinkWhenReady keeps them).
  const sink = job.sink === 'plain' ? draftSink(draft) : sinkWhenReady(job.sink(toDraft));
  let itemCount: number;
  try {
    const written = withMacWorker(ctx.macWorker, () =>
      writeExportFile(
        { itemBatches: (size) => ctx.store.itemBatches(size), reportProgress: ctx.reportProgress },
        { writer: writerFor(job.format, job.kind), selection, key, sink, stopIfRefused },
      ),
    );
    written.catch(() => undefined);
    await job.check;
    ({ itemCount } = await written);
    await sink.finish();
  } catch (error) {
    // Refused, or failed: what was written is dropped, nothing is saved.
    draft.discard();
    throw error;
  }

  return saveAndRecord(
    ctx,
    job,
    { kind: 'draft', draft },
    {
      account,
      itemCount,
      folderCount: selection.folders.length,
    },
  );
}

/** Pieces written into the download's draft as they come. */
function draftSink(draft: FileDraft): ExportSink {
  return {
    async write(piece) {
      draft.write(piece);
    },
    // Each piece is in the draft already: nothing is left.
    finish: async () => undefined,
  };
}

/**
 * Saves the finished file under its export name, records it in the backup history, and answers
 * what was saved.
 */
async function saveAndRecord(
  ctx: BackgroundContext,
  job: Pick<ExportJob, 'format' | 'kind' | 'folder'>,
  content: FileToSave['content'],
  made: { account: AccountRecord; itemCount: number; folderCount: number },
): Promise<ExportResult> {
  const { extension, mimeType } = EXPORT_IMPLEMENTATIONS[job.format];
  const saved = await ctx.downloader.save({
    fileName: exportFileName(job.kind, extension, ctx.now()),
    mimeType,
    content,
    ...(job.folder ? { folder: job.folder } : {}),
  });
  await ctx.store.addBackup({
    date: ctx.now().toISOString(),
    fileName: saved.fileName,
    format: job.format,
    kind: job.kind,
    itemCount: made.itemCount,
    folderCount: made.folderCount,
    keyGeneration: made.account.keyGeneration,
    ...(job.folder ? { automatic: true } : {}),
  });
  return {
    fileName: saved.fileName,
    format: job.format,
    kind: job.kind,
    itemCount: made.itemCount,
    folderCount: made.folderCount,
    bytes: saved.bytes,
  };
}

interface ArchiveJob {
  format: ExportFormatId;
  kind: FileProtection;
  scope: ExportScope;
  check: Promise<unknown>;
  start: StartArchive;
  /** The archive's protection, given the account key of the export's turn; none when plain. */
  protection(accountKey: SymmetricKey): ArchiveProtection | undefined;
  unreadable: UnreadablePolicy;
  folder?: string;
}

/**
 * A backup with attachments: data.json and then the attachments go into the download piece by
 * piece as they are made (downloads.ts FileDraft), so neither the vault nor the file is ever held
 * whole. Nothing is saved unless the master password check passed and every step completed; on
 * any failure the pieces written so far are discarded.
 */
async function saveArchive(ctx: BackgroundContext, job: ArchiveJob): Promise<ExportResult> {
  let refused: unknown;
  job.check.catch((error: unknown) => {
    refused = error;
  });
  const stopIfRefused = () => {
    if (refused !== undefined) throw refused;
  };
  const key = await ctx.session.requireKey();
  const account = await requireAccount(ctx);
  const selection = await selectScope(ctx, job.scope);
  const draft = await ctx.downloader.startFile();
  try {
    const archive = await job.start(async (chunk) => draft.write(chunk), job.protection(key));
    const { itemCount, itemIds } = await withMacWorker(ctx.macWorker, () =>
      writeExportFile(
        { itemBatches: (size) => ctx.store.itemBatches(size), reportProgress: ctx.reportProgress },
        {
          writer: writerFor(job.format, job.kind),
          selection,
          key,
          sink: { write: (piece) => archive.writeData(piece), finish: async () => undefined },
          stopIfRefused,
        },
      ),
    );
    await job.check;
    const attachments = await writeAttachments(
      ctx,
      archive,
      key,
      itemIds,
      job.unreadable,
      stopIfRefused,
    );
    await archive.finish();
    const result = await saveAndRecord(
      ctx,
      job,
      { kind: 'draft', draft },
      { account, itemCount, folderCount: selection.folders.length },
    );
    return {
      ...result,
      attachmentCount: attachments.count,
      leftOutAttachments: attachments.leftOut,
    };
  } catch (error) {
    draft.discard();
    throw error;
  }
}

/** The format's writer for a protection; checkRequest has made sure the format offers it. */
function writerFor(format: ExportFormatId, protection: FileProtection): FormatWriter {
  const writers: Partial<Record<FileProtection, FormatWriter>> =
    EXPORT_IMPLEMENTATIONS[format].writers;
  return writers[protection]!;
}

/** How a format seals its password-protected files (the request's shape let only those ask). */
function sealOf(format: ExportFormatId): SealFile {
  const implementation = EXPORT_IMPLEMENTATIONS[format];
  if (!('seal' in implementation)) {
    throw new CofferError('errUnknownExportType');
  }
  return implementation.seal;
}

/** The items an export holds, and the folders they use (all folders for the whole vault). */
async function selectScope(ctx: BackgroundContext, scope: ExportScope): Promise<ExportSelection> {
  const folders = await ctx.store.listFolders();
  if (scope.kind === 'all') {
    return { folders, includes: () => true, count: () => ctx.store.countItems() };
  }
  if (scope.kind === 'folder') {
    if (scope.folderId !== null && !folders.some((f) => f.id === scope.folderId)) {
      throw new CofferError('errFolderGone');
    }
    const total = (await ctx.store.itemCounts()).inFolder(scope.folderId);
    if (total === 0) throw new CofferError('errNothingToExport');
    return {
      folders: folders.filter((f) => f.id === scope.folderId),
      includes: (r) => r.folderId === scope.folderId,
      count: async () => total,
    };
  }
  if (scope.kind === 'items' && Array.isArray(scope.ids)) {
    const ids = new Set(scope.ids);
    if (ids.size === 0) throw new CofferError('errNothingToExport');
    const records = await Promise.all([...ids].map((id) => ctx.store.getItem(id)));
    if (records.some((r) => r === undefined)) throw new CofferError('errItemsGone');
    const used = new Set(records.map((r) => r!.folderId));
    return {
      folders: folders.filter((f) => used.has(f.id)),
      includes: (r) => ids.has(r.id),
      count: async () => ids.size,
      ids,
    };
  }
  throw new CofferError('errUnknownExportScope');
}

/**
 * The request's shape (format, protection, which fields) was checked by the dispatcher
 * (param-shapes.ts); what is left are the values a person typed.
 */
function checkRequest(params: ExportRequest): void {
  if (!('filePassword' in params)) return;
  if ([...params.filePassword].length < MIN_FILE_PASSWORD_LENGTH) {
    throw new CofferError('filePasswordTooShort', {
      args: [MIN_FILE_PASSWORD_LENGTH],
      field: 'filePassword',
    });
  }
  if (params.kdf !== undefined) assertKdfWithinBounds(params.kdf, ACCOUNT_KDF_BOUNDS);
}
