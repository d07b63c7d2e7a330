/**
 * A vault written by the Coffer of the first round (database version 3), as IndexedDB held it,
 * must open in today's Coffer with nothing lost: the same items, folders, settings and backup
 * history, readable with the same master password. The fixture is a dump of a real database that
 * code wrote (the Bitwarden SDK fixture's vault, an export made, settings changed), kept in
 * tests/fixtures/store; restoring it involves none of today's schema code.
 *
 * COFFER_WRITE_STORE_FIXTURE=1 writes the dump again from the code checked out: only ever do that
 * on a commit whose database version is the one the file name says.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION } from '@/src/store/schema';
import { createTestBackground } from '../helpers/background';
import { dumpDatabase, restoreDatabase, type DatabaseDump } from '../helpers/database-dump';
import { readTruth } from '../helpers/fixtures';
import { truthFolders, truthItems } from '../helpers/truth-items';
import { loadTruthVault } from '../helpers/truth-vault';
import { comparable, readVault } from '../helpers/vault-snapshot';

const FIXTURE = new URL('../fixtures/store/coffer-db-v3.json', import.meta.url);
const SETTINGS_CHANGED = { vaultTimeout: 60, backupReminderDays: 14, clearClipboard: 120 } as const;

describe.runIf(process.env.COFFER_WRITE_STORE_FIXTURE === '1')('store fixture', () => {
  it('is written from a vault made by the code checked out', async () => {
    const vault = await loadTruthVault('pbkdf2');
    await vault.client.updateSettings(SETTINGS_CHANGED);
    await vault.client.exportVault({
      format: 'json',
      masterPassword: vault.truth.account.masterPassword,
    });
    const dump = await dumpDatabase(DB_NAME);
    expect(dump.version).toBe(3);
    writeFileSync(FIXTURE, `${JSON.stringify(dump, null, 1)}\n`);
  });
});

describe('a database written by Coffer version 3', () => {
  it('opens at the current version with every item, folder, setting and backup kept', async () => {
    const dump = JSON.parse(readFileSync(FIXTURE, 'utf8')) as DatabaseDump;
    const truth = readTruth('pbkdf2');
    expect(dump.version).toBe(3);
    await restoreDatabase(dump);
    const background = await createTestBackground();
    const status = await background.client.unlock({ masterPassword: truth.account.masterPassword });
    expect(status.state).toBe('unlocked');

    const { items, folders } = await readVault(background.client, truth.account.masterPassword);
    const expected = truthItems(truth);
    expect(items).toHaveLength(expected.length);
    expect(comparable(items, folders)).toEqual(comparable(expected, truthFolders(truth)));

    expect(await background.client.getSettings()).toMatchObject(SETTINGS_CHANGED);
    const history = await background.ctx.store.listBackups();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ format: 'json' });

    const upgraded = await dumpDatabase(DB_NAME);
    expect(upgraded.version).toBe(DB_VERSION);
    // Version 4's attachment stores are there, with their indexes, and empty.
    const added = upgraded.stores.filter((s) => s.name.startsWith('attachment'));
    expect(added.map((s) => [s.name, s.keyPath, s.indexes.map((i) => i.name), s.records])).toEqual([
      ['attachmentData', 'id', [], []],
      ['attachments', 'id', ['by-item', 'by-seq'], []],
    ]);
  });
});
