/** Tools → Verify backup: what a backup file holds that the vault does not, and the reverse. */
import { describe, expect, it } from 'vitest';
import { diffBackup } from '@/src/vault/backup-diff';
import type { Folder, Item, LoginItem } from '@/src/vault/item';
import { loginItem, noteItem } from '../helpers/items';

const DATE = '2024-01-01T00:00:00.000Z';

/** A login named `name`, its password and website made from the name. */
function login(
  id: string,
  name: string,
  extra: Partial<LoginItem> = {},
  loginExtra: Partial<LoginItem['login']> = {},
): LoginItem {
  return loginItem(
    { id, name, revisionDate: DATE, creationDate: DATE, ...extra },
    {
      password: `${name} password`,
      uris: [{ uri: `https://${name.toLowerCase()}.example`, match: null }],
      ...loginExtra,
    },
  );
}

function note(id: string, name: string, notes: string): Item {
  return noteItem({ id, name, notes, revisionDate: DATE, creationDate: DATE });
}

const vaultOf = (items: Item[], folders: Folder[] = []) => ({ items, folders });

describe('diffBackup', () => {
  it('pairs look-alike items one to one, whatever their ids', () => {
    const inVault = [
      login('v1', 'Bank', {}, { password: 'p1' }),
      login('v2', 'Bank', {}, { password: 'p2' }),
      note('n1', 'N', 'same'),
      note('n2', 'N', 'same'),
    ];
    const inFile = [
      login('f1', 'Bank', {}, { password: 'p1' }),
      login('f2', 'Bank', {}, { password: 'p2' }),
      note('m1', 'N', 'same'),
      note('m2', 'N', 'same'),
    ];
    expect(diffBackup(vaultOf(inFile), vaultOf(inVault))).toEqual({
      same: 4,
      onlyInFile: [],
      onlyInVault: [],
      changed: [],
    });
  });

  it('tells items of different types apart even under one id, as an import does', () => {
    const card = { ...login('v1', 'Card'), type: 3, login: undefined, card: {} } as unknown as Item;
    expect(diffBackup(vaultOf([note('v1', 'N', 'text')]), vaultOf([card]))).toEqual({
      same: 0,
      onlyInFile: ['N'],
      onlyInVault: ['Card'],
      changed: [],
    });
  });

  it('counts every item as the same when the backup holds the vault as it is', () => {
    const items = [login('1', 'Bank'), login('2', 'Mail'), note('3', 'Wifi', 'hunter2')];
    expect(diffBackup(vaultOf(items), vaultOf(structuredClone(items)))).toEqual({
      same: 3,
      onlyInFile: [],
      onlyInVault: [],
      changed: [],
    });
  });

  it('reports nothing for an empty backup of an empty vault', () => {
    expect(diffBackup(vaultOf([]), vaultOf([]))).toEqual({
      same: 0,
      onlyInFile: [],
      onlyInVault: [],
      changed: [],
    });
  });

  it('names the items added to the vault since the backup, in the vault order', () => {
    const backup = vaultOf([login('2', 'Mail')]);
    const vault = vaultOf([login('3', 'Shop'), login('2', 'Mail'), login('1', 'Bank')]);
    expect(diffBackup(backup, vault)).toEqual({
      same: 1,
      onlyInFile: [],
      onlyInVault: ['Shop', 'Bank'],
      changed: [],
    });
  });

  it('names the items deleted from the vault since the backup, in the file order', () => {
    const backup = vaultOf([login('3', 'Shop'), login('2', 'Mail'), login('1', 'Bank')]);
    const vault = vaultOf([login('2', 'Mail')]);
    expect(diffBackup(backup, vault)).toEqual({
      same: 1,
      onlyInFile: ['Shop', 'Bank'],
      onlyInVault: [],
      changed: [],
    });
  });

  it('names an item whose password changed since the backup as changed, once', () => {
    const backup = vaultOf([login('1', 'Bank'), login('2', 'Mail')]);
    const vault = vaultOf([
      login('1', 'Bank', {}, { password: 'new password' }),
      login('2', 'Mail'),
    ]);
    expect(diffBackup(backup, vault)).toEqual({
      same: 1,
      onlyInFile: [],
      onlyInVault: [],
      changed: ['Bank'],
    });
  });

  it('names a renamed item by the name it has in the backup', () => {
    const backup = vaultOf([login('1', 'Bank')]);
    const vault = vaultOf([login('1', 'My bank')]);
    expect(diffBackup(backup, vault)).toEqual({
      same: 0,
      onlyInFile: [],
      onlyInVault: [],
      changed: ['Bank'],
    });
  });

  it('recognises logins under other ids, as from another account, by name, username and website', () => {
    const backup = vaultOf([
      login('file-1', 'Bank'),
      login('file-2', 'Mail', {}, { password: 'x' }),
    ]);
    const vault = vaultOf([login('vault-1', 'Bank'), login('vault-2', 'Mail')]);
    expect(diffBackup(backup, vault)).toEqual({
      same: 1,
      onlyInFile: [],
      onlyInVault: [],
      changed: ['Mail'],
    });
  });

  it('cannot pair a note under another id whose text changed: it is in one place only each', () => {
    const backup = vaultOf([note('file-1', 'Wifi', 'old key')]);
    const vault = vaultOf([note('vault-1', 'Wifi', 'new key')]);
    expect(diffBackup(backup, vault)).toEqual({
      same: 0,
      onlyInFile: ['Wifi'],
      onlyInVault: ['Wifi'],
      changed: [],
    });
  });

  it('counts an item in a folder of the same name as the same, whatever the folder ids', () => {
    const backup = vaultOf(
      [login('1', 'Bank', { folderId: 'file-folder' })],
      [{ id: 'file-folder', name: 'Money' }],
    );
    const vault = vaultOf(
      [login('1', 'Bank', { folderId: 'vault-folder' })],
      [{ id: 'vault-folder', name: 'Money' }],
    );
    expect(diffBackup(backup, vault).same).toBe(1);
  });

  it('names an item moved to another folder since the backup as changed', () => {
    const folders = [
      { id: 'f-money', name: 'Money' },
      { id: 'f-work', name: 'Work' },
    ];
    const backup = vaultOf([login('1', 'Bank', { folderId: 'f-money' })], folders);
    const vault = vaultOf([login('1', 'Bank', { folderId: 'f-work' })], folders);
    expect(diffBackup(backup, vault)).toMatchObject({ same: 0, changed: ['Bank'] });
  });

  it('names an item taken out of its folder since the backup as changed', () => {
    const folders = [{ id: 'f-money', name: 'Money' }];
    const backup = vaultOf([login('1', 'Bank', { folderId: 'f-money' })], folders);
    const vault = vaultOf([login('1', 'Bank')], folders);
    expect(diffBackup(backup, vault)).toMatchObject({ same: 0, changed: ['Bank'] });
  });

  it('treats a folder id the file does not list as no folder', () => {
    const backup = vaultOf([login('1', 'Bank', { folderId: 'missing-folder' })], []);
    const vault = vaultOf([login('1', 'Bank')]);
    expect(diffBackup(backup, vault).same).toBe(1);
  });

  it('reports additions, deletions and changes together', () => {
    const backup = vaultOf([
      login('1', 'Bank'),
      login('2', 'Mail'),
      note('3', 'Wifi', 'old key'),
      login('4', 'Old shop'),
    ]);
    const vault = vaultOf([
      login('5', 'New shop'),
      note('3', 'Wifi', 'new key'),
      login('1', 'Bank'),
      login('2', 'Mail', { favorite: true }),
    ]);
    expect(diffBackup(backup, vault)).toEqual({
      same: 1,
      onlyInFile: ['Old shop'],
      onlyInVault: ['New shop'],
      changed: ['Mail', 'Wifi'],
    });
  });
});
