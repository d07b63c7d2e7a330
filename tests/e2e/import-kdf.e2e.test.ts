/**
 * Issue 11 in Chromium: a password-protected file with strong Argon2id settings is opened in a
 * Worker (made by the offscreen document), so while its key is derived the vault still answers
 * another popup; Cancel stops the derivation and returns to the file password; the import then
 * reuses the preview's opened file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { readTruth } from '../helpers/fixtures';
import { protectWithPassword } from '../helpers/file-key-derivers';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { seedVault } from './seed-vault';

const FILE_PASSWORD = 'a strong file password';
const OPENING = 'Opening the file… this can take a while with strong file settings.';

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

async function protectedFile(kdf: KdfConfig, count: number): Promise<string> {
  const items = Array.from({ length: count }, (_, i) => ({
    type: 1,
    name: `Strong file login ${i}`,
    login: { username: `user${i}`, password: `password-${i}`, uris: [] },
  }));
  const plain = JSON.stringify({ encrypted: false, folders: [], items });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-kdf-'));
  const file = path.join(dir, 'strong.json');
  fs.writeFileSync(file, await protectWithPassword(plain, FILE_PASSWORD, kdf));
  return file;
}

async function confirmPassword(popup: PopupPage, file: string): Promise<void> {
  await popup.field('Choose File').setInputFiles(file);
  await popup.button('Import Data').click();
  await popup.field('File password').fill(FILE_PASSWORD);
  await popup.button('Confirm').click();
}

describe('a password-protected file with strong Argon2id settings in Chromium', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('keeps the vault answering while the key is derived, cancels, then imports', async () => {
    session = await launchExtension();
    const popup = await openImport(session);
    const file = await protectedFile(
      { type: 'argon2id', iterations: 10, memoryMiB: 256, parallelism: 4 },
      5,
    );

    // Cancel while deriving: back to the file password, no alert, nothing imported.
    await confirmPassword(popup, file);
    await popup.page.getByRole('status').filter({ hasText: OPENING }).waitFor();
    await popup.button('Cancel').click();
    await popup.page
      .getByRole('status')
      .filter({ hasText: OPENING })
      .waitFor({ state: 'detached' });
    expect(await popup.page.getByRole('alert').count()).toBe(0);
    expect(await popup.button('Confirm').isEnabled()).toBe(true);
    expect(await popup.page.getByText(/items, \d+ folders$/).count()).toBe(0);

    // Again, and meanwhile another popup opens on the vault list.
    const started = Date.now();
    await popup.button('Confirm').click();
    const opening = popup.page.getByRole('status').filter({ hasText: OPENING });
    await opening.waitFor();
    const previewShown = popup.page
      .getByText(/^5 items, 0 folders$/)
      .waitFor({ timeout: 120_000 })
      .then(() => Date.now());
    const other = new PopupPage(await session.openPopup());
    await other.button('New item').waitFor({ timeout: 60_000 });
    const listAnswered = Date.now();
    // The first popup is still opening the file: the list did not wait for the derivation.
    expect(await opening.isVisible()).toBe(true);
    const previewAt = await previewShown;
    expect(listAnswered).toBeLessThan(previewAt);
    console.warn(
      `Argon2id 256 MiB, 10 iterations, 4 lanes: preview after ${previewAt - started} ms`,
    );

    await popup.button('Confirm import').click();
    const status = popup.page.getByRole('status').filter({ hasText: 'Imported' });
    await status.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toMatch(/^Imported 5 items\./);
    expect(await popup.itemNames()).toHaveLength(5);
  });
});
