/**
 * Issue #14 in Chromium, through the popup: the attachment round trip (attachment-roundtrip.ts),
 * and a save the browser cannot finish reported as failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MASTER_PASSWORD, createAccount } from './account-flow';
import { addAttachment, attachmentRow } from './attachment-flow';
import { attachmentRoundTrip, filesToAttach } from './attachment-roundtrip';
import { addItem } from './item-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { makeTempDir } from '../helpers/temp-dirs';

describe('Attachments in Chromium', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('attach, save, export both zips, delete, import each, save again: byte for byte', async () => {
    session = await launchExtension();
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'attachments@example.com');
    await attachmentRoundTrip(popup, session.downloadsDir, MASTER_PASSWORD);
  });

  it('reports a save the browser cannot finish, and says nothing was saved', async () => {
    // The downloads "folder" is a file, so Chromium cannot write there: the download is interrupted.
    const blocked = path.join(makeTempDir('e2e-blocked'), 'file');
    fs.writeFileSync(blocked, 'this is a file');
    session = await launchExtension({ downloadsDir: blocked });
    const { tiny } = filesToAttach();
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'interrupted@example.com');
    await addItem(popup, { type: 'Secure note', name: 'Keys', fields: {}, notes: 'x' });
    await addAttachment(popup, 'Keys', tiny.path, tiny.name);
    await popup.click('Save', { within: attachmentRow(tiny.name) });
    expect(await popup.waitForText(/interrupted/, 'alert')).toMatch(/The download was interrupted/);
    expect(
      await popup.page
        .getByRole('status')
        .filter({ hasText: /^Saved / })
        .count(),
    ).toBe(0);
  });
});
