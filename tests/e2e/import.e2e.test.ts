/**
 * Issue #6 end to end in Chromium: each kind of Bitwarden file imported through the popup (a real
 * file chosen in the "Choose File" input), a wrong file password and a tampered file refused with
 * nothing changed, and a service worker stopped in the middle of a large import leaving the vault
 * either untouched or fully imported.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath, readFixtureJson, readTruth } from '../helpers/fixtures';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { seedVault } from './seed-vault';

async function openImport(session: ExtensionSession): Promise<PopupPage> {
  const truth = readTruth('pbkdf2');
  await seedVault(session, truth, [], []);
  const popup = new PopupPage(await session.openPopup());
  await popup.unlock(truth.account.masterPassword);
  await popup.button('New item').waitFor({ timeout: 60_000 });
  await popup.page.getByRole('tab', { name: 'Settings', exact: true }).click();
  await popup.button('Import Data').click();
  await popup.page.getByRole('heading', { name: 'Import Data', exact: true }).waitFor();
  return popup;
}

async function itemCount(popup: PopupPage): Promise<number> {
  return (await popup.itemNames()).length;
}

function tempFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-import-')), name);
  fs.writeFileSync(file, text);
  return file;
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
    await popup.field('File Format').selectOption({ label: format });
    await popup.field('Choose File').setInputFiles(fixturePath('pbkdf2', file));
    await popup.button('Import Data').click();
    if (password) {
      await popup.field('File password').fill(readTruth('pbkdf2').password);
      await popup.button('Confirm').click();
    }
    await popup.page
      .getByText(new RegExp(`^${expected} items, \\d folders$`))
      .waitFor({ timeout: 60_000 });
    await popup.button('Confirm import').click();
    const status = popup.page.getByRole('status').filter({ hasText: 'Imported' });
    await status.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toMatch(new RegExp(`^Imported ${expected} items\\.`));
    expect(await itemCount(popup)).toBe(expected);
  });

  it('refuses a wrong file password and a tampered file, and changes nothing', async () => {
    session = await launchExtension();
    const popup = await openImport(session);
    await popup
      .field('Choose File')
      .setInputFiles(fixturePath('pbkdf2', 'sdk-password-protected.json'));
    await popup.button('Import Data').click();
    await popup.field('File password').fill('not the file password');
    await popup.button('Confirm').click();
    await popup.page.getByRole('alert').filter({ hasText: 'Wrong file password' }).waitFor();

    const tampered = readFixtureJson<{ items: { login?: { password: string } }[] }>(
      'pbkdf2',
      'assembled-account.json',
    );
    const enc = tampered.items[0]!.login!.password;
    tampered.items[0]!.login!.password = `${enc.slice(0, 10)}${enc[10] === 'A' ? 'B' : 'A'}${enc.slice(11)}`;
    await popup
      .field('Choose File')
      .setInputFiles(tempFile('tampered.json', JSON.stringify(tampered)));
    await popup.button('Import Data').click();
    const alert = popup.page.getByRole('alert');
    await alert.filter({ hasText: 'item 1, login.password' }).waitFor();
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
    await popup
      .field('Choose File')
      .setInputFiles(
        tempFile('large.json', JSON.stringify({ encrypted: false, folders: [], items })),
      );
    await popup.button('Import Data').click();
    await popup.page.getByText('3000 items, 0 folders').waitFor({ timeout: 60_000 });
    await popup.button('Confirm import').click();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const cdp = await session.context.newCDPSession(popup.page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const again = new PopupPage(await session.openPopup());
    await again.button('New item').waitFor({ timeout: 60_000 });
    const count = await itemCount(again);
    expect([0, 3000]).toContain(count);
  });
});
