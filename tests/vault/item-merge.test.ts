/** An import's update merges into the stored item: what the file lacks is kept, and named. */
import { describe, expect, it } from 'vitest';
import type { CardItem, Item, LoginItem } from '@/src/vault/item';
import { mergeItem } from '@/src/vault/item-merge';
import { cardItem, loginItem, passkey } from '../helpers/items';

const STORED_DATE = '2024-01-01T00:00:00.000Z';
const FILE_DATE = '2024-06-01T00:00:00.000Z';

/** The stored login every test merges into, with what the test gives it. */
function login(extra: Partial<LoginItem> = {}, loginExtra: Partial<LoginItem['login']> = {}) {
  return loginItem(
    { id: 'stored-id', revisionDate: STORED_DATE, creationDate: STORED_DATE, ...extra },
    { password: 'same password', ...loginExtra },
  );
}

/** What a CSV row of `stored` reads back as: no passkeys, history, field types or match types. */
function asCsv(stored: LoginItem, loginExtra: Partial<LoginItem['login']> = {}): LoginItem {
  return {
    ...stored,
    id: 'file-id',
    revisionDate: FILE_DATE,
    creationDate: FILE_DATE,
    passwordHistory: null,
    fields: stored.fields?.map((f) => ({ ...f, type: 0, linkedId: null })),
    login: {
      ...stored.login,
      uris: (stored.login.uris ?? []).map((u) => ({ uri: u.uri, match: null })),
      fido2Credentials: [],
      ...loginExtra,
    },
  };
}

const history = (...passwords: string[]) =>
  passwords.map((password, i) => ({
    password,
    lastUsedDate: `2023-0${9 - i}-01T00:00:00.000Z`,
  }));

describe('mergeItem', () => {
  it('keeps nothing and changes nothing when the file has everything', () => {
    const stored = login({ notes: 'n' }, { passwordRevisionDate: STORED_DATE });
    const file: LoginItem = {
      ...stored,
      login: { ...stored.login, password: 'new', passwordRevisionDate: FILE_DATE },
      passwordHistory: history('same password'),
      revisionDate: FILE_DATE,
    };
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([]);
    expect(item).toEqual(file);
  });

  it('keeps the passkeys the file lacks, after the file’s own', () => {
    const stored = login({}, { fido2Credentials: [passkey('a'), passkey('b')] });
    const { item, kept } = mergeItem(
      stored,
      asCsv(stored, { fido2Credentials: [passkey('b'), passkey('c')] }),
    );
    expect(kept).toEqual([{ kind: 'passkeys', count: 1 }]);
    expect((item as LoginItem).login.fido2Credentials!.map((c) => c.credentialId)).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('unites both password histories, one entry per password, newest first', () => {
    const stored = login({ passwordHistory: history('one', 'two', 'three') });
    const file = { ...asCsv(stored), passwordHistory: history('zero', 'two') };
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([{ kind: 'passwordHistory', count: 2 }]);
    expect(item.passwordHistory).toEqual([
      history('zero')[0],
      history('one')[0],
      history('zero', 'two')[1],
      history('one', 'two', 'three')[2],
    ]);
  });

  it('puts the stored password into the history when the file changes it, dated by the file', () => {
    const stored = login({ passwordHistory: history('older') });
    const { item, kept } = mergeItem(stored, asCsv(stored, { password: 'from the file' }));
    expect(kept).toEqual([{ kind: 'previousPassword' }, { kind: 'passwordHistory', count: 1 }]);
    const merged = item as LoginItem;
    expect(merged.login.password).toBe('from the file');
    expect(merged.login.passwordRevisionDate).toBe(FILE_DATE);
    expect(merged.passwordHistory).toEqual([
      { password: 'same password', lastUsedDate: FILE_DATE },
      ...history('older'),
    ]);
  });

  it('does not report the old password as kept when the file’s history has it already', () => {
    const stored = login();
    const file = {
      ...asCsv(stored, { password: 'new' }),
      passwordHistory: history('same password'),
    };
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([]);
    expect(item.passwordHistory).toEqual(history('same password'));
  });

  it('keeps hidden, checkbox and linked types of fields a CSV wrote as text', () => {
    const stored = login({
      fields: [
        { name: 'PIN', value: '1234', type: 1, linkedId: null },
        { name: 'Opt in', value: 'true', type: 2, linkedId: null },
        { name: 'Login as', value: null, type: 3, linkedId: 100 },
      ],
    });
    const file = asCsv(stored);
    // A CSV reads a linked field's empty value back as "".
    file.fields![2]!.value = '';
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([
      { kind: 'fieldType', field: 'PIN', fieldType: 'hidden' },
      { kind: 'fieldType', field: 'Opt in', fieldType: 'checkbox' },
      { kind: 'fieldType', field: 'Login as', fieldType: 'linked' },
    ]);
    expect(item.fields).toEqual(stored.fields);
  });

  it('a text value that no checkbox could hold stays text', () => {
    const stored = login({ fields: [{ name: 'Opt in', value: 'true', type: 2, linkedId: null }] });
    const file = asCsv(stored);
    file.fields![0]!.value = 'maybe';
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([]);
    expect(item.fields).toEqual([{ name: 'Opt in', value: 'maybe', type: 0, linkedId: null }]);
  });

  it('keeps custom fields the file lacks and a field value the file leaves empty', () => {
    const stored = login({
      fields: [
        { name: 'Question', value: 'Berlin', type: 0, linkedId: null },
        { name: 'Only here', value: 'x', type: 1, linkedId: null },
        { name: 'Also here', value: 'y', type: 0, linkedId: null },
      ],
    });
    const file = {
      ...asCsv(stored),
      fields: [
        { name: 'New', value: 'n', type: 0 as const, linkedId: null },
        { name: 'Question', value: '', type: 0 as const, linkedId: null },
      ],
    };
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([
      { kind: 'fieldValue', field: 'Question' },
      { kind: 'customFields', names: ['Only here', 'Also here'] },
    ]);
    expect(item.fields).toEqual([
      { name: 'New', value: 'n', type: 0, linkedId: null },
      stored.fields![0],
      stored.fields![1],
      stored.fields![2],
    ]);
  });

  it('pairs fields of the same name in order', () => {
    const stored = login({
      fields: [
        { name: 'Code', value: 'a', type: 1, linkedId: null },
        { name: 'Code', value: 'b', type: 0, linkedId: null },
      ],
    });
    const { item, kept } = mergeItem(stored, asCsv(stored));
    expect(kept).toEqual([{ kind: 'fieldType', field: 'Code', fieldType: 'hidden' }]);
    expect(item.fields).toEqual(stored.fields);
  });

  it('recognises a field whose name holds ": ", which a CSV splits in the wrong place', () => {
    const stored = login({
      fields: [{ name: 'Q: why?', value: 'because', type: 1, linkedId: null }],
    });
    const file = {
      ...asCsv(stored),
      fields: [{ name: 'Q', value: 'why?: because', type: 0 as const, linkedId: null }],
    };
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([{ kind: 'fieldType', field: 'Q: why?', fieldType: 'hidden' }]);
    expect(item.fields).toEqual(stored.fields);
  });

  it('a value blank in both ("" or null) keeps its stored form and is not reported', () => {
    const stored = login(
      { notes: '', fields: [{ name: null, value: null, type: 0, linkedId: null }] },
      { username: '' },
    );
    const file = {
      ...asCsv(stored, { username: null }),
      notes: null,
      fields: [{ name: '', value: '', type: 0 as const, linkedId: null }],
    };
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([]);
    expect({ ...item, revisionDate: STORED_DATE }).toEqual(stored);
  });

  it('a stored history the file adds nothing to stays in its own order', () => {
    const unordered = [...history('one', 'two')].reverse();
    const stored = login({ passwordHistory: unordered });
    const file = { ...asCsv(stored), passwordHistory: history('two') };
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([{ kind: 'passwordHistory', count: 1 }]);
    expect(item.passwordHistory).toEqual(unordered);
  });

  it('keeps a URI’s match type where the file has the same URI without one, and extra URIs', () => {
    const stored = login(
      {},
      {
        uris: [
          { uri: 'https://a.example', match: 3 },
          { uri: 'https://b.example', match: null },
          { uri: 'https://c.example', match: 0 },
        ],
      },
    );
    const file = asCsv(stored, {
      uris: [
        { uri: 'https://b.example', match: null },
        { uri: 'https://a.example', match: null },
      ],
    });
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([
      { kind: 'uriMatch', count: 1 },
      { kind: 'uris', count: 1 },
    ]);
    expect((item as LoginItem).login.uris).toEqual([
      { uri: 'https://b.example', match: null },
      { uri: 'https://a.example', match: 3 },
      { uri: 'https://c.example', match: 0 },
    ]);
  });

  it('a match type the file sets wins over the stored one', () => {
    const stored = login({}, { uris: [{ uri: 'https://a.example', match: 3 }] });
    const file = asCsv(stored, { uris: [{ uri: 'https://a.example', match: 1 }] });
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([]);
    expect((item as LoginItem).login.uris).toEqual([{ uri: 'https://a.example', match: 1 }]);
  });

  it('keeps TOTP, notes, username, password and folder the file leaves empty', () => {
    const stored = login(
      { notes: 'stored notes', folderId: 'folder-1' },
      { totp: 'JBSWY3DPEHPK3PXP' },
    );
    const file = asCsv(stored, { totp: null, password: '', username: null });
    const { item, kept } = mergeItem(stored, { ...file, notes: '', folderId: null });
    expect(kept).toEqual([
      { kind: 'valueCleared', field: 'notes' },
      { kind: 'valueCleared', field: 'folder' },
      { kind: 'valueCleared', field: 'login.username' },
      { kind: 'valueCleared', field: 'login.password' },
      { kind: 'valueCleared', field: 'login.totp' },
    ]);
    expect(item).toMatchObject({
      notes: 'stored notes',
      folderId: 'folder-1',
      login: { username: 'ada', password: 'same password', totp: 'JBSWY3DPEHPK3PXP' },
      passwordHistory: null,
    });
  });

  it('keeps a card’s values the file leaves empty, and takes the ones it has', () => {
    const stored = cardItem({ id: 'stored-id', name: 'Example login' });
    const file: CardItem = {
      ...stored,
      revisionDate: FILE_DATE,
      card: { ...stored.card, code: null, expYear: '2032' },
    };
    const { item, kept } = mergeItem(stored, file);
    expect(kept).toEqual([{ kind: 'valueCleared', field: 'card.code' }]);
    expect((item as CardItem).card).toEqual({ ...stored.card, expYear: '2032' });
  });

  it('keeps the stored id, creation date and organization; takes the file’s revision date', () => {
    const stored = login({ organizationId: 'org', collectionIds: ['c1'] });
    const { item } = mergeItem(stored, asCsv(stored));
    expect(item).toMatchObject({
      id: 'stored-id',
      creationDate: STORED_DATE,
      revisionDate: FILE_DATE,
      organizationId: 'org',
      collectionIds: ['c1'],
    });
  });

  it('a CSV of the stored item merges back into exactly the stored content', () => {
    const stored = login(
      {
        fields: [{ name: 'PIN', value: '1234', type: 1, linkedId: null }],
        passwordHistory: history('old'),
      },
      {
        fido2Credentials: [passkey('a')],
        uris: [{ uri: 'https://example.com', match: 3 }],
      },
    );
    const { item } = mergeItem(stored, asCsv(stored));
    const withoutDates = (i: Item) => ({ ...i, revisionDate: undefined });
    expect(withoutDates(item)).toEqual(withoutDates(stored));
  });

  it('returns only names and counts: the kept list holds no secret value', () => {
    const stored = login(
      {
        notes: 'SECRET-notes',
        fields: [{ name: 'PIN', value: 'SECRET-pin', type: 1, linkedId: null }],
        passwordHistory: history('SECRET-old'),
      },
      { fido2Credentials: [passkey('SECRET-cred')], totp: 'SECRET-totp' },
    );
    const file = asCsv(stored, { password: 'SECRET-new', totp: null });
    const { kept } = mergeItem(stored, { ...file, notes: null });
    expect(kept.length).toBeGreaterThan(4);
    expect(JSON.stringify(kept)).not.toContain('SECRET');
  });
});
