/**
 * Issue #6 end to end in Chromium: each kind of Bitwarden file imported through the popup (a real
 * file chosen in the "Choose File" input), a wrong file password and a tampered file refused with
 * nothing changed, and a service worker stopped in the middle of a large import leaving the vault
 * either untouched or fully imported.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath, readFixtureJson, readTruth } from '../helpers/fixtures';
import {
  confirmImport,
  fileToImport,
  giveFilePassword,
  openImportData,
  previewImport,
  submitImportFile,
} from './import-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { openSeededVault } from './seed-vault';

/** An empty vault of the pbkdf2 fixture's account, unlocked, on the Import Data view. */
async function openImport(session: ExtensionSession): Promise<PopupPage> {
  const popup = await openSeededVault(session, readTruth('pbkdf2'));
  await openImportData(popup);
  return popup;
}

async function itemCount(popup: PopupPage): Promise<number> {
  return (await popup.itemNames()).length;
}

describe('Import Data in Chromium', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it.each([
    ['sdk-plain.json', 'Bitwarden (json)', undefined, 22],
    ['sdk-password-protected.json', 'Bitwarden (json)', 'password', 22],
    ['assembled-account.json', 'Bitwarden (json)', undefined, 22],
    ['sdk.csv', 'Bitwarden (csv)', undefined, 14],
  ] as const)('imports %s', async (file, format, password, expected) => {
    session = await launchExtension();
    const popup = await openImport(session);
    const preview = await previewImport(popup, {
      path: fixturePath('pbkdf2', file),
      format,
      filePassword: password ? readTruth('pbkdf2').password : undefined,
    });
    expect(preview).toMatch(new RegExp(`^${expected} items, \\d folders$`));
    const status = await confirmImport(popup);
    expect(status).toMatch(new RegExp(`^Imported ${expected} items\\.`));
    expect(await itemCount(popup)).toBe(expected);
  });

  it('refuses a wrong file password and a tampered file, and changes nothing', async () => {
    session = await launchExtension();
    const popup = await openImport(session);
    await submitImportFile(popup, { path: fixturePath('pbkdf2', 'sdk-password-protected.json') });
    await giveFilePassword(popup, 'not the file password');
    await popup.waitForText(/Wrong file password/, 'alert');

    const tampered = readFixtureJson<{ items: { login?: { password: string } }[] }>(
      'pbkdf2',
      'assembled-account.json',
    );
    const enc = tampered.items[0]!.login!.password;
    tampered.items[0]!.login!.password = `${enc.slice(0, 10)}${enc[10] === 'A' ? 'B' : 'A'}${enc.slice(11)}`;
    await submitImportFile(popup, {
      path: fileToImport('tampered.json', JSON.stringify(tampered)),
    });
    await popup.waitForText(/item 1, login\.password/, 'alert');
    expect(await itemCount(popup)).toBe(0);
  });

  it('leaves the vault untouched or fully imported when the service worker stops mid-import', async () => {
    session = await launchExtension();
    const popup = await openImport(session);
    const items = Array.from({ length: 3000 }, (_, i) => ({
      type: 1,
      name: `Imported login ${i}`,
      login: {
        username: `user${i}`,
        password: `password-${i}`,
        uris: [{ uri: `https://site${i}.example`, match: null }],
      },
      notes: 'x'.repeat(200),
    }));
    const preview = await previewImport(popup, {
      path: fileToImport('large.json', JSON.stringify({ encrypted: false, folders: [], items })),
    });
    expect(preview).toBe('3000 items, 0 folders');
    await popup.click('Confirm import');
    // The background has planned the import and reports its progress (or has already ended).
    await popup.waitForText(/^Importing… \d+ of 3000 items$|^Imported /, 'status');
    await session.stopServiceWorker(popup.page);
    const again = new PopupPage(await session.openPopup());
    await again.waitFor('New item');
    const count = await itemCount(again);
    expect([0, 3000]).toContain(count);
  });
});
