/**
 * Issue #11 in Firefox: every export kind, downloaded through the background page, leaves no
 * trace of the vault in the profile (places, form history, caches, storage) and no entry in the
 * browser's download list.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount } from './account-flow';
import { exactly, waitForDownload } from './downloads';
import { addAttachment, saveAttachment } from './attachment-flow';
import { everyExportKind, exportThroughPopup, exportedText, isPlainExport } from './export-flow';
import { FirefoxPopup } from './firefox-popup';
import { addItem } from './item-flow';
import { launchFirefox, type FirefoxSession } from './launch-firefox';
import { markedFile } from './marked-file';
import { scanForMarker, type DownloadsApi } from './profile-scan';
import { makeTempDir } from '../helpers/temp-dirs';

const MARKER = 'CofferTraceMarkerFx5Rt8Nw2Qe';
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'trace.firefox@example.com';

describe('No trace in Firefox', () => {
  let session: FirefoxSession | undefined;
  afterAll(async () => {
    await session?.close().catch(() => undefined);
  });

  it('every export kind leaves the marker nowhere in the profile, and no download entry', async () => {
    const profile = makeTempDir('ff-profile');
    session = await launchFirefox({ userDataDir: profile });
    const popup = new FirefoxPopup(session.popup);
    await popup.waitFor('Create your Coffer account', { role: 'heading' });
    await createAccount(popup, EMAIL, { password: PASSWORD });
    await addItem(popup, {
      type: 'Login',
      name: `Login ${MARKER}`,
      fields: { Username: `user-${MARKER}`, Password: `pw-${MARKER}` },
      notes: `note ${MARKER}`,
    });
    // An attachment whose name and content carry the marker, saved back once.
    const attachment = markedFile(MARKER);
    await addAttachment(popup, `Login ${MARKER}`, attachment.path, attachment.name);
    await waitForDownload(
      session.downloadsDir,
      exactly(await saveAttachment(popup, attachment.name)),
    );
    await popup.click('Back');

    for (const kind of everyExportKind('file pw 4711 x')) {
      const name = await exportThroughPopup(popup, kind, PASSWORD);
      const file = await waitForDownload(session.downloadsDir, exactly(name));
      const text = exportedText(kind, fs.readFileSync(file.path));
      expect({ format: kind.format, marker: text.includes(MARKER) }).toEqual({
        format: kind.format,
        marker: isPlainExport(kind),
      });
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
