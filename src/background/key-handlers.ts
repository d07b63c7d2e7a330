/**
 * Settings → Security: rotating the account encryption key, and changing the master password.
 *
 * Rotation makes a new account key and rewrites every item and folder under it in one
 * transaction, together with the account record that protects the new key, every attachment's
 * key and name (re-wrapped: the content stays under the attachment's own key, untouched) and the
 * generator's history. All crypto happens before that transaction; the new key is staged in the
 * session first, so a worker stopped at any point wakes up with the key that matches what the
 * store holds (session.ts).
 *
 * Changing the master password only re-protects the same account key: nothing is re-encrypted,
 * and every backup stays as readable as it was.
 */
import { deriveStretchedMasterKey, makeUserKey, protectUserKey } from '@/src/crypto/account-keys';
import { encryptString } from '@/src/crypto/aes-cbc-hmac';
import { importSymmetricKey, type SymmetricKey } from '@/src/crypto/symmetric-key';
import { reencryptFolders, reencryptItems } from '@/src/formats/encrypted-item';
import type { ChangeMasterPasswordParams, RotationResult } from '@/src/protocol/vault-api';
import type {
  AccountRecord,
  AttachmentRecord,
  FolderRecord,
  ItemRecord,
} from '@/src/store/records';
import { checkHint, checkNewMasterPassword } from './account-handlers';
import { readGeneratorHistory } from './generator-handlers';
import { rewrapAttachments } from './attachment-records';
import { readAhead } from './read-ahead';
import type { BackgroundContext } from './context';
import { checkMasterPassword } from './master-password';

/** Items re-encrypted per step, so progress can be shown and memory stays even. */
const ROTATION_BATCH = 1000;

export function createKeyHandlers(ctx: BackgroundContext) {
  return {
    async rotateAccountKey(params: { masterPassword: string }): Promise<RotationResult> {
      const oldKey = await ctx.session.requireKey();
      const newKeyBytes = makeUserKey();
      // The records are read (by IndexedDB, off this thread) while the master password's KDF
      // runs; nothing read is used or answered unless the password is right. It runs in the
      // vault's turn (handlers.ts), so no write comes between the reads.
      const firstBatch = ctx.store.itemBatches(ROTATION_BATCH)[Symbol.asyncIterator]();
      const firstRead = firstBatch.next();
      const others = Promise.all([
        ctx.store.listFolders(),
        ctx.store.listAllAttachments(),
        ctx.store.countItems(),
      ]);
      let checked: { account: AccountRecord; stretched: SymmetricKey };
      let read: [FolderRecord[], AttachmentRecord[], number];
      try {
        checked = await checkMasterPassword(ctx, params.masterPassword);
        read = await others;
      } catch (error) {
        firstRead.catch(() => undefined);
        others.catch(() => undefined);
        await firstBatch.return?.(undefined);
        throw error;
      }
      const { account, stretched } = checked;
      const [folders, attachments, itemCount] = read;
      const newKey = await importSymmetricKey(newKeyBytes);
      const putItems = await reencryptWithProgress(
        ctx,
        { batches: firstBatch, first: firstRead, total: itemCount },
        oldKey,
        newKey,
      );
      const putFolders = await reencryptFolders(folders, oldKey, newKey);
      const putAttachments = await rewrapAttachments(attachments, oldKey, newKey);
      const generatorHistory = await reencryptGeneratorHistory(
        await ctx.store.getGeneratorHistory(),
        oldKey,
        newKey,
      );
      const generation = account.keyGeneration + 1;
      const nextAccount = {
        ...account,
        protectedUserKey: await protectUserKey(newKeyBytes, stretched),
        keyGeneration: generation,
        keyCreatedAt: ctx.now().toISOString(),
      };

      await ctx.session.stageKey(newKeyBytes, generation);
      try {
        // The whole vault anew: nothing under the old key can remain.
        await ctx.store.write({
          account: nextAccount,
          putItems,
          putFolders,
          putAttachments,
          generatorHistory,
          replaceAll: true,
        });
      } catch (error) {
        await ctx.session.discardStagedKey();
        throw error;
      }
      await ctx.session.commitKey(newKeyBytes, generation);

      const backups = await ctx.store.listBackups();
      return {
        keyGeneration: generation,
        itemCount: putItems.length,
        folderCount: folders.length,
        undecryptableBackups: backups
          .filter((b) => b.kind === 'account' && b.keyGeneration === account.keyGeneration)
          .map(({ seq: _seq, ...entry }) => entry)
          .reverse(),
      };
    },

    async changeMasterPassword(params: ChangeMasterPasswordParams): Promise<true> {
      const { account, accountKey } = await checkMasterPassword(ctx, params.masterPassword);
      const next = params.newMasterPassword;
      checkNewMasterPassword(next, 'newMasterPassword');
      const hint = params.newMasterPasswordHint?.trim() || null;
      checkHint(hint, next, 'newMasterPasswordHint');
      const stretched = await deriveStretchedMasterKey(next, account.email, account.kdf);
      await ctx.store.write({
        account: {
          ...account,
          protectedUserKey: await protectUserKey(accountKey, stretched),
          masterPasswordHint: hint,
        },
      });
      return true;
    },
  };
}

/**
 * Re-encrypts the items as they are read, a batch at a time: the next batch is read while this
 * one is re-encrypted.
 */
async function reencryptWithProgress(
  ctx: BackgroundContext,
  items: {
    batches: AsyncIterator<ItemRecord[]>;
    first: Promise<IteratorResult<ItemRecord[]>>;
    total: number;
  },
  from: SymmetricKey,
  to: SymmetricKey,
): Promise<ItemRecord[]> {
  const out: ItemRecord[] = [];
  ctx.reportProgress({ operation: 'rotate', done: 0, total: items.total });
  for await (const batch of readAhead(items.batches, items.first)) {
    out.push(...(await reencryptItems(batch, from, to)));
    ctx.reportProgress({ operation: 'rotate', done: out.length, total: items.total });
  }
  return out;
}

/**
 * The generator's history under the new key, or null to delete it: one that can no longer be
 * read (the generator already says so, and offers to clear it) must not hold the rotation up,
 * and nothing could ever read it under the new key.
 */
async function reencryptGeneratorHistory(
  record: string | undefined,
  oldKey: SymmetricKey,
  newKey: SymmetricKey,
): Promise<string | null | undefined> {
  if (record === undefined) return undefined;
  const history = await readGeneratorHistory(record, oldKey).catch(() => null);
  return history ? encryptString(JSON.stringify(history), newKey) : null;
}
