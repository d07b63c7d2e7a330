/** Saving an edited item: its dates, and the last five passwords of a login, newest first. */
import { describe, expect, it } from 'vitest';
import { applyEdit } from '@/src/vault/apply-edit';
import type { CardItem, Item, LoginItem } from '@/src/vault/item';
import { cardItem, loginItem } from '../helpers/items';

const CREATED = '2024-01-01T00:00:00.000Z';
const EDITED = '2024-03-01T00:00:00.000Z';
const NOW = '2024-06-01T00:00:00.000Z';

/** The login "Bank", made at CREATED and last edited at EDITED, with `password`. */
function login(password: string | null, extra: Partial<LoginItem> = {}): LoginItem {
  return loginItem(
    { id: 'item-1', name: 'Bank', revisionDate: EDITED, creationDate: CREATED, ...extra },
    { password, uris: null, passwordRevisionDate: EDITED },
  );
}

function card(): CardItem {
  return cardItem({ id: 'item-1', name: 'Visa', revisionDate: EDITED, creationDate: CREATED });
}

const entries = (...passwords: string[]) =>
  passwords.map((password, i) => ({ password, lastUsedDate: `2023-0${i + 1}-01T00:00:00.000Z` }));

describe('applyEdit', () => {
  it('dates a new item as made and revised now', () => {
    const saved = applyEdit(
      undefined,
      login('secret', { creationDate: '', revisionDate: '' }),
      NOW,
    );
    expect(saved).toMatchObject({ creationDate: NOW, revisionDate: NOW, passwordHistory: null });
    expect(saved.type === 1 && saved.login.passwordRevisionDate).toBe(EDITED);
  });

  it('keeps when the item was made and dates the revision now', () => {
    const saved = applyEdit(
      login('secret'),
      login('secret', { creationDate: NOW, name: 'B' }),
      NOW,
    );
    expect(saved).toMatchObject({ name: 'B', creationDate: CREATED, revisionDate: NOW });
  });

  it('keeps the old password first in the history when the password changes', () => {
    const previous = login('old secret');
    const next = login('new secret', { passwordHistory: entries('older') });
    const saved = applyEdit(previous, next, NOW) as LoginItem;
    expect(saved.login.password).toBe('new secret');
    expect(saved.login.passwordRevisionDate).toBe(NOW);
    expect(saved.passwordHistory).toEqual([
      { lastUsedDate: NOW, password: 'old secret' },
      { lastUsedDate: '2023-01-01T00:00:00.000Z', password: 'older' },
    ]);
  });

  it('keeps only the five newest passwords', () => {
    const next = login('new', { passwordHistory: entries('p1', 'p2', 'p3', 'p4', 'p5') });
    const saved = applyEdit(login('current'), next, NOW);
    expect(saved.passwordHistory?.map((e) => e.password)).toEqual([
      'current',
      'p1',
      'p2',
      'p3',
      'p4',
    ]);
  });

  it('changes neither history nor password date when the password stays the same', () => {
    const history = entries('older');
    const saved = applyEdit(login('same'), login('same', { passwordHistory: history }), NOW);
    expect(saved.passwordHistory).toEqual(history);
    expect(saved.type === 1 && saved.login.passwordRevisionDate).toBe(EDITED);
  });

  it.each([null, ''])('records nothing when the previous password was %j', (old) => {
    const saved = applyEdit(login(old), login('first password'), NOW);
    expect(saved.passwordHistory).toBeNull();
    expect(saved.type === 1 && saved.login.passwordRevisionDate).toBe(EDITED);
  });

  it('records the old password when it is cleared', () => {
    const saved = applyEdit(login('old secret'), login(null), NOW);
    expect(saved.passwordHistory).toEqual([{ lastUsedDate: NOW, password: 'old secret' }]);
  });

  it('keeps no password history for items other than logins', () => {
    const edited: Item = { ...card(), name: 'Visa (work)' };
    expect(applyEdit(card(), edited, NOW)).toMatchObject({
      name: 'Visa (work)',
      passwordHistory: null,
      creationDate: CREATED,
      revisionDate: NOW,
    });
    expect(applyEdit(login('old secret'), card(), NOW).passwordHistory).toBeNull();
  });

  it('changes neither the previous item nor the edited one', () => {
    const previous = login('old secret');
    const next = login('new secret', { passwordHistory: entries('older') });
    const before = structuredClone({ previous, next });
    applyEdit(previous, next, NOW);
    expect({ previous, next }).toEqual(before);
  });
});
