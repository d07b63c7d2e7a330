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
import type { ItemPage } from '@/src/store/item-pages';
import type { AccountRecord, AttachmentRecord, FolderRecord } from '@/src/store/records';
import { checkHint, checkNewMasterPassword } from './account-handlers';
import { readGeneratorHistory } from './generator-handlers';
import { rewrapAttachments } from './attachment-records';
import { countedProgress } from './counted-progress';
import { readAhead, workAhead } from './read-ahead';
import type { BackgroundContext } from './context';
import { withMacWorker } from './mac-workers';
import { checkMasterPassword } from './master-password';

/** Items re-encrypted per step, so progress can be shown and memory stays even. */
const ROTATION_BATCH = 1000;

export function createKeyHandlers(ctx: BackgroundContext) {
  return {
    async rotateAccountKey(params: { masterPassword: string }): Promise<RotationResult> {
      const oldKey = await ctx.session.requireKey();
      const newKeyBytes = makeUserKey();
      const newKey = await importSymmetricKey(newKeyBytes);
      // The records are read (by IndexedDB, off this thread) and re-encrypted, in memory only,
      // while the master password's KDF runs (off this thread too); nothing is written, shown or
      // answered unless the password is right, and a refusal stops the re-encryption at its next
      // batch. It runs in the vault's turn (handlers.ts), so no write comes between the reads.
      let refused: unknown;
      const check = checkMasterPassword(ctx, params.masterPassword);
      check.catch((error: unknown) => {
        refused = error;
      });
      const firstBatch = ctx.store.itemPageBatches(ROTATION_BATCH)[Symbol.asyncIterator]();
      const firstRead = firstBatch.next();
      const others = Promise.all([ctx.store.listFolders(), ctx.store.listAllAttachments()]);
      // Only the progress needs the count: the re-encryption does not wait for it, and it is
      // asked once the first batch is read (counted-progress.ts says why).
      const total = firstRead.then(() => ctx.store.countItems());
      const progress = progressAfter(ctx, check);
      const reencrypted = withMacWorker(ctx.macWorker, () =>
        reencryptWithProgress(
          { batches: firstBatch, first: firstRead, total },
          { from: oldKey, to: newKey },
          {
            report: progress,
            stopIfRefused: () => {
              if (refused !== undefined) throw refused;
            },
          },
        ),
      );
      reencrypted.catch(() => undefined);
      let checked: { account: AccountRecord; stretched: SymmetricKey };
      let read: [FolderRecord[], AttachmentRecord[]];
      try {
        checked = await check;
        read = await others;
      } catch (error) {
        // Whatever the re-encryption met (a record it could not read) is not this answer: the
        // password was wrong. It stops at its next batch and closes its read.
        firstRead.catch(() => undefined);
        others.catch(() => undefined);
        total.catch(() => undefined);
        await reencrypted.catch(() => undefined);
        await firstBatch.return?.(undefined);
        throw error;
      }
      const { account, stretched } = checked;
      const [folders, attachments] = read;
      const itemPages = await reencrypted;
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
        // The whole vault anew: nothing under the old key can remain. Items go back on the pages
        // they were read from (the store refuses pages that are not all of those stored).
        await ctx.store.write({
          account: nextAccount,
          itemPages,
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
      // The items are the same under the new key: so is their list (unless locked meanwhile).
      const committed = await ctx.session.getKey();
      if (committed) ctx.itemList.rekey(oldKey, committed);

      const backups = await ctx.store.listBackups();
      return {
        keyGeneration: generation,
        itemCount: itemPages.reduce((sum, page) => sum + page.items.length, 0),
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
 * Re-encrypts the items as they are read, a batch of pages at a time, in their order: the next
 * batch is read, and re-encrypted, while this one is. Each item stays on its page, in its place.
 */
async function reencryptWithProgress(
  items: {
    batches: AsyncIterator<ItemPage[]>;
    first: Promise<IteratorResult<ItemPage[]>>;
    /** How many there are, for the progress only (reported from when it is known). */
    total: Promise<number>;
  },
  keys: { from: SymmetricKey; to: SymmetricKey },
  job: { report(done: number, total: number): void; stopIfRefused(): void },
): Promise<ItemPage[]> {
  const out: ItemPage[] = [];
  let done = 0;
  const progress = countedProgress(items.total, job.report);
  const batches = readAhead(items.batches, items.first);
  for await (const reencrypted of workAhead(batches, async (pages) => {
    job.stopIfRefused();
    const records = await reencryptItems(
      pages.flatMap((page) => page.items),
      keys.from,
      keys.to,
    );
    let at = 0;
    return pages.map(({ page, items: onPage }) => {
      at += onPage.length;
      return { page, items: records.slice(at - onPage.length, at) };
    });
  })) {
    out.push(...reencrypted);
    for (const page of reencrypted) done += page.items.length;
    progress.advance(done);
  }
  job.stopIfRefused();
  await progress.counted;
  return out;
}

/**
 * The rotation's progress, shown only once the master password has passed its check: until then
 * the latest figure is held, so a wrong password never shows a re-encryption under way.
 */
function progressAfter(
  ctx: BackgroundContext,
  check: Promise<unknown>,
): (done: number, total: number) => void {
  let passed = false;
  let held: { done: number; total: number } | undefined;
  const report = (done: number, total: number) =>
    ctx.reportProgress({ operation: 'rotate', done, total });
  void check.then(
    () => {
      passed = true;
      if (held) report(held.done, held.total);
    },
    () => undefined,
  );
  return (done, total) => {
    if (passed) report(done, total);
    else held = { done, total };
  };
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
