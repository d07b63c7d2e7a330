/**
 * The background's answer to every VaultApi method. `satisfies` makes a missing or mistyped
 * handler a compile error, and the spread of the groups reads as the list of what the
 * background can do. Around them: which methods run one at a time, which may change whether a
 * backup is due (the toolbar badge), the automatic backup after an unlock, and the sweep of what
 * an interrupted import left.
 */
import { CofferError } from '@/src/errors/coffer-error';
import type { Handlers, VaultApi, VaultMethod } from '@/src/protocol/vault-api';
import { createAccountHandlers } from './account-handlers';
import { backupStatus, createBackupHandlers, refreshBackupBadge } from './backup-handlers';
import { createAttachmentHandlers } from './attachment-handlers';
import type { BackgroundContext } from './context';
import { createExportHandlers } from './export-handlers';
import { createGeneratorHandlers } from './generator-handlers';
import { createImportHandlers } from './import-handlers';
import { createItemHandlers } from './item-handlers';
import { createKeyHandlers } from './key-handlers';
import { createSettingsHandlers } from './settings-handlers';
import { createUploadHandlers } from './upload-handlers';

/**
 * Methods that never read or write the vault under the account key, so they need not wait for a
 * rotation or an export: status, preferences, the backup reminder, the pieces of a file on its
 * way in (a large attachment keeps arriving while the vault is busy).
 */
const CONCURRENT = new Set<VaultMethod>([
  'getStatus',
  'getSettings',
  'updateSettings',
  'getBackupStatus',
  'cancelImport',
  'clipboardCopied',
  'beginUpload',
  'uploadChunk',
  'cancelUpload',
]);

/**
 * Methods that only read the vault: they run beside one another and beside the automatic backup,
 * never beside a change (exclusive.ts), so the list answers while a backup is being written.
 */
const SHARED = new Set<VaultMethod>([
  'listVault',
  'queryVault',
  'listFolders',
  'folderCounts',
  'getItem',
  'listAttachments',
  'getExportInfo',
  'generatorHistory',
]);

/**
 * Methods that queue only their vault part: an import opens its file (a password-protected
 * file's KDF can take seconds) before it takes its turn, and a saved attachment waits for its
 * download after it, so other requests go on meanwhile.
 */
const QUEUE_THEMSELVES = new Set<VaultMethod>(['previewImport', 'importVault', 'saveAttachment']);

/** Methods after which a backup may have become due or no longer be. */
const CHANGE_BACKUP_STATUS = new Set<VaultMethod>([
  'createAccount',
  'unlock',
  'deleteAccount',
  'saveItem',
  'deleteItem',
  'exportVault',
  'importVault',
  'rotateAccountKey',
  'updateSettings',
]);

export function createHandlers(ctx: BackgroundContext): Handlers<VaultApi> {
  const { automaticBackup, ...exportHandlers } = createExportHandlers(ctx);
  const handlers = {
    ...createAccountHandlers(ctx),
    ...createItemHandlers(ctx),
    ...createUploadHandlers(ctx),
    ...createAttachmentHandlers(ctx),
    ...exportHandlers,
    ...createImportHandlers(ctx),
    ...createSettingsHandlers(ctx),
    ...createGeneratorHandlers(ctx),
    ...createKeyHandlers(ctx),
    ...createBackupHandlers(ctx),
  } satisfies Handlers<VaultApi>;

  // An import writes its attachments' content before its items, in a second step: a worker
  // stopped in between leaves content nothing refers to. It is swept away first thing, before
  // any request (an import among them) has its turn.
  void ctx.exclusive(() => ctx.store.deleteUnreferencedAttachmentData()).catch(() => undefined);

  type Handler = (params: unknown) => Promise<unknown>;
  const wrapped = {} as Record<VaultMethod, Handler>;
  for (const [method, handler] of Object.entries(handlers) as [VaultMethod, Handler][]) {
    wrapped[method] = async (params) => {
      const run = () => handler(params);
      const queued = !CONCURRENT.has(method) && !QUEUE_THEMSELVES.has(method);
      const result = await (SHARED.has(method)
        ? ctx.shared(run)
        : queued
          ? ctx.exclusive(run)
          : run());
      if (CHANGE_BACKUP_STATUS.has(method)) void refreshBackupBadge(ctx).catch(() => undefined);
      if (method === 'unlock') void startAutomaticBackupIfDue(ctx, automaticBackup);
      return result;
    };
  }
  return wrapped as unknown as Handlers<VaultApi>;
}

/**
 * After an unlock, writes the automatic backup when it is switched on and one is due. It runs
 * beside the popup's reads and before any change asked after it, and never fails the unlock; a
 * failure leaves the backup due, so the badge and the popup keep saying so.
 */
async function startAutomaticBackupIfDue(
  ctx: BackgroundContext,
  automaticBackup: () => Promise<unknown>,
): Promise<void> {
  try {
    const [settings, status] = await Promise.all([ctx.store.getSettings(), backupStatus(ctx)]);
    if (!settings.autoBackup || !status.due) return;
    // It only reads the vault: the popup's list goes on answering while it is written.
    await ctx.shared(automaticBackup);
    await refreshBackupBadge(ctx);
  } catch (error) {
    // The code only: the error's message or cause could carry vault data or a file's text.
    console.warn(
      'Coffer: the automatic backup failed:',
      error instanceof CofferError ? error.code : 'ERR_INTERNAL',
    );
  }
}
