/**
 * Issue #11 in Firefox: every export kind, downloaded through the background page, leaves no
 * trace of the vault in the profile (places, form history, caches, storage) and no entry in the
 * browser's download list.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exactly, savedFileName, waitForDownload } from './downloads';
import { FirefoxPopup } from './firefox-popup';
import { launchFirefox, type FirefoxSession } from './launch-firefox';
import { scanForMarker, type DownloadsApi } from './profile-scan';

const MARKER = 'CofferTraceMarkerFx5Rt8Nw2Qe';
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'trace.firefox@example.com';

describe('No trace in Firefox', () => {
  let session: FirefoxSession | undefined;
  afterAll(async () => {
    await session?.close().catch(() => undefined);
  });

  it('every export kind leaves the marker nowhere in the profile, and no download entry', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-ff-profile-'));
    session = await launchFirefox({ userDataDir: profile });
    const popup = new FirefoxPopup(session.popup);
    await popup.waitForText(/Create your Coffer account/);
    await popup.fill('Email address', EMAIL);
    await popup.fill('Master password', PASSWORD);
    await popup.fill('Confirm master password', PASSWORD);
    await popup.click('Create account');
    await popup.click('New item');
    await popup.waitForText(/Authenticator key/);
    await popup.fill('Name', `Login ${MARKER}`);
    await popup.fill('Username', `user-${MARKER}`);
    await popup.fill('Password', `pw-${MARKER}`);
    await popup.fill('Notes', `note ${MARKER}`);
    await popup.click('Save');
    await popup.waitForText(/Updated: /);
    await popup.click('Back');

    const kinds = [
      { format: '.json' },
      { format: '.csv' },
      { format: '.json (Encrypted)', type: 'Account restricted' },
      { format: '.json (Encrypted)', type: 'Password protected', filePassword: 'file pw 4711 x' },
    ];
    for (const kind of kinds) {
      await popup.click('Settings');
      await popup.click('Export Vault');
      await popup.select('File Format', kind.format);
      if (kind.type) await popup.click(kind.type);
      if (kind.filePassword) {
        await popup.fill('File password', kind.filePassword);
        await popup.fill('Confirm file password', kind.filePassword);
      }
      await popup.fill('Master password', PASSWORD);
      await popup.click('Export Vault', { within: 'form' });
      await popup.click('Export Vault', { within: 'dialog' });
      const name = savedFileName(await popup.waitForText(/^Saved \S+ \(/, 'status'));
      const file = await waitForDownload(session.downloadsDir, exactly(name));
      expect(file.text.includes(MARKER)).toBe(kind.type === undefined);
      await popup.click('Back');
    }

    const entries = await session.popup.evaluate(async () => {
      const api = (globalThis as unknown as { browser: DownloadsApi }).browser;
      return (await api.downloads.search({})).map((d) => d.filename);
    });
    await session.close();
    session = undefined;
    const hits = scanForMarker(profile, MARKER);
    expect({ entries, hits }).toEqual({ entries: [], hits: [] });
    // The scan does read where the vault lives: the account's email is stored in clear.
    expect(scanForMarker(profile, EMAIL).length).toBeGreaterThan(0);
  });
});
