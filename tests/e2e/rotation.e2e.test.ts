/**
 * Issue #7 end to end in Chromium: an account-restricted backup dies with a key rotation (import
 * refuses it, Verify backup says so, a new backup matches), survives a master password change,
 * and a service worker stopped in the middle of rotating 2,000 items leaves a vault that unlocks
 * with every item readable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '@/src/vault/item';
import { readTruth } from '../helpers/fixtures';
import { truthFolders, truthItems } from '../helpers/truth-items';
import { exactly, exportName, savedFileName, waitForDownload } from './downloads';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { seedVault } from './seed-vault';

const truth = readTruth('pbkdf2');
const PASSWORD = truth.account.masterPassword;
const NEW_PASSWORD = 'another long master password';

async function openVault(session: ExtensionSession, items: Item[] = truthItems(truth)) {
  await seedVault(session, truth, items, truthFolders(truth));
  const popup = new PopupPage(await session.openPopup());
  await popup.unlock(PASSWORD);
  await popup.button('New item').waitFor({ timeout: 60_000 });
  return popup;
}

async function toSettings(popup: PopupPage, entry: string): Promise<void> {
  await popup.page.getByRole('tab', { name: 'Settings', exact: true }).click();
  await popup.button(entry).click();
  await popup.page.getByRole('heading', { name: entry, exact: true }).waitFor();
}

/** An account-restricted export through the popup; returns the saved file's text and name. */
async function exportAccountRestricted(session: ExtensionSession, popup: PopupPage) {
  await toSettings(popup, 'Export Vault');
  await popup.field('File Format').selectOption({ label: '.json (Encrypted)' });
  await popup.page.getByRole('radio', { name: 'Account restricted', exact: true }).check();
  await popup.field('Master password').fill(PASSWORD);
  await popup.button('Export Vault').click();
  await popup.page.getByRole('dialog').getByRole('button', { name: 'Export Vault' }).click();
  const status = popup.page.getByRole('status').filter({ hasText: 'Saved' });
  await status.waitFor({ timeout: 60_000 });
  const name = savedFileName((await status.textContent())!);
  return waitForDownload(session.downloadsDir, exactly(name));
}

/** What the toolbar icon's badge says. */
async function badgeText(session: ExtensionSession): Promise<string> {
  const worker = await session.serviceWorker();
  return worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );
}

async function rotate(popup: PopupPage, password = PASSWORD): Promise<void> {
  await toSettings(popup, 'Rotate account encryption key');
  await popup.field('I understand that my account-restricted exports will stop working').check();
  await popup.field('Master password').fill(password);
  await popup.button('Rotate account encryption key').click();
}

async function chooseAndSubmit(popup: PopupPage, file: string, button: string): Promise<void> {
  await popup.field('Choose File').setInputFiles(file);
  await popup.button(button).click();
}

describe('Key rotation and backups in Chromium', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('an old account-restricted backup is refused after a rotation; a new one matches', async () => {
    session = await launchExtension();
    const popup = await openVault(session);
    const old = await exportAccountRestricted(session, popup);

    await rotate(popup);
    const done = popup.page.getByRole('status').filter({ hasText: 'rotated' });
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toBe(
      'Account encryption key rotated: 22 items and 3 folders re-encrypted.',
    );
    expect(await popup.page.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining(old.name),
    ]);

    // Importing the old file: the different-key message, and nothing changes.
    await toSettings(popup, 'Import Data');
    await chooseAndSubmit(popup, old.path, 'Import Data');
    await popup.page
      .getByRole('alert')
      .filter({ hasText: 'This file was encrypted with a different account key' })
      .waitFor({ timeout: 60_000 });
    expect(await popup.itemNames()).toHaveLength(22);

    // Verify backup: the old file cannot be decrypted now…
    await toSettings(popup, 'Verify backup');
    await chooseAndSubmit(popup, old.path, 'Verify backup');
    await popup.page
      .getByRole('alert')
      .filter({ hasText: 'This backup cannot be decrypted now.' })
      .waitFor({ timeout: 60_000 });

    // …and a new one matches the vault.
    const fresh = await exportAccountRestricted(session, popup);
    await toSettings(popup, 'Verify backup');
    await chooseAndSubmit(popup, fresh.path, 'Verify backup');
    await popup.page
      .getByRole('status')
      .filter({
        hasText: 'This backup can be decrypted: 22 items, 3 folders. It matches your vault.',
      })
      .waitFor({ timeout: 60_000 });
  });

  it('a master password change keeps old account-restricted backups importable', async () => {
    session = await launchExtension();
    const popup = await openVault(session);
    const old = await exportAccountRestricted(session, popup);

    await toSettings(popup, 'Change master password');
    await popup.field('Master password').fill(PASSWORD);
    await popup.field('New master password').fill(NEW_PASSWORD);
    await popup.field('Confirm new master password').fill(NEW_PASSWORD);
    await popup.button('Change master password').click();
    await popup.page
      .getByRole('status')
      .filter({ hasText: 'Master password changed.' })
      .waitFor({ timeout: 60_000 });
    await popup.lock();
    await popup.unlock(PASSWORD);
    await popup.page.getByRole('alert').filter({ hasText: 'Invalid master password' }).waitFor();
    await popup.unlock(NEW_PASSWORD);
    await popup.button('New item').waitFor({ timeout: 60_000 });

    await toSettings(popup, 'Import Data');
    await chooseAndSubmit(popup, old.path, 'Import Data');
    await popup.page.getByText('22 items, 3 folders').waitFor({ timeout: 60_000 });
    await popup.button('Confirm import').click();
    const status = popup.page.getByRole('status').filter({ hasText: 'Imported' });
    await status.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toBe('Imported 0 items. 22 duplicate(s) skipped.');
    expect(await popup.itemNames()).toHaveLength(22);
  });

  it('the automatic backup writes a due backup into Coffer/ at the next unlock', async () => {
    session = await launchExtension();
    const popup = await openVault(session);
    await exportAccountRestricted(session, popup);
    // After a rotation the only backup is undecryptable: one is due at once.
    await rotate(popup);
    await popup.page
      .getByRole('status')
      .filter({ hasText: 'rotated' })
      .waitFor({ timeout: 60_000 });
    await expect.poll(() => badgeText(session!)).toBe('!');
    await popup.page.getByRole('tab', { name: 'Settings', exact: true }).click();
    await popup.field('Automatic backup').check();
    await popup.page.getByRole('status').filter({ hasText: 'Automatic backup is on.' }).waitFor();
    await popup.lock();
    await popup.unlock(PASSWORD);
    await popup.button('New item').waitFor({ timeout: 60_000 });

    const folder = path.join(session.downloadsDir, 'Coffer');
    await expect.poll(() => fs.existsSync(folder), { timeout: 60_000 }).toBe(true);
    const file = await waitForDownload(folder, exportName('coffer_encrypted_export', 'json'), {
      timeoutMs: 60_000,
    });
    expect(JSON.parse(file.text)).toMatchObject({ encrypted: true });
    expect(JSON.parse(file.text)).not.toHaveProperty('passwordProtected');
    // It is a backup of this vault under the current key, and the reminder is satisfied.
    await toSettings(popup, 'Verify backup');
    await chooseAndSubmit(popup, file.path, 'Verify backup');
    await popup.page
      .getByRole('status')
      .filter({ hasText: 'It matches your vault.' })
      .waitFor({ timeout: 60_000 });
    await popup.page.getByRole('tab', { name: 'Vault', exact: true }).click();
    await popup.button('New item').waitFor();
    expect(await popup.button('Back up now').count()).toBe(0);
    await expect.poll(() => badgeText(session!)).toBe('');
  });

  it('a service worker stopped mid-rotation of 2,000 items leaves a vault that unlocks whole', async () => {
    session = await launchExtension();
    const base = truthItems(truth);
    const items = Array.from({ length: 2000 }, (_, i) => ({
      ...structuredClone(base[i % base.length]!),
      id: crypto.randomUUID(),
      name: `Item ${String(i).padStart(4, '0')}`,
    }));
    const popup = await openVault(session, items);
    await rotate(popup);
    // Halfway through re-encrypting, the browser stops the worker.
    await popup.page
      .getByRole('status')
      .filter({ hasText: /Re-encrypting: [1-9]\d* of 2000 items/ })
      .waitFor({ timeout: 60_000 });
    const cdp = await session.context.newCDPSession(popup.page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    const again = new PopupPage(await session.openPopup());
    await again.button('New item').waitFor({ timeout: 60_000 });
    expect(await again.itemNames()).toHaveLength(2000);
    await again.lock();
    await again.unlock(PASSWORD);
    await again.button('New item').waitFor({ timeout: 60_000 });
    const names = await again.itemNames();
    expect(names).toHaveLength(2000);
    expect(names).toContain('Item 1999');
    const item = await again.readItem('Item 0000');
    expect(Object.keys(item).length).toBeGreaterThan(1);
  });
});
