import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { DB_NAME } from '@/src/store/schema';
import { toBase64 } from '@/src/crypto/bytes';
import type { Item } from '@/src/vault/item';
import type { ItemDraft } from '@/src/protocol/vault-api';
import { createUnlockedBackground, TEST_PASSWORD } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

/** Every byte IndexedDB holds, as text. */
async function dumpDatabase(): Promise<string> {
  const db = await openDB(DB_NAME);
  const out: Record<string, unknown> = {};
  for (const name of db.objectStoreNames) out[name] = await db.getAll(name);
  db.close();
  return JSON.stringify(out);
}

describe('items', () => {
  it('of every type round-trip through the encrypted store with every field', async () => {
    const { client } = await createUnlockedBackground();
    for (const draft of sampleDrafts()) {
      const saved = await client.saveItem({ item: draft });
      const { id: _id, creationDate: _c, revisionDate: _r, ...rest } = saved;
      const expected = { ...draft };
      if (expected.type === 1) expected.login = { ...expected.login };
      expect(rest).toEqual(expect.objectContaining(expected));
      expect(await client.getItem({ id: saved.id })).toEqual(saved);
    }
    const listing = await client.listVault();
    expect(listing.items.map((i) => [i.name, i.subtitle])).toEqual([
      ['MARK-card-name', 'Visa, *1111'],
      ['MARK-identity-name', 'MARKFirst MARKLast'],
      ['MARK-login-name', 'MARK-username'],
      ['MARK-note-name', null],
      ['MARK-ssh-name', 'SHA256:MARKFINGERPRINT'],
    ]);
  });

  it('leave nothing a person typed, nor the account key, in IndexedDB', async () => {
    const background = await createUnlockedBackground();
    for (const draft of sampleDrafts('SECRETMARKER'))
      await background.client.saveItem({ item: draft });
    await background.client.saveFolder({ name: 'SECRETMARKER folder' });
    const dump = await dumpDatabase();
    expect(dump).not.toContain('SECRETMARKER');
    expect(dump.toLowerCase()).not.toContain('secretmarker');
    expect(dump).not.toContain(TEST_PASSWORD);
    const sessionKey = (await import('wxt/testing/fake-browser')).fakeBrowser.storage.session;
    const stored = Object.values(await sessionKey.get()).join();
    expect(stored.length).toBeGreaterThan(0);
    expect(dump).not.toContain(stored);
    expect(dump).not.toContain(toBase64(new TextEncoder().encode('4111111111111111')));
  });

  it('keep the old password in the history when a password changes', async () => {
    const { client } = await createUnlockedBackground();
    const login = (await client.saveItem({ item: sampleDrafts()[0]! })) as Item & { type: 1 };
    const edited = (await client.saveItem({
      item: { ...login, login: { ...login.login, password: 'brand new password' } },
    })) as Item & { type: 1 };
    expect(edited.passwordHistory?.[0]?.password).toBe('MARK-password');
    expect(edited.passwordHistory?.[1]?.password).toBe('MARK-old-password');
    expect(edited.login.passwordRevisionDate).toBe(edited.revisionDate);
    expect(edited.creationDate).toBe(login.creationDate);
    // Saving without a password change adds nothing.
    const again = await client.saveItem({ item: { ...edited, name: 'renamed' } });
    expect(again.passwordHistory).toHaveLength(2);
  });

  it('keep at most five old passwords', async () => {
    const { client } = await createUnlockedBackground();
    let item = (await client.saveItem({
      item: { ...sampleDrafts()[0]!, passwordHistory: null },
    })) as Item & { type: 1 };
    for (let i = 0; i < 7; i++) {
      item = (await client.saveItem({
        item: { ...item, login: { ...item.login, password: `p${i}` } },
      })) as Item & { type: 1 };
    }
    expect(item.passwordHistory?.map((h) => h.password)).toEqual(['p5', 'p4', 'p3', 'p2', 'p1']);
  });

  it('are deleted', async () => {
    const { client } = await createUnlockedBackground();
    const saved = await client.saveItem({ item: sampleDrafts()[1]! });
    await client.deleteItem({ id: saved.id });
    expect((await client.listVault()).items).toEqual([]);
    await expect(client.getItem({ id: saved.id })).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });

  it('are refused with a named field when malformed', async () => {
    const { client } = await createUnlockedBackground();
    await expect(
      client.saveItem({ item: { ...sampleDrafts()[1]!, notes: 42 as unknown as string } }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_FILE', field: 'notes', where: 'notes' });
    await expect(
      client.saveItem({ item: { ...sampleDrafts()[1]!, type: 9 } as unknown as ItemDraft }),
    ).rejects.toMatchObject({
      field: 'type',
    });
    await expect(
      client.saveItem({ item: { ...sampleDrafts()[1]!, notes: 'x'.repeat(100_001) } }),
    ).rejects.toMatchObject({ code: 'ERR_STRING_TOO_LONG' });
    expect((await client.listVault()).items).toEqual([]);
  });
});

describe('folders', () => {
  it('are created, renamed, listed by name and refused twice', async () => {
    const { client } = await createUnlockedBackground();
    const work = await client.saveFolder({ name: ' Work ' });
    await client.saveFolder({ name: 'Family/Kids' });
    expect(work.name).toBe('Work');
    await expect(client.saveFolder({ name: 'Work' })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    await client.saveFolder({ id: work.id, name: 'Arbeit' });
    expect((await client.listVault()).folders.map((f) => f.name)).toEqual([
      'Arbeit',
      'Family/Kids',
    ]);
    await expect(client.saveFolder({ name: '   ' })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      key: 'errFolderNeedsName',
      field: 'name',
    });
  });

  it('leave their items in the vault, without a folder, when deleted', async () => {
    const { client } = await createUnlockedBackground();
    const folder = await client.saveFolder({ name: 'Work' });
    const item = await client.saveItem({ item: { ...sampleDrafts()[1]!, folderId: folder.id } });
    await client.deleteFolder({ id: folder.id });
    expect((await client.getItem({ id: item.id })).folderId).toBeNull();
    expect((await client.listVault()).folders).toEqual([]);
  });

  it('must exist for an item to go in them', async () => {
    const { client } = await createUnlockedBackground();
    await expect(
      client.saveItem({ item: { ...sampleDrafts()[1]!, folderId: 'missing' } }),
    ).rejects.toMatchObject({
      code: 'ERR_NOT_FOUND',
    });
  });
});
