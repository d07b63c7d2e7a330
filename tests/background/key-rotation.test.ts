/**
 * Rotating the account encryption key (issue #7): everything re-encrypted under a new key, all or
 * nothing whatever step is interrupted; changing the master password keeps the key.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { decryptString } from '@/src/crypto/aes-cbc-hmac';
import { isEncString } from '@/src/crypto/enc-string';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import type { VaultChange, VaultStore } from '@/src/store/vault-store';
import {
  TEST_PASSWORD,
  createUnlockedBackground,
  type TestBackground,
} from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { watchReadOrder } from '../helpers/read-order';
import { comparable, readVault, snapshotDatabase } from '../helpers/vault-snapshot';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const NEW_PASSWORD = 'a brand new master password';
const STAGED = 'coffer.stagedAccountKey';

/** An unlocked vault with every item type, in two folders, and an account-restricted backup. */
async function filledVault(): Promise<TestBackground & { backup: string }> {
  const background = await createUnlockedBackground();
  const { client } = background;
  const work = await client.saveFolder({ name: 'Work' });
  await client.saveFolder({ name: 'Family/Kids' });
  for (const [i, draft] of sampleDrafts().entries()) {
    await client.saveItem({ item: { ...draft, folderId: i % 2 ? work.id : null } });
  }
  await client.exportVault({
    format: 'encrypted_json',
    mode: 'account',
    masterPassword: TEST_PASSWORD,
  });
  return { ...background, backup: background.downloads.files.at(-1)!.text };
}

/** Every EncString in the items and folders stores (the account record holds a wrapped key). */
async function vaultEncStrings(): Promise<string[]> {
  const stores = JSON.parse(await snapshotDatabase()) as Record<string, unknown>;
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (isEncString(value)) found.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([stores.itemPages, stores.folders]);
  return found;
}

/** Spoils the first item's name so that it can no longer be decrypted (its MAC fails). */
async function breakFirstItem(vault: { ctx: { store: VaultStore } }): Promise<void> {
  const [record] = await vault.ctx.store.listItems();
  await vault.ctx.store.write({
    putItems: [{ ...record!, name: (record!.name as string).replace(/\|.{4}/, '|AAAA') as never }],
  });
}

async function decryptsUnder(text: string, key: SymmetricKey): Promise<boolean> {
  return decryptString(text, key).then(
    () => true,
    () => false,
  );
}

describe('rotating the account encryption key', () => {
  it('re-encrypts every item and folder: nothing under the old key is left', async () => {
    const vault = await filledVault();
    const oldKey = await vault.ctx.session.requireKey();
    const before = await readVault(vault.client);
    const oldStrings = await vaultEncStrings();
    expect(oldStrings.length).toBeGreaterThan(50);

    const result = await vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    expect(result).toMatchObject({ keyGeneration: 2, itemCount: 5, folderCount: 2 });
    expect(result.undecryptableBackups).toHaveLength(1);
    expect(result.undecryptableBackups[0]).toMatchObject({ kind: 'account', keyGeneration: 1 });

    const newKey = await vault.ctx.session.requireKey();
    const strings = await vaultEncStrings();
    expect(strings).toHaveLength(oldStrings.length);
    for (const text of strings) {
      expect(await decryptsUnder(text, oldKey)).toBe(false);
      expect(await decryptsUnder(text, newKey)).toBe(true);
    }
    const after = await readVault(vault.client);
    expect(comparable(after.items, after.folders)).toEqual(
      comparable(before.items, before.folders),
    );
    // The order of the vault (exports keep it) survives the rewrite.
    expect(after.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
    expect((await vault.ctx.store.getAccount())?.keyGeneration).toBe(2);
    expect(vault.progress.filter((p) => p.operation === 'rotate').at(-1)).toEqual({
      operation: 'rotate',
      done: 5,
      total: 5,
    });
  });

  it('counts the items for its progress only once the first batch is read', async () => {
    const vault = await filledVault();
    const order = watchReadOrder(vault.ctx.store);
    await vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    expect(order).toEqual(['batch', 'count']);
    expect(vault.progress.filter((p) => p.operation === 'rotate').at(-1)).toEqual({
      operation: 'rotate',
      done: 5,
      total: 5,
    });
  });

  it('keeps every item on its page through a vault of part-full pages, and finds each after', async () => {
    const vault = await filledVault();
    const [first] = await vault.ctx.store.listItems();
    // 260 more items (copies of a stored record: its EncStrings are not bound to its id), then
    // the second page emptied and part of the first: pages 1, 3 and 4, none of them full.
    const copies = Array.from({ length: 260 }, (_, i) => ({ ...first!, id: `copy-${i}` }));
    await vault.ctx.store.write({ putItems: copies });
    const gone = [...copies.slice(20, 30), ...copies.slice(95, 195)].map((r) => r.id);
    await vault.ctx.store.write({ deleteItemIds: gone });
    await vault.ctx.store.write({ putItems: [{ ...first!, id: 'last' }] });
    const before = (await vault.ctx.store.listItems()).map((r) => r.id);
    expect(before).toHaveLength(5 + 260 - 110 + 1);

    const result = await vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    expect(result.itemCount).toBe(before.length);
    const newKey = await vault.ctx.session.requireKey();
    const after = await vault.ctx.store.listItems();
    expect(after.map((r) => r.id)).toEqual(before);
    for (const id of ['copy-0', 'copy-94', 'copy-195', 'copy-259', 'last']) {
      const record = await vault.ctx.store.getItem(id);
      expect(await decryptsUnder(record!.name as string, newKey)).toBe(true);
    }
    expect(await vault.ctx.store.countItems()).toBe(before.length);
    const opened = await vault.client.getItem({ id: 'copy-259' });
    expect(opened.id).toBe('copy-259');
  });

  it('makes the old account-restricted backup unreadable: importing it changes nothing', async () => {
    const vault = await filledVault();
    await vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    const snapshot = await snapshotDatabase();
    await expect(
      vault.client.importVault({ format: 'bitwarden_json', content: vault.backup }),
    ).rejects.toMatchObject({ code: 'ERR_DIFFERENT_ACCOUNT_KEY' });
    expect(await snapshotDatabase()).toBe(snapshot);
    const status = await vault.client.getBackupStatus();
    expect(status).toMatchObject({ due: true, reason: 'undecryptable', keyGeneration: 2 });
    expect(status.undecryptable.map((b) => b.fileName)).toEqual([
      vault.downloads.files[0]!.fileName,
    ]);
  });

  it('keeps the master password: lock, unlock, everything readable', async () => {
    const vault = await filledVault();
    const before = await readVault(vault.client);
    await vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    await vault.client.lock();
    await vault.client.unlock({ masterPassword: TEST_PASSWORD });
    const after = await readVault(vault.client);
    expect(comparable(after.items, after.folders)).toEqual(
      comparable(before.items, before.folders),
    );
  });
});

describe('an interrupted rotation leaves either the old key and data or the new ones', () => {
  it('a wrong master password changes nothing', async () => {
    const vault = await filledVault();
    const snapshot = await snapshotDatabase();
    await expect(
      vault.client.rotateAccountKey({ masterPassword: 'not the password at all' }),
    ).rejects.toMatchObject({ code: 'ERR_WRONG_MASTER_PASSWORD' });
    expect(await snapshotDatabase()).toBe(snapshot);
    // The items were being re-encrypted while the password was checked: none of it was shown.
    expect(vault.progress.filter((p) => p.operation === 'rotate')).toEqual([]);
  });

  it('a wrong master password is the answer even when a record cannot be decrypted', async () => {
    const vault = await filledVault();
    await breakFirstItem(vault);
    const snapshot = await snapshotDatabase();
    await expect(
      vault.client.rotateAccountKey({ masterPassword: 'not the password at all' }),
    ).rejects.toMatchObject({ code: 'ERR_WRONG_MASTER_PASSWORD' });
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it('a record that cannot be decrypted stops it before anything is written', async () => {
    const vault = await filledVault();
    await breakFirstItem(vault);
    const snapshot = await snapshotDatabase();
    await expect(
      vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD }),
      // Said at the item it is (the first), as a person reads it.
    ).rejects.toMatchObject({ code: 'ERR_DECRYPT_FAILED', place: { item: 1 } });
    expect(await snapshotDatabase()).toBe(snapshot);
    expect(await fakeBrowser.storage.session.get(STAGED)).toEqual({});
  });

  it('a write that fails changes nothing and the session keeps the old key', async () => {
    const vault = await filledVault();
    const before = await readVault(vault.client);
    const snapshot = await snapshotDatabase();
    const write = vault.ctx.store.write;
    vault.ctx.store.write = async (change: VaultChange) => {
      if (change.replaceAll) throw new Error('disk full');
      return write(change);
    };
    await expect(
      vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD }),
    ).rejects.toThrow();
    expect(await snapshotDatabase()).toBe(snapshot);
    expect(await fakeBrowser.storage.session.get(STAGED)).toEqual({});
    const after = await readVault(vault.client);
    expect(comparable(after.items, after.folders)).toEqual(
      comparable(before.items, before.folders),
    );
  });

  it.each([
    ['before the vault is rewritten', 'write', 1],
    ['after the rewrite, before the session takes the new key', 'commitKey', 2],
  ] as const)(
    'a worker stopped %s wakes up unlocked with the key of what is stored',
    async (_when, stopAt, generation) => {
      const vault = await filledVault();
      const before = await readVault(vault.client);
      const never = new Promise<never>(() => undefined);
      if (stopAt === 'write') vault.ctx.store.write = () => never;
      if (stopAt === 'commitKey') vault.ctx.session.commitKey = () => never;
      // The worker dies while the rotation waits: it never finishes.
      void vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
      // It has got as far as staging the new key, and as far as the store goes.
      await expect
        .poll(async () => Object.keys(await fakeBrowser.storage.session.get(STAGED)).length)
        .toBe(1);
      await expect
        .poll(async () => (await vault.ctx.store.getAccount())?.keyGeneration)
        .toBe(generation);

      const restarted = await vault.restart();
      expect((await restarted.client.getStatus()).state).toBe('unlocked');
      expect((await restarted.ctx.store.getAccount())?.keyGeneration).toBe(generation);
      const after = await readVault(restarted.client);
      expect(comparable(after.items, after.folders)).toEqual(
        comparable(before.items, before.folders),
      );
      // A browser restart forgets the session; the master password still opens the vault.
      await fakeBrowser.storage.session.clear();
      const rebooted = await vault.restart();
      expect((await rebooted.client.getStatus()).state).toBe('locked');
      await rebooted.client.unlock({ masterPassword: TEST_PASSWORD });
      expect((await readVault(rebooted.client)).items).toHaveLength(before.items.length);
    },
  );

  it('a lock asked for during a rotation waits for it, and the vault ends locked', async () => {
    const vault = await filledVault();
    const rotation = vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    const locked = vault.client.lock();
    await Promise.all([rotation, locked]);
    expect((await vault.client.getStatus()).state).toBe('locked');
    await vault.client.unlock({ masterPassword: TEST_PASSWORD });
    expect((await readVault(vault.client)).items).toHaveLength(5);
  });

  it('an item saved during a rotation waits for it and is stored under the new key', async () => {
    const vault = await filledVault();
    const rotation = vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    const saved = vault.client.saveItem({ item: { ...sampleDrafts('LATE')[1]! } });
    await Promise.all([rotation, saved]);
    const newKey = await vault.ctx.session.requireKey();
    for (const text of await vaultEncStrings())
      expect(await decryptsUnder(text, newKey)).toBe(true);
    expect((await readVault(vault.client)).items).toHaveLength(6);
  });
});

describe('changing the master password', () => {
  it('re-protects the same key: the vault and old backups stay readable', async () => {
    const vault = await filledVault();
    const key = await vault.ctx.session.requireKey();
    const strings = await vaultEncStrings();
    const before = await vault.ctx.store.getAccount();
    await expect(
      vault.client.changeMasterPassword({
        masterPassword: TEST_PASSWORD,
        newMasterPassword: NEW_PASSWORD,
        newMasterPasswordHint: 'the new one',
      }),
    ).resolves.toBe(true);
    const after = await vault.ctx.store.getAccount();
    expect(after?.protectedUserKey).not.toBe(before?.protectedUserKey);
    expect(after).toMatchObject({ keyGeneration: 1, masterPasswordHint: 'the new one' });
    // Nothing was re-encrypted.
    expect(await vaultEncStrings()).toEqual(strings);

    await vault.client.lock();
    await expect(vault.client.unlock({ masterPassword: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'ERR_WRONG_MASTER_PASSWORD',
    });
    await vault.client.unlock({ masterPassword: NEW_PASSWORD });
    for (const text of strings.slice(0, 10)) expect(await decryptsUnder(text, key)).toBe(true);
    // The account-restricted backup made before still imports (everything in it is there).
    expect(
      await vault.client.importVault({ format: 'bitwarden_json', content: vault.backup }),
    ).toMatchObject({ added: 0, skipped: 5 });
  });

  it('refuses a short new password or a hint that gives it away, changing nothing', async () => {
    const vault = await filledVault();
    const snapshot = await snapshotDatabase();
    await expect(
      vault.client.changeMasterPassword({
        masterPassword: TEST_PASSWORD,
        newMasterPassword: 'short',
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT', where: 'newMasterPassword' });
    await expect(
      vault.client.changeMasterPassword({
        masterPassword: TEST_PASSWORD,
        newMasterPassword: NEW_PASSWORD,
        newMasterPasswordHint: NEW_PASSWORD,
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT', where: 'newMasterPasswordHint' });
    await expect(
      vault.client.changeMasterPassword({
        masterPassword: 'wrong wrong wrong',
        newMasterPassword: NEW_PASSWORD,
      }),
    ).rejects.toMatchObject({ code: 'ERR_WRONG_MASTER_PASSWORD' });
    expect(await snapshotDatabase()).toBe(snapshot);
  });
});
