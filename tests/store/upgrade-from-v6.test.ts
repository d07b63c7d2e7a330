/**
 * A vault written by the Coffer whose items were one record each (database version 6) must open
 * in today's Coffer, where items live in pages (version 7), with nothing lost or reordered: every
 * item record exactly as it was, in the vault's order; folders, attachment, settings, backup
 * history and the generator's history kept. The fixture is a dump
 * of a real database that code wrote (the Bitwarden SDK fixture's vault, its plain export
 * imported six more times as new items, an attachment, an export, settings changed, a generated
 * password remembered), kept in tests/fixtures/store; restoring it involves none of today's
 * schema code.
 *
 * COFFER_WRITE_STORE_FIXTURE=1 writes the dump again from the code checked out: only ever do that
 * on a commit whose database version is the one the file name says.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '@/src/store/item-pages';
import { DB_NAME, DB_VERSION } from '@/src/store/schema';
import { createTestBackground } from '../helpers/background';
import { dumpDatabase, dumpFromJson, dumpToJson, restoreDatabase } from '../helpers/database-dump';
import { readFixtureText, readTruth } from '../helpers/fixtures';
import {
  attachFixtureFile,
  attachmentItemId,
  dumpedItemsInOrder,
  expectFixtureFileKept,
  V6_FIXTURE,
} from '../helpers/store-fixtures';
import { truthFolders, truthItems } from '../helpers/truth-items';
import { loadTruthVault } from '../helpers/truth-vault';
import { comparable, readVault } from '../helpers/vault-snapshot';

const FIXTURE = new URL('../fixtures/store/coffer-db-v6.json', import.meta.url);
const { fileName: FILE_NAME, content: CONTENT, generated: GENERATED } = V6_FIXTURE;
/** The SDK's plain export imported this many more times, every item as a new one. */
const COPIES = 6;

describe.runIf(process.env.COFFER_WRITE_STORE_FIXTURE === '1')('store fixture', () => {
  it('is written from a vault made by the code checked out', async () => {
    const vault = await loadTruthVault('pbkdf2');
    const content = readFixtureText('pbkdf2', 'sdk-plain.json');
    for (let copy = 0; copy < COPIES; copy++) {
      await vault.client.importVault({ format: 'bitwarden_json', content, duplicates: 'all' });
    }
    await vault.client.updateSettings(V6_FIXTURE.settings);
    await attachFixtureFile(vault, FILE_NAME, CONTENT);
    await vault.client.rememberGenerated({ value: GENERATED, kind: 'password' });
    await vault.client.exportVault({
      format: 'json',
      masterPassword: vault.truth.account.masterPassword,
    });
    const dump = await dumpDatabase(DB_NAME);
    expect(dump.version).toBe(6);
    writeFileSync(FIXTURE, dumpToJson(dump));
  });
});

describe('a database written by Coffer version 6', () => {
  it('opens at the current version with every item where it was, in pages, and the rest kept', async () => {
    const dump = dumpFromJson(readFileSync(FIXTURE, 'utf8'));
    const truth = readTruth('pbkdf2');
    expect(dump.version).toBe(6);
    // The items as version 6 held them, in the vault's order.
    const stored = dumpedItemsInOrder(dump);
    expect(stored.length).toBe(truthItems(truth).length * (COPIES + 1));
    await restoreDatabase(dump);
    const background = await createTestBackground();
    const { client } = background;
    const status = await client.unlock({ masterPassword: truth.account.masterPassword });
    expect(status.state).toBe('unlocked');

    // Byte for byte the same records, in the same order, now in pages.
    expect(await background.ctx.store.listItems()).toEqual(stored);
    const upgraded = await dumpDatabase(DB_NAME);
    expect(upgraded.version).toBe(DB_VERSION);
    expect(upgraded.stores.map((store) => store.name)).not.toContain('items');
    // One page for its 154 items since pages hold 250 (the upgrade across several pages is
    // vault-store.test.ts's, on more items).
    expect(upgraded.stores.find((store) => store.name === 'itemPages')!.records.length).toBe(
      Math.ceil(stored.length / PAGE_SIZE),
    );

    // And every one decrypts to what the SDK's fixture holds, seven times over.
    const { items, folders } = await readVault(client, truth.account.masterPassword);
    expect(items).toHaveLength(stored.length);
    const itemId = attachmentItemId(truth);
    const original = items.filter((item) => truthItems(truth).some((t) => t.id === item.id));
    const withoutRevision = (list: typeof items) =>
      list.map((item) => (item.id === itemId ? { ...item, revisionDate: '' } : item));
    expect(comparable(withoutRevision(original), folders)).toEqual(
      comparable(withoutRevision(truthItems(truth)), truthFolders(truth)),
    );

    await expectFixtureFileKept(background, truth, FILE_NAME, CONTENT);
    expect(await client.getSettings()).toMatchObject(V6_FIXTURE.settings);
    expect(await background.ctx.store.listBackups()).toHaveLength(1);
    expect((await client.generatorHistory()).map((entry) => entry.value)).toEqual([GENERATED]);
  });
});
