/**
 * The vault list's summaries: made by decrypting only what the list shows, equal to what the
 * whole items give for every kind of item, kept between popups, and never outliving a change, a
 * lock or another key.
 */
import { describe, expect, it, vi } from 'vitest';
import { decryptItems } from '@/src/formats/encrypted-item';
import type { ItemSummary } from '@/src/protocol/vault-api';
import { byName, summarize } from '@/src/background/item-list-cache';
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

  it('are kept between popups, and made again after any change, a lock, or a new key', async () => {
    const background = await richVault();
    const { client, ctx } = background;
    const read = vi.spyOn(ctx.store, 'listItems');
    const first = await client.listVault();
    const again = await client.listVault();
    expect(again).toEqual(first);
    expect(read).toHaveBeenCalledTimes(1);

    // A change through any handler: an item saved, one imported, one deleted.
    const saved = await client.saveItem({ item: { ...NEW_KIND_DRAFTS[0]!, name: 'Savings' } });
    expect((await client.listVault()).items.map((s) => s.name)).toContain('Savings');
    await client.deleteItem({ id: saved.id });
    expect((await client.listVault()).items.map((s) => s.name)).not.toContain('Savings');
    expect(read).toHaveBeenCalledTimes(3);

    // A lock forgets them; the next unlock makes them again.
    await ctx.session.lock();
    await expect(client.listVault()).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    await client.unlock({ masterPassword: TEST_PASSWORD });
    expect(await client.listVault()).toEqual(first);
    expect(read).toHaveBeenCalledTimes(4);
    read.mockRestore();
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
