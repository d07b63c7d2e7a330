/** When a file's item is "the same item" as a vault's (formats.md, duplicates). */
import { describe, expect, it } from 'vitest';
import type { CardItem, Item, LoginItem } from '@/src/vault/item';
import { createMatcher, sameContent } from '@/src/vault/item-match';
import { cardItem, loginItem, noteItem, type NoteItem } from '../helpers/items';

const OLD = '2024-01-01T00:00:00.000Z';
const NEW = '2024-06-01T00:00:00.000Z';

/** The login "Bank", with what the test gives it. */
function login(
  id: string,
  extra: Partial<LoginItem> = {},
  loginExtra: Partial<LoginItem['login']> = {},
): LoginItem {
  return loginItem(
    { id, name: 'Bank', revisionDate: OLD, creationDate: OLD, ...extra },
    { uris: [{ uri: 'https://bank.example', match: null }], ...loginExtra },
  );
}

function note(id: string, notes: string, extra: Partial<NoteItem> = {}): Item {
  return noteItem({ id, name: 'Wifi', notes, revisionDate: OLD, creationDate: OLD, ...extra });
}

function card(id: string, number: string, extra: Partial<CardItem> = {}): CardItem {
  return cardItem(
    { id, name: 'Visa', revisionDate: OLD, creationDate: OLD, ...extra },
    { cardholderName: 'Ada Lovelace', number },
  );
}

describe('createMatcher', () => {
  it('finds the vault item with the same id, whatever its name and content', () => {
    const stored = login('id-1');
    const matcher = createMatcher([login('id-0', { name: 'Other' }), stored]);
    expect(matcher.find(login('id-1', { name: 'Renamed' }, { username: 'bob' }))).toBe(stored);
  });

  it('finds a login under another id by its name, username and websites, whatever its password', () => {
    const stored = login('vault-id');
    const found = createMatcher([stored]).find(
      login('file-id', { notes: 'new notes' }, { password: 'another password', totp: 'TOTP' }),
    );
    expect(found).toBe(stored);
  });

  it('finds a login whose websites are listed in another order or with other match types', () => {
    const stored = login(
      'vault-id',
      {},
      {
        uris: [
          { uri: 'https://a.example', match: null },
          { uri: 'https://b.example', match: 3 },
        ],
      },
    );
    const reordered = login(
      'file-id',
      {},
      {
        uris: [
          { uri: 'https://b.example', match: 0 },
          { uri: 'https://a.example', match: 5 },
        ],
      },
    );
    expect(createMatcher([stored]).find(reordered)).toBe(stored);
  });

  it.each<[string, LoginItem]>([
    ['another name', login('file-id', { name: 'Bank (old)' })],
    ['another username', login('file-id', {}, { username: 'bob' })],
    [
      'another website',
      login('file-id', {}, { uris: [{ uri: 'https://evil.example', match: null }] }),
    ],
    [
      'one website more',
      login(
        'file-id',
        {},
        {
          uris: [
            { uri: 'https://bank.example', match: null },
            { uri: 'https://bank.example/app', match: null },
          ],
        },
      ),
    ],
    ['no website', login('file-id', {}, { uris: null })],
  ])('does not match a login with %s', (_, fileItem) => {
    expect(createMatcher([login('vault-id')]).find(fileItem)).toBeUndefined();
  });

  it('compares names, usernames and websites as written, without case or slash folding', () => {
    const matcher = createMatcher([login('vault-id')]);
    expect(matcher.find(login('f1', { name: 'bank' }))).toBeUndefined();
    expect(matcher.find(login('f2', {}, { username: 'Ada' }))).toBeUndefined();
    expect(
      matcher.find(login('f3', {}, { uris: [{ uri: 'https://bank.example/', match: null }] })),
    ).toBeUndefined();
  });

  it('treats a missing username, an empty one and a null one alike', () => {
    const stored = login('vault-id', {}, { username: null });
    expect(createMatcher([stored]).find(login('file-id', {}, { username: '' }))).toBe(stored);
  });

  it('treats no website list as an empty one, and a null website as an empty one', () => {
    const none = login('vault-none', {}, { uris: null });
    const nullUri = login('vault-null', { name: 'Other' }, { uris: [{ uri: null, match: null }] });
    const matcher = createMatcher([none, nullUri]);
    expect(matcher.find(login('f1', {}, { uris: [] }))).toBe(none);
    expect(matcher.find(login('f2', { name: 'Other' }, { uris: [{ uri: '', match: 2 }] }))).toBe(
      nullUri,
    );
  });

  it('picks, among look-alike vault logins, the one with the same content, else the first', () => {
    const first = login('v1', {}, { password: 'one' });
    const second = login('v2', {}, { password: 'two' });
    expect(createMatcher([first, second]).find(login('file-id', {}, { password: 'two' }))).toBe(
      second,
    );
    expect(createMatcher([first, second]).find(login('file-id', {}, { password: 'three' }))).toBe(
      first,
    );
  });

  it('pairs each vault item with one file item at most', () => {
    const first = login('v1', {}, { password: 'one' });
    const second = login('v2', {}, { password: 'two' });
    const matcher = createMatcher([first, second]);
    expect(matcher.find(login('f1', {}, { password: 'changed' }))).toBe(first);
    expect(matcher.find(login('f2', {}, { password: 'changed too' }))).toBe(second);
    expect(matcher.find(login('f3', {}, { password: 'and again' }))).toBeUndefined();
  });

  it('does not take an item of another type for the same item, even under the same id', () => {
    const stored = note('same-id', 'text');
    expect(createMatcher([stored]).find(login('same-id'))).toBeUndefined();
  });

  it('finds a note of the same name and content, in any folder and with any dates', () => {
    const stored = note('vault-id', 'password: hunter2');
    const fileItem = note('file-id', 'password: hunter2', {
      folderId: 'some-folder',
      revisionDate: NEW,
      creationDate: NEW,
    });
    expect(createMatcher([stored]).find(fileItem)).toBe(stored);
  });

  it('does not match a note of the same name whose content differs', () => {
    expect(
      createMatcher([note('vault-id', 'password: hunter2')]).find(note('file-id', 'changed')),
    ).toBeUndefined();
  });

  it('picks, among cards of the same name, the one with the same content', () => {
    const other = card('v1', '4111111111111111');
    const same = card('v2', '5500000000000004');
    expect(createMatcher([other, same]).find(card('file-id', '5500000000000004'))).toBe(same);
  });

  it('never matches items of different types under different ids', () => {
    const matcher = createMatcher([note('vault-note', 'text', { name: 'Bank' })]);
    expect(matcher.find(login('file-login'))).toBeUndefined();
    expect(
      createMatcher([login('vault-login')]).find(note('file-note', '', { name: 'Bank' })),
    ).toBe(undefined);
  });

  it('finds nothing in an empty vault', () => {
    expect(createMatcher([]).find(login('id'))).toBeUndefined();
  });
});

describe('sameContent', () => {
  it('ignores ids, folder ids and dates', () => {
    const a = login('a', { folderId: 'f1', revisionDate: OLD, creationDate: OLD });
    const b = login('b', {
      folderId: 'f2',
      revisionDate: NEW,
      creationDate: NEW,
      deletedDate: NEW,
    });
    expect(sameContent(a, b, 'Work', 'Work')).toBe(true);
  });

  it('compares folders by their names', () => {
    const a = login('a');
    expect(sameContent(a, login('b'), 'Work', 'Home')).toBe(false);
    expect(sameContent(a, login('b'), null, 'Work')).toBe(false);
    expect(sameContent(a, login('b'), null, null)).toBe(true);
  });

  it('ignores when a login password was last changed', () => {
    const a = login('a', {}, { passwordRevisionDate: OLD });
    const b = login('b', {}, { passwordRevisionDate: NEW });
    expect(sameContent(a, b, null, null)).toBe(true);
  });

  const sites = (...uris: string[]) => uris.map((uri) => ({ uri, match: null }));
  const twoSites = (
    id: string,
    extra: Partial<LoginItem> = {},
    loginExtra: Partial<LoginItem['login']> = {},
  ) => login(id, extra, { uris: sites('https://a.example', 'https://b.example'), ...loginExtra });

  it.each<[string, Item]>([
    ['password', twoSites('b', {}, { password: 'new password' })],
    ['TOTP secret', twoSites('b', {}, { totp: 'JBSWY3DPEHPK3PXP' })],
    ['notes', twoSites('b', { notes: 'PIN 1234' })],
    ['favourite flag', twoSites('b', { favorite: true })],
    ['master password re-prompt', twoSites('b', { reprompt: 1 })],
    [
      'password history',
      twoSites('b', { passwordHistory: [{ lastUsedDate: OLD, password: 'x' }] }),
    ],
    [
      'custom fields',
      twoSites('b', { fields: [{ name: 'pin', value: '1', type: 1, linkedId: null }] }),
    ],
    ['website order', twoSites('b', {}, { uris: sites('https://b.example', 'https://a.example') })],
  ])('tells logins apart by their %s', (_, other) => {
    expect(sameContent(twoSites('a'), twoSites('a2'), null, null)).toBe(true);
    expect(sameContent(twoSites('a'), other, null, null)).toBe(false);
  });

  it('treats a field holding undefined as a field left out', () => {
    const a = note('a', 'text');
    const b = { ...note('b', 'text'), fields: undefined };
    expect(sameContent(a, b, null, null)).toBe(true);
  });

  it('tells cards apart by any card field', () => {
    expect(
      sameContent(card('a', '4111111111111111'), card('b', '4111111111111112'), null, null),
    ).toBe(false);
    expect(
      sameContent(card('a', '4111111111111111'), card('b', '4111111111111111'), null, null),
    ).toBe(true);
  });

  it('never calls items of different types the same', () => {
    const a = note('a', '', { name: 'Same' });
    const b = card('b', '4111', { name: 'Same' });
    expect(sameContent(a, b, null, null)).toBe(false);
    expect(sameContent(login('c', { name: 'Same' }), a, null, null)).toBe(false);
  });
});
