/**
 * planImport: which file items are the vault's (duplicates, folders by name), and its updates:
 * merged, never a loss, and no file date later than now.
 */
import { describe, expect, it } from 'vitest';
import type { Item, LoginItem } from '@/src/vault/item';
import { planImport } from '@/src/vault/import-plan';
import { loginItem, noteItem, type NoteItem } from '../helpers/items';

const NOW = '2025-03-01T12:00:00.000Z';
const EARLIER = '2025-01-01T00:00:00.000Z';
const FUTURE = '2999-01-01T00:00:00.000Z';

/** The login "Example login", last revised at `revisionDate`. */
function login(id: string, revisionDate: string, loginExtra: Partial<LoginItem['login']> = {}) {
  return loginItem(
    { id, revisionDate, creationDate: revisionDate },
    { password: 'stored password', ...loginExtra },
  );
}

const plan = (vaultItems: Item[], fileItems: Item[], now = NOW) =>
  planImport({
    fileItems,
    fileFolders: [],
    vaultItems,
    vaultFolders: [],
    policy: 'skip',
    newId: () => crypto.randomUUID(),
    now,
  });

describe('planImport updates', () => {
  const stored: LoginItem = {
    ...login('v', EARLIER, { uris: [{ uri: 'https://example.com', match: 3 }] }),
    passwordHistory: [{ password: 'older', lastUsedDate: '2024-01-01T00:00:00.000Z' }],
    fields: [{ name: 'PIN', value: '1234', type: 1, linkedId: null }],
  };
  /** The stored login as a CSV gives it back, read at NOW. */
  const lossy = (extra: Partial<LoginItem['login']> = {}): LoginItem => ({
    ...login('f', NOW, extra),
    fields: [{ name: 'PIN', value: '1234', type: 0, linkedId: null }],
  });

  it('a newer but lossy copy of a vault item changes nothing: counted as identical', () => {
    expect(plan([stored], [lossy()])).toMatchObject({
      identical: 1,
      update: [],
      updateNotes: [],
      add: [],
    });
  });

  it('a newer changed copy updates the vault item, keeping and naming what the file lacks', () => {
    const result = plan([stored], [lossy({ password: 'changed in the file' })]);
    expect(result.update).toHaveLength(1);
    const updated = result.update[0] as LoginItem;
    expect(updated).toMatchObject({
      id: 'v',
      revisionDate: NOW,
      fields: stored.fields,
      login: {
        password: 'changed in the file',
        uris: [{ uri: 'https://example.com', match: 3 }],
      },
    });
    expect(updated.passwordHistory!.map((e) => e.password)).toEqual(['stored password', 'older']);
    expect(result.updateNotes).toEqual([
      {
        name: 'Example login',
        kept: [
          { kind: 'fieldType', field: 'PIN', fieldType: 'hidden' },
          { kind: 'uriMatch', count: 1 },
          { kind: 'previousPassword' },
          { kind: 'passwordHistory', count: 1 },
        ],
      },
    ]);
  });

  it('a file date in the future counts as now: it cannot beat an item changed now', () => {
    const changedNow = { ...stored, revisionDate: NOW };
    const future = { ...lossy({ password: 'from a hostile file' }), revisionDate: FUTURE };
    expect(plan([changedNow], [future])).toMatchObject({ older: 1, update: [] });
  });

  it('a future-dated update is stored dated now, and the old password stays in the history', () => {
    const future = { ...lossy({ password: 'from a hostile file' }), revisionDate: FUTURE };
    const result = plan([stored], [future]);
    const updated = result.update[0] as LoginItem;
    expect(updated.revisionDate).toBe(NOW);
    expect(updated.login.passwordRevisionDate).toBe(NOW);
    expect(updated.passwordHistory![0]).toEqual({
      password: 'stored password',
      lastUsedDate: NOW,
    });
  });

  it('a future-dated new item is added dated now', () => {
    const newItem = {
      ...login('new', FUTURE, { username: 'someone else', passwordRevisionDate: FUTURE }),
      creationDate: FUTURE,
    };
    const [added] = plan([stored], [newItem]).add as LoginItem[];
    expect(added).toMatchObject({
      revisionDate: NOW,
      creationDate: NOW,
      login: { passwordRevisionDate: NOW },
    });
  });

  it('a file item of another type under a vault item’s id is added as another item', () => {
    const note = {
      ...login('v', NOW),
      type: 2,
      secureNote: { type: 0 },
      login: undefined,
    } as unknown as Item;
    const result = plan([stored], [note]);
    expect(result.update).toEqual([]);
    expect(result.add).toHaveLength(1);
    expect(result.add[0]!.id).not.toBe('v');
  });
});

describe('planImport matching', () => {
  // Dated after every item it plans, so no date is brought back to it.
  const NOW = '2026-01-01T00:00:00.000Z';
  const note = (id: string, name: string, extra: Partial<NoteItem> = {}): Item =>
    noteItem({ id, name, notes: 'n', ...extra });

  it('matches folders by name and keeps "a/b" names whole', () => {
    let n = 0;
    const plan = planImport({
      fileItems: [
        note('1', 'x', { folderId: 'f1' }),
        note('2', 'y', { folderId: 'f2' }),
        note('3', 'z', { folderId: 'missing' }),
      ],
      fileFolders: [
        { id: 'f1', name: 'Work' },
        { id: 'f2', name: 'Family/Kids' },
      ],
      vaultItems: [],
      vaultFolders: [{ id: 'v1', name: 'Work' }],
      policy: 'skip',
      newId: () => `new-${n++}`,
      now: NOW,
    });
    expect(plan.newFolders).toEqual([{ id: 'f2', name: 'Family/Kids' }]);
    expect(plan.add.map((i) => i.folderId)).toEqual(['v1', 'f2', null]);
  });

  const planAgainst = (vaultItems: Item[], fileItems: Item[]) => plan(vaultItems, fileItems, NOW);
  const later = '2025-01-01T00:00:00.000Z';

  it('tells content apart whatever the key order, and ignores ids and dates', () => {
    const vaultNote = note('v', 'x', { notes: 'same' });
    // The same content built in another key order, another id and later dates: identical.
    const reordered = Object.fromEntries(
      Object.entries({ ...vaultNote, id: 'f', revisionDate: later, creationDate: later }).reverse(),
    ) as Item;
    expect(planAgainst([vaultNote], [reordered])).toMatchObject({ identical: 1, add: [] });
  });

  it('a field present as null differs from one absent; one holding undefined does not', () => {
    const vaultNote = note('v', 'x');
    const withUndefined = { ...note('f', 'x'), fields: undefined } as unknown as Item;
    expect(planAgainst([vaultNote], [withUndefined])).toMatchObject({ identical: 1 });
    const withNull = {
      ...note('f', 'x', { revisionDate: later }),
      fields: null,
    } as unknown as Item;
    expect(planAgainst([vaultNote], [withNull])).toMatchObject({ identical: 0 });
  });

  it('items of other types match on their whole content, not their name alone', () => {
    const vaultNote = note('v', 'x', { notes: 'one' });
    const plan = planAgainst([vaultNote], [note('f', 'x', { notes: 'two', revisionDate: later })]);
    // Same name, other content, and no id in common: a different note, added.
    expect(plan.add.map((i) => i.notes)).toEqual(['two']);
    expect(plan.update).toEqual([]);
  });

  it('a login with the same name, username and websites is the same login, changed', () => {
    const login = (id: string, password: string, extra: Partial<LoginItem> = {}): Item =>
      loginItem(
        { id, name: 'Bank', notes: 'n', ...extra },
        {
          password,
          uris: [
            { uri: 'https://b.example', match: null },
            { uri: 'https://a.example', match: null },
          ],
          fido2Credentials: [],
          passwordRevisionDate: null,
        },
      );
    const vaultLogin = login('v', 'old');
    // The websites in another order and a newer password: an update of the vault's login.
    const fileLogin = login('f', 'new', { revisionDate: later });
    (fileLogin as { login: { uris: unknown[] } }).login.uris.reverse();
    const plan = planAgainst([vaultLogin], [fileLogin]);
    expect(
      plan.update.map((i) => [i.id, (i as { login: { password: string } }).login.password]),
    ).toEqual([['v', 'new']]);
    // Only the password's date differs: identical.
    const dated = login('f', 'old');
    (dated as { login: { passwordRevisionDate: string } }).login.passwordRevisionDate = later;
    expect(planAgainst([vaultLogin], [dated])).toMatchObject({ identical: 1 });
  });

  // A guard against quadratic matching, not a benchmark (npm run bench measures it): quadratic
  // matching of 10,000 × 10,000 items would not end within the timeout.
  it('stays linear: 10,000 new items against 10,000 existing', { timeout: 20_000 }, () => {
    const existing = Array.from({ length: 10_000 }, (_, i) => note(`e${i}`, `existing ${i}`));
    const incoming = Array.from({ length: 10_000 }, (_, i) => note(`i${i}`, `incoming ${i}`));
    const planned = plan(existing, incoming, NOW);
    expect(planned.add).toHaveLength(10_000);
  });
});

describe('planImport, where each file item ends up', () => {
  it('names the vault id of every file item: added, updated, identical or older', () => {
    const stored = login('v', EARLIER);
    const older = loginItem({ id: 'o', name: 'Older', revisionDate: NOW, creationDate: NOW });
    const note = noteItem({ id: 'n' });
    const result = plan(
      [stored, older, note],
      [
        { ...login('f', NOW), notes: 'changed in the file' } as Item,
        { ...older, id: 'file-older', notes: 'the file is behind', revisionDate: EARLIER },
        { ...note, id: 'file-note' },
        noteItem({ id: 'v', name: 'A note under a taken id' }),
        noteItem({ id: 'fresh', name: 'Fresh' }),
      ],
    );
    expect([result.update.length, result.older, result.identical]).toEqual([1, 1, 1]);
    const [taken, fresh] = result.add;
    expect(fresh!.id).toBe('fresh');
    expect(taken!.id).not.toBe('v');
    expect(result.vaultIds).toEqual(['v', 'o', 'n', taken!.id, 'fresh']);
  });
});
