/**
 * The download must provably land: success is reported only for a file on disk, also when the
 * popup is closed mid-export, and a download the browser cannot finish is reported as failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MASTER_PASSWORD, createAccount } from './account-flow';
import { exportName, waitForDownload } from './downloads';
import { fillExportForm } from './export-flow';
import { addItem } from './item-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { escapeRegExp } from './popup-driver';
import { PopupPage } from './popup-page';
import { openSettings } from './settings-flow';
import { makeTempDir } from '../helpers/temp-dirs';

async function accountWithItems(session: ExtensionSession): Promise<PopupPage> {
  const popup = new PopupPage(await session.openPopup());
  await createAccount(popup, 'downloads@example.com');
  await addItem(popup, {
    type: 'Login',
    name: 'Bank',
    fields: { Username: 'alice', Password: 'pw-123' },
  });
  return popup;
}

async function startJsonExport(popup: PopupPage): Promise<void> {
  await fillExportForm(popup, { format: '.json' }, MASTER_PASSWORD);
  await popup.click('Export Vault', { within: 'dialog' });
}

describe('downloads', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('land, and are recorded, when the popup closes right after the export starts', async () => {
    session = await launchExtension();
    const popup = await accountWithItems(session);
    await startJsonExport(popup);
    await popup.page.close();
    const file = await waitForDownload(session.downloadsDir, exportName('coffer_export', 'json'));
    expect(JSON.parse(file.text).items[0].name).toBe('Bank');
    // Reopened, the Export view names the file that was saved.
    const again = new PopupPage(await session.openPopup());
    await openSettings(again, 'Export Vault');
    await again.waitForText(new RegExp(`— ${escapeRegExp(file.name)} \\(\\.json, 1 item\\)`));
  });

  it('that the browser cannot finish are reported as failed, and nothing is recorded', async () => {
    // The downloads "folder" is a file, so Chromium cannot write there: the download is interrupted.
    const blocked = path.join(makeTempDir('e2e-blocked'), 'not-a-folder');
    fs.writeFileSync(blocked, 'this is a file');
    session = await launchExtension({ downloadsDir: blocked });
    const popup = await accountWithItems(session);
    await startJsonExport(popup);
    expect(await popup.waitForText(/./, 'alert')).toMatch(
      /^The download was interrupted \(.+\); no backup file was saved\.$/,
    );
    expect(await popup.page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(0);
    expect(await popup.page.getByText('No export made yet.').count()).toBe(1);
    expect(fs.statSync(blocked).isFile()).toBe(true);
  });
});
