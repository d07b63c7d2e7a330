/**
 * A vault written by the Coffer that added attachments (database version 4), as IndexedDB held
 * it, must open in today's Coffer with nothing lost: the same items, folders, settings and backup
 * history, and the attachment's name and bytes, readable with the same master password. The
 * fixture is a dump of a real database that code wrote (the Bitwarden SDK fixture's vault, an
 * attachment added to one item, an export made, settings changed), kept in tests/fixtures/store;
 * restoring it involves none of today's schema code.
 *
 * COFFER_WRITE_STORE_FIXTURE=1 writes the dump again from the code checked out: only ever do that
 * on a commit whose database version is the one the file name says.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION } from '@/src/store/schema';
import { createTestBackground } from '../helpers/background';
import { dumpDatabase, dumpFromJson, dumpToJson, restoreDatabase } from '../helpers/database-dump';
import { readTruth } from '../helpers/fixtures';
import {
  attachFixtureFile,
  attachmentItemId,
  expectFixtureFileKept,
} from '../helpers/store-fixtures';
import { truthFolders, truthItems } from '../helpers/truth-items';
import { loadTruthVault } from '../helpers/truth-vault';
import { comparable, readVault } from '../helpers/vault-snapshot';

const FIXTURE = new URL('../fixtures/store/coffer-db-v4.json', import.meta.url);
const SETTINGS_CHANGED = { vaultTimeout: 60, backupReminderDays: 14, clearClipboard: 120 } as const;
const FILE_NAME = 'fixture attachment (v4).bin';
/** Every byte value, after some text: the content survives as bytes, not as text. */
const CONTENT = new Uint8Array([
  ...new TextEncoder().encode('Coffer database version 4\n'),
  ...Array.from({ length: 256 }, (_, i) => i),
]);

describe.runIf(process.env.COFFER_WRITE_STORE_FIXTURE === '1')('store fixture', () => {
  it('is written from a vault made by the code checked out', async () => {
    const vault = await loadTruthVault('pbkdf2');
    await vault.client.updateSettings(SETTINGS_CHANGED);
    await attachFixtureFile(vault, FILE_NAME, CONTENT);
    await vault.client.exportVault({
      format: 'json',
      masterPassword: vault.truth.account.masterPassword,
    });
    const dump = await dumpDatabase(DB_NAME);
    expect(dump.version).toBe(4);
    writeFileSync(FIXTURE, dumpToJson(dump));
  });
});

describe('a database written by Coffer version 4', () => {
  it('opens at the current version with every item, folder, attachment, setting and backup kept', async () => {
    const dump = dumpFromJson(readFileSync(FIXTURE, 'utf8'));
    const truth = readTruth('pbkdf2');
    expect(dump.version).toBe(4);
    await restoreDatabase(dump);
    const background = await createTestBackground();
    const { client } = background;
    const status = await client.unlock({ masterPassword: truth.account.masterPassword });
    expect(status.state).toBe('unlocked');

    const { items, folders } = await readVault(client, truth.account.masterPassword);
    const expected = truthItems(truth);
    expect(items).toHaveLength(expected.length);
    // The attachment moved its item's revision date on; everything else is as the fixture has it.
    const itemId = attachmentItemId(truth);
    const withoutRevision = (list: typeof items) =>
      list.map((item) => (item.id === itemId ? { ...item, revisionDate: '' } : item));
    expect(comparable(withoutRevision(items), folders)).toEqual(
      comparable(withoutRevision(expected), truthFolders(truth)),
    );

    await expectFixtureFileKept(background, truth, FILE_NAME, CONTENT);

    expect(await client.getSettings()).toMatchObject(SETTINGS_CHANGED);
    const history = await background.ctx.store.listBackups();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ format: 'json' });

    // Stores added since (version 6: the generator's history) start empty and work.
    expect(await client.generatorHistory()).toEqual([]);
    await client.rememberGenerated({ value: 'after the upgrade', kind: 'password' });
    expect((await client.generatorHistory()).map((entry) => entry.value)).toEqual([
      'after the upgrade',
    ]);

    const upgraded = await dumpDatabase(DB_NAME);
    expect(upgraded.version).toBe(DB_VERSION);
  });
});
