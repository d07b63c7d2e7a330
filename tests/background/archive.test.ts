/**
 * Archiving (issue 13): an archived item leaves the main list but stays in the vault, keeps its
 * secrets behind its re-prompt, and comes back unchanged when unarchived.
 */
import { describe, expect, it } from 'vitest';
import { createUnlockedBackground, TEST_PASSWORD } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';

const AT = new Date('2026-03-04T05:06:07.000Z');

describe('archive', () => {
  it('dates the item, lists it as archived, and unarchiving clears the date only', async () => {
    const background = await createUnlockedBackground(undefined, { now: () => AT });
    const { client } = background;
    const saved = await client.saveItem({ item: sampleDrafts()[0]! });

    const archived = await client.setItemArchived({ id: saved.id, archived: true });
    expect(archived.archivedDate).toBe(AT.toISOString());
    expect(archived).toMatchObject({ ...saved, revisionDate: AT.toISOString() });
    const listing = await client.listVault();
    expect(listing.items.find((i) => i.id === saved.id)?.archived).toBe(true);

    // Archiving again keeps the first date.
    const later = await client.setItemArchived({ id: saved.id, archived: true });
    expect(later.archivedDate).toBe(AT.toISOString());

    const back = await client.setItemArchived({ id: saved.id, archived: false });
    expect(back.archivedDate).toBeNull();
    const { archivedDate: _a, revisionDate: _r, ...rest } = back;
    const { revisionDate: _r2, ...before } = saved;
    expect(rest).toEqual(before);
    expect((await client.listVault()).items.find((i) => i.id === saved.id)?.archived).toBe(false);
  });

  it('needs no master password for a re-prompt item and hands out none of its secrets', async () => {
    const first = await createUnlockedBackground();
    const note = sampleDrafts().find((d) => d.reprompt === 1)!;
    const saved = await first.client.saveItem({ item: note });
    // A restarted worker holds no confirmation, as after the few minutes one lasts.
    const { client } = await first.restart();
    const archived = await client.setItemArchived({ id: saved.id, archived: true });
    expect(archived.secretsWithheld).toBe(true);
    expect(archived.notes).toBeNull();
    expect(archived.archivedDate).toEqual(expect.any(String));
  });

  it('refuses an item that is gone and changes nothing', async () => {
    const { client } = await createUnlockedBackground();
    await expect(
      client.setItemArchived({ id: '00000000-0000-4000-8000-000000000000', archived: true }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    expect((await client.listVault()).items).toEqual([]);
  });

  it('is kept when the archived item is edited, and exports write it', async () => {
    const { client, downloads } = await createUnlockedBackground();
    const saved = await client.saveItem({ item: sampleDrafts()[2]! });
    const other = await client.saveItem({ item: sampleDrafts()[0]! });
    const archived = await client.setItemArchived({ id: saved.id, archived: true });
    const edited = await client.saveItem({ item: { ...archived, name: 'renamed' } });
    expect(edited.archivedDate).toBe(archived.archivedDate);

    await client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    const file = JSON.parse(downloads.files[0]!.text) as {
      items: { id: string; archivedDate?: string }[];
    };
    expect(file.items.find((i) => i.id === saved.id)?.archivedDate).toBe(archived.archivedDate);
    // Not archived: no key at all, as Bitwarden's SDK exporter writes such items.
    expect(file.items.find((i) => i.id === other.id)).not.toHaveProperty('archivedDate');
  });
});
