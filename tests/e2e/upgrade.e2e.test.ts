/**
 * An update of Coffer in Chromium over a vault the previous Coffer wrote (database version 6, an
 * item per record): the new service worker upgrades the database to version 7 (items in pages).
 * The store tests (upgrade-from-v6) run the same ladder in fake-indexeddb; this runs it where
 * people's vaults are, in Chromium's own IndexedDB (its structured clone, its transactions'
 * commit timing) from a service worker starting up, and reads the result through the popup.
 * Nothing may be lost: every item in its order, the attachment's bytes, the settings, the last
 * export and the generator's history.
 *
 * The old database is the store tests' dump of a real version 6 database. A stand-in extension
 * in the same folder puts it in place (the folder names the extension, so its storage is the
 * one Coffer will open), the browser is quit, today's build is copied over the folder, and the
 * browser is started again: what Chromium does when an unpacked extension's files change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAttachmentZip } from '@/src/formats/attachment-zip-read';
import { dumpFromJson, restoreDumpText } from '../helpers/database-dump';
import { readFixtureText, readTruth } from '../helpers/fixtures';
import { attachmentItemId, dumpedItemsInOrder, V6_FIXTURE } from '../helpers/store-fixtures';
import { unlockVault } from './account-flow';
import { exactly, waitForDownload } from './downloads';
import { exportThroughPopup } from './export-flow';
import { EXTENSION_DIR, launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { sendRequest } from './protocol';
import { makeTempDir } from '../helpers/temp-dirs';

const DUMP = new URL('../fixtures/store/coffer-db-v6.json', import.meta.url);
const truth = readTruth('pbkdf2');
const PASSWORD = truth.account.masterPassword;

let session: ExtensionSession | undefined;
let extensionDir: string | undefined;

afterEach(async () => {
  await session?.close().catch(() => undefined);
  if (extensionDir) fs.rmSync(extensionDir, { recursive: true, force: true });
  session = extensionDir = undefined;
});

/**
 * Today's build as an older version whose service worker does nothing (so that nothing opens the
 * database before the old one is in place), with a page to write it from. Chromium takes up the
 * new service worker at the update only when both the version and the script's name change.
 */
function stageStandIn(dir: string, build: string): void {
  fs.cpSync(build, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(build, 'manifest.json'), 'utf8')) as object;
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ ...manifest, version: '0.0.0.1', background: { service_worker: 'old.js' } }),
  );
  fs.writeFileSync(path.join(dir, 'old.js'), '');
  fs.writeFileSync(path.join(dir, 'restore.html'), '<!doctype html><title>restore</title>');
}

/** The update: today's build copied over the folder, and the stand-in's own files gone. */
function updateTo(dir: string, build: string): void {
  for (const entry of fs.readdirSync(dir)) {
    if (!fs.existsSync(path.join(build, entry))) fs.rmSync(path.join(dir, entry));
  }
  fs.cpSync(build, dir, { recursive: true });
}

/**
 * For a moment after a start that updated an unpacked extension, Chromium may hand the service
 * worker it runs no message at all, then or later, until that worker has been stopped (seen with
 * an empty vault too, so not Coffer's doing; an update from a store reloads the extension, which
 * the stop stands for). Asks the background's status until it answers, stopping the worker
 * between tries.
 */
async function untilMessagesArrive(running: ExtensionSession): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const page = await running.openPopup();
    const answered = await Promise.race([
      sendRequest(page, 'getStatus').then(() => true),
      page.waitForTimeout(3_000).then(() => false),
    ]);
    if (!answered) await running.stopServiceWorker(page);
    await page.close();
    if (answered) return;
  }
  throw new Error('The updated extension answered no message in five tries');
}

describe('an update of Coffer over a version 6 database (Chromium)', () => {
  it('unlocks the upgraded vault with every item in its order, the attachment, settings and histories', async () => {
    const dumpText = fs.readFileSync(DUMP, 'utf8');
    const dump = dumpFromJson(dumpText);
    expect(dump.version).toBe(6);
    const oldOrder = dumpedItemsInOrder(dump).map((item) => item.id);

    extensionDir = makeTempDir('e2e-extension');
    stageStandIn(extensionDir, EXTENSION_DIR);
    session = await launchExtension({ extensionDir });
    const standIn = await session.context.newPage();
    await standIn.goto(`chrome-extension://${session.extensionId}/restore.html`);
    expect(await standIn.evaluate(restoreDumpText, dumpText)).toBe(6);
    const id = session.extensionId;

    await session.relaunch(() => updateTo(extensionDir!, EXTENSION_DIR));
    // The same folder, so the same extension and the same storage, now running today's Coffer.
    expect(session.extensionId).toBe(id);
    await untilMessagesArrive(session);
    const popup = new PopupPage(await session.openPopup());
    await popup.waitFor('Unlock');
    await unlockVault(popup, PASSWORD);
    // The export the old vault had made is still the last one.
    expect(await sendRequest(popup.page, 'getBackupStatus')).toMatchObject({
      ok: true,
      value: { lastExport: { format: 'json', itemCount: oldOrder.length } },
    });

    // The whole vault, attachment included, out through the popup as a person would check it.
    const name = await exportThroughPopup(popup, { format: '.zip (with attachments)' }, PASSWORD);
    const file = await waitForDownload(session.downloadsDir, exactly(name));
    const zip = readAttachmentZip(new Uint8Array(fs.readFileSync(file.path)));
    const exported = JSON.parse(zip.dataJson) as { items: { id: string }[]; folders: unknown[] };
    expect(exported.items.map((item) => item.id)).toEqual(oldOrder);

    // The vault the dump began from (the SDK's plain export) comes out as the SDK wrote it.
    const sdk = JSON.parse(readFixtureText('pbkdf2', 'sdk-plain.json')) as typeof exported;
    expect(exported.folders).toEqual(sdk.folders);
    // The item given the attachment was changed then: its revision date is the attachment's.
    const itemId = attachmentItemId(truth);
    const withoutRevision = (item: { id: string }) =>
      item.id === itemId ? { ...item, revisionDate: null } : item;
    expect(exported.items.slice(0, sdk.items.length).map(withoutRevision)).toEqual(
      sdk.items.map(withoutRevision),
    );
    expect(
      zip.attachments.map((a) => ({ itemId: a.itemId, fileName: a.fileName, bytes: a.read() })),
    ).toEqual([{ itemId, fileName: V6_FIXTURE.fileName, bytes: V6_FIXTURE.content }]);

    expect(await sendRequest(popup.page, 'getSettings')).toMatchObject({
      ok: true,
      value: V6_FIXTURE.settings,
    });
    expect(await sendRequest(popup.page, 'generatorHistory')).toMatchObject({
      ok: true,
      value: [{ value: V6_FIXTURE.generated }],
    });
    expect(await sendRequest(popup.page, 'getBackupStatus')).toMatchObject({
      ok: true,
      value: { lastExport: { format: 'zip', itemCount: oldOrder.length } },
    });
  });
});
