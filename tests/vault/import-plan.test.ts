/** planImport's updates: merged, never a loss, and no file date later than now. */
import { describe, expect, it } from 'vitest';
import type { Item, LoginItem } from '@/src/vault/item';
import { planImport } from '@/src/vault/import-plan';

const NOW = '2025-03-01T12:00:00.000Z';
const EARLIER = '2025-01-01T00:00:00.000Z';
const FUTURE = '2999-01-01T00:00:00.000Z';

function login(id: string, revisionDate: string, loginExtra: Partial<LoginItem['login']> = {}) {
  return {
    id,
    folderId: null,
    organizationId: null,
    collectionIds: null,
    type: 1,
    name: 'Example login',
    notes: null,
    favorite: false,
    reprompt: 0,
    passwordHistory: null,
    revisionDate,
    creationDate: revisionDate,
    deletedDate: null,
    login: {
      username: 'ada',
      password: 'stored password',
      totp: null,
      uris: [{ uri: 'https://example.com', match: null }],
      fido2Credentials: null,
      ...loginExtra,
    },
  } satisfies LoginItem as LoginItem;
}

const plan = (vaultItems: Item[], fileItems: Item[]) =>
  planImport({
    fileItems,
    fileFolders: [],
    vaultItems,
    vaultFolders: [],
    policy: 'skip',
    newId: () => crypto.randomUUID(),
    now: NOW,
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
