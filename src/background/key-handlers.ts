/**
 * Settings → Security: rotating the account encryption key, and changing the master password.
 *
 * Rotation makes a new account key and rewrites every item and folder under it in one
 * transaction, together with the account record that protects the new key and every attachment's
 * key and name (re-wrapped: the content stays under the attachment's own key, untouched). All crypto happens
 * before that transaction; the new key is staged in the session first, so a worker stopped at any
 * point wakes up with the key that matches what the store holds (session.ts).
 *
 * Changing the master password only re-protects the same account key: nothing is re-encrypted,
 * and every backup stays as readable as it was.
 */
import { deriveStretchedMasterKey, makeUserKey, protectUserKey } from '@/src/crypto/account-keys';
import { importSymmetricKey, type SymmetricKey } from '@/src/crypto/symmetric-key';
import { reencryptFolders, reencryptItems } from '@/src/formats/encrypted-item';
import type { ChangeMasterPasswordParams, RotationResult } from '@/src/protocol/vault-api';
import type { ItemRecord } from '@/src/store/records';
import { checkHint, checkNewMasterPassword } from './account-handlers';
import { rewrapAttachments } from './attachment-records';
import type { BackgroundContext } from './context';
import { checkMasterPassword } from './master-password';

/** Items re-encrypted per step, so progress can be shown and memory stays even. */
const ROTATION_BATCH = 1000;

export function createKeyHandlers(ctx: BackgroundContext) {
  return {
    async rotateAccountKey(params: { masterPassword: string }): Promise<RotationResult> {
      const oldKey = await ctx.session.requireKey();
      const { account, stretched } = await checkMasterPassword(ctx, params.masterPassword);
      const [items, folders, attachments] = await Promise.all([
        ctx.store.listItems(),
        ctx.store.listFolders(),
        ctx.store.listAllAttachments(),
      ]);
      const newKeyBytes = makeUserKey();
      const newKey = await importSymmetricKey(newKeyBytes);
      const putItems = await reencryptWithProgress(ctx, items, oldKey, newKey);
      const putFolders = await reencryptFolders(folders, oldKey, newKey);
      const putAttachments = await rewrapAttachments(attachments, oldKey, newKey);
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
        itemCount: items.length,
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

async function reencryptWithProgress(
  ctx: BackgroundContext,
  items: ItemRecord[],
  from: SymmetricKey,
  to: SymmetricKey,
): Promise<ItemRecord[]> {
  const out: ItemRecord[] = [];
  ctx.reportProgress({ operation: 'rotate', done: 0, total: items.length });
  for (let start = 0; start < items.length; start += ROTATION_BATCH) {
    out.push(...(await reencryptItems(items.slice(start, start + ROTATION_BATCH), from, to)));
    ctx.reportProgress({ operation: 'rotate', done: out.length, total: items.length });
  }
  return out;
}
