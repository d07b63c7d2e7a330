/** Issue #14 in Firefox ESR, through the popup: the attachment round trip (attachment-roundtrip.ts). */
import { afterAll, describe, it } from 'vitest';
import { createAccount } from './account-flow';
import { attachmentRoundTrip } from './attachment-roundtrip';
import { FirefoxPopup } from './firefox-popup';
import { launchFirefox, type FirefoxSession } from './launch-firefox';

const PASSWORD = 'correct horse battery staple';

describe('Attachments in Firefox', () => {
  let session: FirefoxSession | undefined;
  afterAll(async () => {
    await session?.close().catch(() => undefined);
  });

  it('attach, save, export both zips, delete, import each, save again: byte for byte', async () => {
    session = await launchFirefox();
    const popup = new FirefoxPopup(session.popup);
    await popup.waitFor('Create your Coffer account', { role: 'heading' });
    await createAccount(popup, 'attachments.firefox@example.com', { password: PASSWORD });
    await attachmentRoundTrip(popup, session.downloadsDir, PASSWORD);
  });
});
