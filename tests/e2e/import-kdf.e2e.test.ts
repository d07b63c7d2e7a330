/**
 * Issue 11 in Chromium: a password-protected file with strong Argon2id settings is opened in a
 * Worker (made by the offscreen document), so while its key is derived the vault still answers
 * another popup; Cancel stops the derivation and returns to the file password; the import then
 * reuses the preview's opened file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { readTruth } from '../helpers/fixtures';
import { protectWithPassword } from '../helpers/file-key-derivers';
import {
  confirmImport,
  fileToImport,
  giveFilePassword,
  openImportData,
  submitImportFile,
} from './import-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { openSeededVault } from './seed-vault';

const FILE_PASSWORD = 'a strong file password';
const OPENING = 'Opening the file… this can take a while with strong file settings.';
const OPENING_STATUS = /Opening the file… this can take a while with strong file settings\./;

async function protectedFile(kdf: KdfConfig, count: number): Promise<string> {
  const items = Array.from({ length: count }, (_, i) => ({
    type: 1,
    name: `Strong file login ${i}`,
    login: { username: `user${i}`, password: `password-${i}`, uris: [] },
  }));
  const plain = JSON.stringify({ encrypted: false, folders: [], items });
  return fileToImport('strong.json', await protectWithPassword(plain, FILE_PASSWORD, kdf));
}

describe('a password-protected file with strong Argon2id settings in Chromium', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('keeps the vault answering while the key is derived, cancels, then imports', async () => {
    session = await launchExtension();
    const popup = await openSeededVault(session, readTruth('pbkdf2'));
    await openImportData(popup);
    const file = await protectedFile(
      { type: 'argon2id', iterations: 10, memoryMiB: 256, parallelism: 4 },
      5,
    );

    // Cancel while deriving: back to the file password, no alert, nothing imported.
    await submitImportFile(popup, { path: file });
    await giveFilePassword(popup, FILE_PASSWORD);
    await popup.waitForText(OPENING_STATUS, 'status');
    await popup.click('Cancel');
    await popup.waitForNoText(OPENING_STATUS, 'status');
    expect(await popup.page.getByRole('alert').count()).toBe(0);
    expect(await popup.button('Confirm').isEnabled()).toBe(true);
    expect(await popup.page.getByText(/items, \d+ folders$/).count()).toBe(0);

    // Again, and meanwhile another popup opens on the vault list.
    const started = Date.now();
    await popup.click('Confirm');
    await popup.waitForText(OPENING_STATUS, 'status');
    const previewShown = popup
      .waitForText(/^5 items, 0 folders$/, undefined, 120_000)
      .then(() => Date.now());
    const other = new PopupPage(await session.openPopup());
    await other.waitFor('New item');
    const listAnswered = Date.now();
    // The first popup is still opening the file: the list did not wait for the derivation.
    expect(await popup.page.getByRole('status').filter({ hasText: OPENING }).isVisible()).toBe(
      true,
    );
    const previewAt = await previewShown;
    expect(listAnswered).toBeLessThan(previewAt);
    console.warn(
      `Argon2id 256 MiB, 10 iterations, 4 lanes: preview after ${previewAt - started} ms`,
    );

    const status = await confirmImport(popup);
    expect(status).toMatch(/^Imported 5 items\./);
    expect(await popup.itemNames()).toHaveLength(5);
  });
});
