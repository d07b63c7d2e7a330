/**
 * The vault list's summaries: made by decrypting only what the list shows, equal to what the
 * whole items give for every kind of item, kept between popups, and never outliving a change, a
 * lock or another key.
 */
import { describe, expect, it, vi } from 'vitest';
import { decodeUtf8Strict } from '@/src/crypto/bytes';
import { decryptFileData } from '@/src/crypto/file-data';
import { decryptItems } from '@/src/formats/encrypted-item';
import { searchTextOf } from '@/src/vault/vault-filter';
import type { ItemSummary } from '@/src/protocol/vault-api';
import { byName, readSnapshot, summarize } from '@/src/background/item-list-cache';
import {
  createUnlockedBackground,
  TEST_PASSWORD,
  type TestBackground,
} from '../helpers/background';
import { readFixtureText } from '../helpers/fixtures';
import { NEW_KIND_DRAFTS } from '../helpers/items';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

async function richVault(): Promise<TestBackground> {
  const background = await createUnlockedBackground();
  await background.client.importVault({
    format: 'bitwarden_json',
    content: readFixtureText('pbkdf2', 'sdk-plain.json'),
  });
  for (const item of NEW_KIND_DRAFTS) await background.client.saveItem({ item });
  return background;
}

/** The list snapshot, once the background has put it at rest. */
async function snapshotPut(background: TestBackground): Promise<Uint8Array> {
  let snapshot: Uint8Array | undefined;
  await vi.waitFor(async () => {
    snapshot = await background.ctx.store.getListSnapshot();
    expect(snapshot).toBeDefined();
  });
  return snapshot!;
}

/** The summaries the whole items give, as the list showed them before it kept any. */
async function fromWholeItems(background: TestBackground): Promise<ItemSummary[]> {
  const { ctx } = background;
  const items = await decryptItems(await ctx.store.listItems(), await ctx.session.requireKey());
  return items.map(summarize).sort(byName);
}

describe("the vault list's summaries", () => {
  it('equal what the whole items give, for every kind, decrypting far fewer fields', async () => {
    const background = await richVault();
    const whole = await fromWholeItems(background);
    expect(whole.map((s) => s.type).sort()).toEqual(
      expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8]),
    );
    expect(whole.some((s) => s.uris.length > 1)).toBe(true);
    const { items } = await background.client.listVault();
    expect(items).toEqual(whole);
  });

  it('are kept between popups, and follow each change without decrypting the vault again', async () => {
    const background = await richVault();
    const { client } = background;
    const read = vi.spyOn(background.ctx.store, 'listItems');
    /** The list as the popup gets it, checked to come without reading the items. */
    const listKept = async () => {
      const reads = read.mock.calls.length;
      const listing = await client.listVault();
      expect(read.mock.calls.length).toBe(reads);
      return listing;
    };
    const first = await client.listVault();
    expect(read).toHaveBeenCalledTimes(1);
    expect(await listKept()).toEqual(first);

    // A change through any handler: an item saved, renamed, archived, deleted. Each is in the
    // list at once, in its place by name, and the list equals what the whole items give.
    const saved = await client.saveItem({ item: { ...NEW_KIND_DRAFTS[0]!, name: 'Savings' } });
    expect((await listKept()).items).toEqual(await fromWholeItems(background));
    await client.saveItem({ item: { ...saved, name: 'Aardvark savings' } });
    const renamed = await listKept();
    expect(renamed.items[0]!.name).toBe('Aardvark savings');
    // Search follows the new name (its search text was made again, the others' kept).
    const found = await client.queryVault({
      filter: { search: 'aardvark', folder: 'all' },
      offset: 0,
      limit: 10,
    });
    expect(found.items.map((item) => item.name)).toEqual(['Aardvark savings']);
    expect(renamed.items).toEqual(await fromWholeItems(background));
    await client.setItemArchived({ id: saved.id, archived: true });
    expect((await listKept()).items).toEqual(await fromWholeItems(background));
    await client.deleteItem({ id: saved.id });
    expect((await listKept()).items).toEqual(first.items);

    // An import puts its items in from the plaintext it encrypted, without reading them back.
    await client.importVault({
      format: 'bitwarden_json',
      content: readFixtureText('pbkdf2', 'sdk-plain.json'),
      duplicates: 'all',
    });
    expect((await listKept()).items).toEqual(await fromWholeItems(background));
    read.mockRestore();
  });

  it('take an import of hundreds of items from its plaintext, merged in by name, and keep it', async () => {
    const background = await richVault();
    const { client, ctx } = background;
    await client.listVault();
    const read = vi.spyOn(ctx.store, 'listItems');
    const decrypted = vi.spyOn(await import('@/src/formats/encrypted-item'), 'decryptItemsForList');
    // Every kind of the SDK's items twelve times over (264, above what a write decrypts in
    // place): copies named as the vault's own items (equal names keep the vault's first), and
    // others with a number, an accent or another case.
    const file = JSON.parse(readFixtureText('pbkdf2', 'sdk-plain.json')) as {
      items: { id: string; name: string }[];
    };
    const variants = (name: string, copy: number) =>
      [name, `${name} ${copy}`, `${name.toUpperCase()} ${copy}`, `é${name} ${copy}`][copy % 4]!;
    file.items = Array.from({ length: 12 }, (_, copy) =>
      file.items.map((item) => ({
        ...item,
        id: crypto.randomUUID(),
        name: variants(item.name, copy),
      })),
    ).flat();
    await client.importVault({
      format: 'bitwarden_json',
      content: JSON.stringify(file),
      duplicates: 'all',
    });
    // The import read the vault to match its items; the list did not, before or after it.
    expect(decrypted).not.toHaveBeenCalled();
    read.mockClear();
    const listed = await client.listVault();
    expect(read).not.toHaveBeenCalled();
    expect(decrypted).not.toHaveBeenCalled();
    expect(listed.items).toHaveLength(22 + NEW_KIND_DRAFTS.length + 264);
    expect(listed.items).toEqual(await fromWholeItems(background));
    // Searched with the rest (a copy with an accent: the fourth copy, 66th item), and put at
    // rest for the next unlock.
    const accented = file.items[66]!.name;
    expect(accented.startsWith('é')).toBe(true);
    const found = await client.queryVault({
      filter: { search: accented.toLowerCase(), folder: 'all' },
      offset: 0,
      limit: 100,
    });
    expect(found.items.map((item) => item.name)).toEqual([accented]);
    const snapshot = await readSnapshot(
      await snapshotPut(background),
      await ctx.session.requireKey(),
    );
    expect(snapshot).toEqual(listed.items);
    read.mockRestore();
    decrypted.mockRestore();
  });

  it("count each folder's items once per version of the list, following every change", async () => {
    const background = await richVault();
    const { client, ctx } = background;
    /** The counts the whole items give (archived items aside). */
    const counted = async () => {
      const counts: Record<string, number> = {};
      for (const item of await fromWholeItems(background)) {
        if (item.folderId !== null && !item.archived) {
          counts[item.folderId] = (counts[item.folderId] ?? 0) + 1;
        }
      }
      return counts;
    };
    const folder = await client.saveFolder({ name: 'Counted' });
    expect({ ...(await client.folderCounts()) }).toEqual(await counted());
    const summaries = vi.spyOn(ctx.itemList, 'summaries');
    const saved = await client.saveItem({ item: { ...NEW_KIND_DRAFTS[0]!, folderId: folder.id } });
    const counts = await client.folderCounts();
    expect(counts[folder.id]).toBe(1);
    expect({ ...counts }).toEqual(await counted());
    // Asked again with no change: the same counts, and no handler copied the whole list for them.
    expect(await client.folderCounts()).toEqual(counts);
    expect(summaries).not.toHaveBeenCalled();
    await client.setItemArchived({ id: saved.id, archived: true });
    expect((await client.folderCounts())[folder.id]).toBeUndefined();
    expect({ ...(await client.folderCounts()) }).toEqual(await counted());
    // A count is never an inherited property of the answer.
    expect(
      Object.getPrototypeOf(await ctx.itemList.folderCounts(await ctx.session.requireKey())),
    ).toBeNull();
    summaries.mockRestore();
  });

  it('go at lock; the next unlock reads them from the snapshot, not from every item', async () => {
    const background = await richVault();
    const { client, ctx } = background;
    const first = await client.listVault();
    await snapshotPut(background);
    await ctx.session.lock();
    await expect(client.listVault()).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    await expect(
      client.queryVault({ filter: { search: '', folder: 'all' }, offset: 0, limit: 10 }),
    ).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    const read = vi.spyOn(ctx.store, 'listItems');
    await client.unlock({ masterPassword: TEST_PASSWORD });
    expect(await client.listVault()).toEqual(first);
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
  });

  it('are never read from a snapshot that is stale, foreign or damaged', async () => {
    const background = await richVault();
    const { client, ctx } = background;
    await client.listVault();
    const snapshot = await snapshotPut(background);
    // The snapshot is ciphertext: no name of the vault is in it.
    const names = (await client.listVault()).items.map((s) => s.name);
    const asText = Buffer.from(snapshot).toString('latin1');
    for (const name of names.filter((n) => n.length > 3)) expect(asText).not.toContain(name);
    // Equal to what the items give, decrypted with the account key.
    const key = await ctx.session.requireKey();
    const whole = await fromWholeItems(background);
    expect(await readSnapshot(snapshot, key)).toEqual(whole);
    // One row per item, each without the keys of an object; ASCII only, though names are not.
    const bytes = await decryptFileData(snapshot, key);
    expect(bytes.every((byte) => byte <= 0x7f)).toBe(true);
    expect(whole.some((s) => [...s.name].some((c) => c.charCodeAt(0) > 0x7f))).toBe(true);
    const plain = JSON.parse(decodeUtf8Strict(bytes)) as {
      rows: unknown[];
    };
    expect(plain.rows).toHaveLength(whole.length);

    // Every write deletes it in its own transaction, before any new one is put.
    const write = ctx.store.write;
    const seen: (Uint8Array | undefined)[] = [];
    const spy = vi.spyOn(ctx.store, 'write').mockImplementation(async (change) => {
      await write(change);
      seen.push(await ctx.store.getListSnapshot());
    });
    await client.saveItem({ item: { ...NEW_KIND_DRAFTS[1]!, name: 'Fresh' } });
    spy.mockRestore();
    expect(seen).toEqual([undefined]);
    const again = await snapshotPut(background);
    expect(await readSnapshot(again, key)).toEqual(await fromWholeItems(background));

    // Damaged, or made under another key: made again from the items, and put anew.
    const damaged = again.slice();
    damaged[damaged.length - 1]! ^= 1;
    await ctx.store.putListSnapshot(damaged);
    await ctx.session.lock();
    const read = vi.spyOn(ctx.store, 'listItems');
    await client.unlock({ masterPassword: TEST_PASSWORD });
    const listed = (await client.listVault()).items;
    expect(read).toHaveBeenCalledTimes(1);
    expect(listed).toEqual(await fromWholeItems(background));
    read.mockRestore();
    const rotated = await client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    expect(rotated).toBeTruthy();
    expect((await client.listVault()).items).toEqual(await fromWholeItems(background));
  });

  it('are kept under the new key by a key rotation, and put at rest under it', async () => {
    const background = await richVault();
    const { client, ctx } = background;
    const before = await client.listVault();
    const oldKey = await ctx.session.requireKey();
    await client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    const newKey = await ctx.session.requireKey();
    expect(newKey).not.toBe(oldKey);
    const read = vi.spyOn(ctx.store, 'listItems');
    expect(await client.listVault()).toEqual(before);
    expect(read).not.toHaveBeenCalled();
    expect(before.items).toEqual(await fromWholeItems(background));
    read.mockClear();
    // The snapshot opens under the new key only, and the next unlock reads it.
    const snapshot = await snapshotPut(background);
    expect(await readSnapshot(snapshot, newKey)).toEqual(before.items);
    expect(await readSnapshot(snapshot, oldKey)).toBeNull();
    await ctx.session.lock();
    await client.unlock({ masterPassword: TEST_PASSWORD });
    expect(await client.listVault()).toEqual(before);
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
  });

  it('answer a window of what a filter shows, searched in the background', async () => {
    const background = await richVault();
    const { client } = background;
    const byNameOnly = (await fromWholeItems(background)).filter((s) => !s.archived);
    // The favorites first, each part by name.
    const whole = [
      ...byNameOnly.filter((s) => s.favorite),
      ...byNameOnly.filter((s) => !s.favorite),
    ];
    const favoriteCount = whole.filter((s) => s.favorite).length;
    expect(favoriteCount).toBeGreaterThan(2);
    const all = { search: '', folder: 'all' };
    const page = await client.queryVault({ filter: all, offset: 2, limit: 5 });
    expect(page.total).toBe(whole.length);
    expect(page.vaultSize).toBe((await fromWholeItems(background)).length);
    expect(page.favorites).toBe(favoriteCount);
    expect(page.items).toEqual(whole.slice(2, 7));
    // Past the end: no rows, the same count.
    const past = await client.queryVault({ filter: all, offset: 10_000, limit: 5 });
    expect(past).toMatchObject({ items: [], total: whole.length });
    // A search in names, the line under them and websites, any case; no match across two.
    const withSite = whole.find((s) => s.uris.length > 0)!;
    const host = new URL(withSite.uris[0]!).hostname.toUpperCase();
    const found = await client.queryVault({
      filter: { search: ` ${host} `, folder: 'all' },
      offset: 0,
      limit: 100,
    });
    expect(found.items.map((s) => s.id)).toContain(withSite.id);
    for (const item of found.items) {
      expect(searchTextOf(item)).toContain(host.toLowerCase());
    }
    // Favorites and folders as the popup's filter names them.
    const favorites = await client.queryVault({
      filter: { search: '', folder: 'favorites' },
      offset: 0,
      limit: 100,
    });
    expect(favorites.items).toEqual(whole.filter((s) => s.favorite));
    // The favorites' own list is not split again.
    expect(favorites.favorites).toBe(0);
    // A folder's list puts its favorites first too; the export's chooser keeps the name order.
    const folderId = whole.find((s) => s.favorite && s.folderId !== null)!.folderId!;
    const inFolder = await client.queryVault({
      filter: { search: '', folder: folderId },
      offset: 0,
      limit: 100,
    });
    expect(inFolder.items).toEqual(whole.filter((s) => s.folderId === folderId));
    expect(inFolder.favorites).toBe(inFolder.items.filter((s) => s.favorite).length);
    const everything = await client.queryVault({
      filter: { search: '', folder: 'everything' },
      offset: 0,
      limit: 100,
    });
    expect(everything.favorites).toBe(0);
    expect(everything.items).toEqual(await fromWholeItems(background));
    // More than a page at once is not handed out.
    const big = await client.queryVault({ filter: all, offset: 0, limit: 1e9 });
    expect(big.items.length).toBeLessThanOrEqual(500);
    await expect(
      client.queryVault({ filter: all, offset: 'x' as unknown as number, limit: 5 }),
    ).rejects.toMatchObject({ code: 'ERR_BAD_REQUEST' });
  });

  it('are not kept when a write ran while they were being made', async () => {
    const background = await createUnlockedBackground();
    const { client, ctx } = background;
    const listItems = ctx.store.listItems;
    // Requests run one at a time, but the list made at unlock does not wait for them: here a
    // write lands while the store is being read.
    const read = vi.spyOn(ctx.store, 'listItems').mockImplementationOnce(async () => {
      const records = await listItems();
      await ctx.store.write({ putFolders: [] });
      return records;
    });
    await client.listVault();
    await client.listVault();
    expect(read).toHaveBeenCalledTimes(2);
    await client.listVault();
    expect(read).toHaveBeenCalledTimes(2);
    read.mockRestore();
  });
});

describe('the vault order (byName)', () => {
  it('orders names as localeCompare does with the same options, case and accents aside', () => {
    const names = [
      '',
      'a',
      'A',
      'á',
      'b',
      'Bank',
      'bank',
      'Zürich',
      'zurich',
      'Éclair',
      'eclair',
      '中文',
      'Store card 🛒 #224',
      'Store card 🛒 #1301',
      '#1',
      '10',
      '9',
      ' leading',
      'ß',
      'ss',
    ];
    for (const a of names) {
      for (const b of names) {
        const expected = Math.sign(a.localeCompare(b, undefined, { sensitivity: 'base' }));
        expect([a, b, Math.sign(byName({ name: a }, { name: b }))]).toEqual([a, b, expected]);
      }
    }
    expect(byName({ name: 'bank' }, { name: 'Bank' })).toBe(0);
    expect(byName({ name: 'á' }, { name: 'a' })).toBe(0);
  });
});
