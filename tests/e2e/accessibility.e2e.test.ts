/**
 * Accessibility in Chromium (issue #8): an axe-core audit of every view, in light and dark, with
 * no serious or critical violation; and the whole create → add item → export → import flow done
 * with the keyboard alone, every focused control showing a visible focus ring.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FileChooser, Page } from 'playwright-core';
import { fixturePath } from '../helpers/fixtures';
import { truthItems } from '../helpers/truth-items';
import { MASTER_PASSWORD, unlockVault } from './account-flow';
import { audit, type Finding } from './axe';
import { savedFileName, waitForDownload, exactly } from './downloads';
import { exportThroughPopup } from './export-flow';
import { submitImportFile } from './import-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { seedTruthVault } from './seed-vault';
import { openSettings, startRotation } from './settings-flow';

describe('accessibility in Chromium', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('axe finds no serious or critical violation in any view, light or dark', async () => {
    session = await launchExtension();
    const findings: Finding[] = [];
    const check = async (popup: PopupPage, view: string) => {
      findings.push(...(await audit(popup.page, view)));
    };
    const first = new PopupPage(await session.openPopup());
    await first.waitFor('Create your Coffer account', { role: 'heading' });
    await check(first, 'create account');
    await first.expand('Advanced');
    await check(first, 'create account, advanced KDF settings');
    await first.page.close();

    const truth = await seedTruthVault(session, 'pbkdf2');
    const popup = new PopupPage(await session.openPopup());
    await popup.waitFor('Unlock');
    await check(popup, 'unlock');
    await unlockVault(popup, truth.account.masterPassword);

    for (const scheme of ['light', 'dark'] as const) {
      await popup.page.emulateMedia({ colorScheme: scheme });
      await popup.click('Vault', { role: 'tab' });
      await check(popup, `${scheme}: vault list`);
      // A row's quick actions, shown for the row under the pointer.
      await popup.page.getByRole('button', { name: /^Reddit/ }).hover();
      await check(popup, `${scheme}: vault list, quick actions`);
      await popup.click('Generator');
      await check(popup, `${scheme}: generator, password`);
      await popup.click('Passphrase', { role: 'radio' });
      await check(popup, `${scheme}: generator, passphrase`);
      // Its history, with the value just copied, and the question before clearing it.
      await popup.click('Copy generated password');
      await popup.page.locator('details.generator-history > summary').click();
      await popup.waitFor('Clear history');
      await check(popup, `${scheme}: generator history`);
      await popup.click('Clear history');
      await check(popup, `${scheme}: clear generator history dialog`);
      await popup.click('Clear history', { within: 'dialog' });
      await popup.waitForText(/^Generator history cleared\.$/, 'status');
      await popup.click('Back');
      // One item of each type, and its editor.
      // Items behind a master password re-prompt cannot be edited without it: the others.
      const byType = new Map(
        truthItems(truth)
          .filter((item) => item.reprompt === 0)
          .reverse()
          .map((item) => [item.type, item.name]),
      );
      for (const [type, name] of byType) {
        await popup.click('Vault', { role: 'tab' });
        await popup.openItem(name);
        await popup.waitFor(name, { role: 'heading' });
        await check(popup, `${scheme}: item view, type ${type}`);
        await popup.click('Edit');
        await popup.waitFor('Save');
        await check(popup, `${scheme}: item editor, type ${type}`);
        await popup.click('Cancel');
      }
      await popup.click('Vault', { role: 'tab' });
      await popup.click('New item');
      await popup.waitFor('Save');
      await check(popup, `${scheme}: new item`);
      await popup.click('Cancel');

      await popup.click('Settings', { role: 'tab' });
      await popup.waitFor('Lock now');
      await check(popup, `${scheme}: settings`);
      await popup.click('Delete account');
      await check(popup, `${scheme}: delete account dialog`);
      await popup.click('Cancel', { within: 'dialog' });
      await openSettings(popup, 'Folders');
      await check(popup, `${scheme}: folders`);

      await openSettings(popup, 'Export Vault');
      for (const format of ['.json', '.csv', '.json (Encrypted)'] as const) {
        await popup.select('File Format', format);
        await check(popup, `${scheme}: export ${format}`);
      }
      await popup.select('File Format', '.kdbx (Encrypted)');
      await check(popup, `${scheme}: export .kdbx (Encrypted)`);
      await popup.select('File Format', '.json (Encrypted)');
      await popup.click('Password protected', { role: 'radio' });
      await popup.click('Generate file password');
      await check(popup, `${scheme}: export, password protected`);
      await popup.expand('Export only part of the vault');
      await popup.click('Selected items', { role: 'radio' });
      await check(popup, `${scheme}: export, chosen items`);
      await popup.click('Whole vault', { role: 'radio' });
      await popup.fill('Master password', truth.account.masterPassword);
      await popup.click('Export Vault', { within: 'form' });
      await popup.waitFor('Export Vault', { within: 'dialog' });
      await check(popup, `${scheme}: export confirmation`);
      await popup.click('Cancel', { within: 'dialog' });

      await openSettings(popup, 'Import Data');
      await check(popup, `${scheme}: import`);
      // KeePass: the key file beside the database, and the password question with its hint.
      await popup.select('File Format', 'KeePass (kdbx)');
      await check(popup, `${scheme}: import KeePass (kdbx)`);
      await popup.select('File Format', 'Bitwarden (json)');
      await submitImportFile(popup, { path: fixturePath('pbkdf2', 'sdk-plain.json') });
      await popup.waitFor('Confirm import');
      await check(popup, `${scheme}: import preview`);

      await openSettings(popup, 'Verify backup');
      await check(popup, `${scheme}: verify backup`);
      await popup.chooseFile('Choose File', fixturePath('pbkdf2', 'sdk-plain.json'));
      await popup.click('Verify backup', { within: 'form' });
      await popup.waitForText(/^This backup can be decrypted/);
      await check(popup, `${scheme}: verify backup result`);

      await openSettings(popup, 'Change master password');
      await check(popup, `${scheme}: change master password`);
      await openSettings(popup, 'Rotate account encryption key');
      await check(popup, `${scheme}: rotate account key`);
    }

    // An account-restricted backup, then a rotation: its result, and the reminder it causes.
    await exportThroughPopup(
      popup,
      { format: '.json (Encrypted)', type: 'Account restricted' },
      truth.account.masterPassword,
    );
    await startRotation(popup, truth.account.masterPassword);
    await popup.waitForText(/^Account encryption key rotated/);
    await check(popup, 'dark: rotation result');
    await popup.page.emulateMedia({ colorScheme: 'light' });
    await check(popup, 'light: rotation result');
    await popup.click('Vault', { role: 'tab' });
    await popup.waitFor('Back up now');
    await check(popup, 'light: vault with the backup reminder');
    // An item behind the master password re-prompt.
    const guarded = truthItems(truth).find((item) => item.reprompt === 1);
    if (guarded) {
      await popup.openItem(guarded.name);
      await popup.waitFor(guarded.name, { role: 'heading' });
      await check(popup, 'light: item behind the re-prompt');
    }

    expect(findings).toEqual([]);
  });

  it('the whole create → add item → export → import flow works by keyboard alone', async () => {
    session = await launchExtension();
    const page = await session.openPopup();
    // Every key press goes through Keyboard; the driver only waits for what the popup shows.
    const popup = new PopupPage(page);
    const keys = new Keyboard(page);
    const choosers = await FileChoosers.listen(page);
    await popup.waitFor('Create your Coffer account', { role: 'heading' });

    await keys.fill('Email address', 'keyboard@example.com');
    await keys.fill('Master password', MASTER_PASSWORD);
    await keys.fill('Confirm master password', MASTER_PASSWORD);
    await keys.press('Create account', 'Enter');
    await popup.waitFor('New item');

    await keys.press('New item', 'Enter');
    await keys.fill('Name', 'Typed by keyboard');
    await keys.fill('Username', 'ada');
    await keys.fill('Password', 'keyboard-password-1');
    await keys.press('Save', 'Enter');
    await popup.waitFor('Typed by keyboard', { role: 'heading' });
    await keys.press('Back', 'Enter');

    await keys.press('Settings', 'Enter');
    await keys.press('Export Vault', 'Enter');
    await popup.waitFor('Export Vault', { role: 'heading' });
    await keys.focus('File Format');
    await page.keyboard.press('ArrowDown'); // .csv
    await page.keyboard.press('ArrowDown'); // .json (Encrypted)
    expect(await page.getByLabel('File Format', { exact: true }).inputValue()).toBe(
      'encrypted_json',
    );
    await keys.focus('Account restricted');
    await page.keyboard.press('ArrowDown'); // radios move with the arrow keys
    expect(
      await page.getByRole('radio', { name: 'Password protected', exact: true }).isChecked(),
    ).toBe(true);
    await keys.fill('File password', 'keyboard file password');
    await keys.fill('Confirm file password', 'keyboard file password');
    await keys.fill('Master password', MASTER_PASSWORD);
    await keys.press('Export Vault', 'Enter');
    await popup.waitFor('Export Vault', { within: 'dialog' });
    await keys.press('Export Vault', 'Enter', { inDialog: true });
    const saved = await popup.waitForText(/^Saved \S+ \(/, 'status');
    const file = await waitForDownload(session.downloadsDir, exactly(savedFileName(saved)));

    await keys.press('Back', 'Enter');
    await keys.press('Import Data', 'Enter');
    await popup.waitFor('Import Data', { role: 'heading' });
    await keys.focus('Choose File');
    const chooser = choosers.next();
    await page.keyboard.press('Space');
    await (await chooser).setFiles(fixturePath('pbkdf2', 'sdk-plain.json'));
    await keys.press('Import Data', 'Enter');
    await popup.waitForText(/^22 items, 3 folders$/);
    await keys.press('Confirm import', 'Enter');
    await popup.waitForText(/^Imported 22 items\./, 'status');

    // And the export made by keyboard imports back by keyboard, with its file password.
    await keys.focus('Choose File');
    const again = choosers.next();
    await page.keyboard.press('Space');
    await (await again).setFiles(file.path);
    await keys.press('Import Data', 'Enter');
    await keys.fill('File password', 'keyboard file password');
    await keys.press('Confirm', 'Enter');
    await popup.waitForText(/^1 items, 0 folders$/);

    // The vault by keyboard: / to the search, Tab to the row, Ctrl+C copies its password, the
    // arrow keys move along the list, Enter opens an item and Escape goes back.
    await keys.press('Vault', 'Enter');
    await popup.waitFor('New item');
    const focusedText = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent ?? '');
    await page.keyboard.press('/');
    await page.keyboard.type('Typed by');
    await page.getByRole('button', { name: /^Reddit/ }).waitFor({ state: 'detached' });
    await page.keyboard.press('Tab'); // the folder filter
    await page.keyboard.press('Tab'); // the one row left
    expect(await focusedText()).toMatch(/^Typed by keyboard/);
    await page.keyboard.press('ControlOrMeta+C');
    await popup.waitForText(/^Copied$/, 'status');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('keyboard-password-1');
    await page.keyboard.press('Enter');
    await popup.waitFor('Typed by keyboard', { role: 'heading' });
    await page.keyboard.press('Escape');
    await popup.waitFor('New item');
    await page.keyboard.press('/');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.getByRole('button', { name: /^Reddit/ }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const first = await focusedText();
    await page.keyboard.press('ArrowDown');
    const second = await focusedText();
    expect(second).not.toBe(first);
    expect(second).not.toBe('');
    expect(keys.unfocusedRing).toEqual([]);
  });
});

/**
 * Moves through the page with Tab only, the way a keyboard user does, and records any control
 * that gets focus without a visible focus indicator.
 */
class Keyboard {
  readonly unfocusedRing: string[] = [];

  constructor(private readonly page: Page) {}

  /**
   * Presses Tab until the control named `name` (label, aria-label or text) has focus, inside a
   * dialog when `inDialog`.
   */
  async focus(name: string, { inDialog = false } = {}): Promise<void> {
    for (let presses = 0; presses < 80; presses++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const input = el as HTMLInputElement;
        const label =
          el.getAttribute('aria-label') ?? input.labels?.[0]?.textContent ?? el.textContent ?? '';
        const style = getComputedStyle(el);
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        return { label: label.trim(), ring, inDialog: el.closest('dialog') !== null };
      });
      if (!focused) continue;
      if (!focused.ring) this.unfocusedRing.push(focused.label);
      if (focused.label === name && (!inDialog || focused.inDialog)) return;
    }
    throw new Error(`Tab never reached "${name}"`);
  }

  async fill(name: string, text: string): Promise<void> {
    await this.focus(name);
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(text);
  }

  async press(
    name: string,
    key: 'Enter' | 'Space',
    where: { inDialog?: boolean } = {},
  ): Promise<void> {
    await this.focus(name, where);
    await this.page.keyboard.press(key);
  }
}

/**
 * File choosers opened by the page, handed out in order. The listener is set once, before any
 * chooser can open: Playwright turns on Chromium's chooser interception only when a listener
 * exists, and a key press racing that switch opens the native (invisible, headless) dialog instead.
 */
class FileChoosers {
  private readonly waiting: ((chooser: FileChooser) => void)[] = [];

  private constructor(page: Page) {
    page.on('filechooser', (chooser) => this.waiting.shift()?.(chooser));
  }

  static async listen(page: Page): Promise<FileChoosers> {
    const choosers = new FileChoosers(page);
    // A round trip on the same session: the interception switch has been applied after it.
    await page.evaluate(() => document.readyState);
    return choosers;
  }

  next(): Promise<FileChooser> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
