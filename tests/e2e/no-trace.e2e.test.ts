/**
 * Issue #11 in Chromium: exports leave no trace of the vault in the browser profile, and the
 * "Immediately" vault timeout holds across a service-worker restart.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { markedFile } from './marked-file';
import { POPUP_RECONNECT_GRACE_MS } from '@/src/background/vault-timeout';
import { MASTER_PASSWORD, createAccount } from './account-flow';
import { exactly, waitForDownload } from './downloads';
import { addAttachment } from './attachment-flow';
import { everyExportKind, exportThroughPopup, exportedText, isPlainExport } from './export-flow';
import { addItem } from './item-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { scanForMarker, type DownloadsApi } from './profile-scan';
import { sendRequest } from './protocol';

/** Unique, so a hit anywhere in the profile can only come from the vault. */
const MARKER = 'CofferTraceMarker7q2ZkXw9Lp4';
const EMAIL = 'trace.chromium@example.com';

describe('No trace in Chromium', () => {
  const sessions: ExtensionSession[] = [];
  afterAll(async () => {
    for (const session of sessions) await session.close().catch(() => undefined);
  });

  it('every export kind leaves the marker nowhere in the profile, and no download entry', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, EMAIL);
    await addItem(popup, {
      type: 'Login',
      name: `Login ${MARKER}`,
      fields: {
        Username: `user-${MARKER}`,
        Password: `pw-${MARKER}`,
        URI: `https://${MARKER}.example`,
      },
      notes: `note ${MARKER}`,
    });
    await addItem(popup, { type: 'Secure note', name: 'Plain note', fields: {}, notes: MARKER });
    // An attachment whose name and content carry the marker. It is not saved back here: Chromium
    // keeps a saved file's name in its download database (Default/shared_proto_db) even after
    // the entry is erased, and that name is the person's own choice to put on disk.
    const attachment = markedFile(MARKER);
    await addAttachment(popup, `Login ${MARKER}`, attachment.path, attachment.name);
    await popup.click('Back');

    for (const kind of everyExportKind('file password 4711')) {
      const name = await exportThroughPopup(popup, kind, MASTER_PASSWORD);
      const file = await waitForDownload(session.downloadsDir, exactly(name));
      // The plain files hold the marker (that is their point); the files alone may.
      const text = exportedText(kind, fs.readFileSync(file.path));
      expect({ format: kind.format, marker: text.includes(MARKER) }).toEqual({
        format: kind.format,
        marker: isPlainExport(kind),
      });
    }

    // Every download was erased from the browser's list once it completed.
    const worker = await session.serviceWorker();
    const entries = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: DownloadsApi }).chrome.downloads.search({}),
    );

    // Quit, so that every database is written out, then read the whole profile.
    await session.close();
    const hits = scanForMarker(session.userDataDir, MARKER, [session.downloadsDir]);
    expect({ entries: entries.map((e) => e.filename), hits }).toEqual({ entries: [], hits: [] });
    // The scan does read where the vault lives: the account's email is stored in clear.
    expect(scanForMarker(session.userDataDir, EMAIL).length).toBeGreaterThan(0);
  });

  it('"Immediately" still locks when the popup closes after the service worker was stopped', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'timeout@example.com');
    await popup.click('Settings', { role: 'tab' });
    await popup.select('Vault timeout', 'Immediately (when the popup closes)');
    await popup.waitForText(/Vault timeout/, 'status');

    const worker = await session.serviceWorker();
    const startedAt = () => worker.evaluate(() => performance.timeOrigin);
    const before = await startedAt();
    await session.stopServiceWorker(popup.page);
    // The open popup reconnects at once and so claims the new worker. That worker answers only
    // once it is ready, and it has set its grace timer for popups (POPUP_RECONNECT_GRACE_MS)
    // by then; a timer as long set in it afterwards fires after that one: the grace has passed.
    expect(await sendRequest(popup.page, 'getStatus')).toMatchObject({
      ok: true,
      value: { state: 'unlocked' },
    });
    expect(await startedAt()).toBeGreaterThan(before);
    await worker.evaluate(
      (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      POPUP_RECONNECT_GRACE_MS,
    );
    expect(await sendRequest(popup.page, 'getStatus')).toMatchObject({
      ok: true,
      value: { state: 'unlocked' },
    });
    await popup.click('Vault', { role: 'tab' });
    await popup.waitFor('New item');

    await popup.page.close();
    const reopened = new PopupPage(await session.openPopup());
    await reopened.waitFor('Unlock', { timeout: 10_000 });
    expect(await reopened.button('New item').count()).toBe(0);
  });
});
