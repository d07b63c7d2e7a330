/**
 * Accessibility in Chromium (issue #8): an axe-core audit of every view, in light and dark, with
 * no serious or critical violation; and the whole create → add item → export → import flow done
 * with the keyboard alone, every focused control showing a visible focus ring.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FileChooser, Page } from 'playwright-core';
import { fixturePath } from '../helpers/fixtures';
import { truthItems } from '../helpers/truth-items';
import { audit, type Finding } from './axe';
import { savedFileName, waitForDownload, exactly } from './downloads';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { MASTER_PASSWORD, PopupPage } from './popup-page';
import { seedTruthVault } from './seed-vault';

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
    const settings = async (popup: PopupPage, entry: string) => {
      await popup.page.getByRole('tab', { name: 'Settings', exact: true }).click();
      await popup.button(entry).click();
      await popup.page.getByRole('heading', { name: entry, exact: true }).waitFor();
    };

    const first = new PopupPage(await session.openPopup());
    await first.page.getByRole('heading', { name: 'Create your Coffer account' }).waitFor();
    await check(first, 'create account');
    await first.page.getByText('Advanced', { exact: true }).click();
    await check(first, 'create account, advanced KDF settings');
    await first.page.close();

    const truth = await seedTruthVault(session, 'pbkdf2');
    const popup = new PopupPage(await session.openPopup());
    await popup.button('Unlock').waitFor();
    await check(popup, 'unlock');
    await popup.unlock(truth.account.masterPassword);
    await popup.button('New item').waitFor({ timeout: 60_000 });

    for (const scheme of ['light', 'dark'] as const) {
      await popup.page.emulateMedia({ colorScheme: scheme });
      await popup.page.getByRole('tab', { name: 'Vault', exact: true }).click();
      await check(popup, `${scheme}: vault list`);
      // One item of each type, and its editor.
      // Items behind a master password re-prompt cannot be edited without it: the others.
      const byType = new Map(
        truthItems(truth)
          .filter((item) => item.reprompt === 0)
          .reverse()
          .map((item) => [item.type, item.name]),
      );
      for (const [type, name] of byType) {
        await popup.page.getByRole('tab', { name: 'Vault', exact: true }).click();
        await popup.page.getByRole('button', { name }).first().click();
        await popup.page.getByRole('heading', { name, exact: true }).waitFor();
        await check(popup, `${scheme}: item view, type ${type}`);
        await popup.button('Edit').click();
        await popup.button('Save').waitFor();
        await check(popup, `${scheme}: item editor, type ${type}`);
        await popup.button('Cancel').click();
      }
      await popup.page.getByRole('tab', { name: 'Vault', exact: true }).click();
      await popup.button('New item').click();
      await popup.button('Save').waitFor();
      await check(popup, `${scheme}: new item`);
      await popup.button('Cancel').click();

      await popup.page.getByRole('tab', { name: 'Settings', exact: true }).click();
      await popup.button('Lock now').waitFor();
      await check(popup, `${scheme}: settings`);
      await popup.button('Delete account').click();
      await check(popup, `${scheme}: delete account dialog`);
      await popup.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await settings(popup, 'Folders');
      await check(popup, `${scheme}: folders`);

      await settings(popup, 'Export Vault');
      for (const format of ['.json', '.csv', '.json (Encrypted)'] as const) {
        await popup.field('File Format').selectOption({ label: format });
        await check(popup, `${scheme}: export ${format}`);
      }
      await popup.page.getByRole('radio', { name: 'Password protected', exact: true }).check();
      await popup.button('Generate file password').click();
      await check(popup, `${scheme}: export, password protected`);
      await popup.page.getByText('Export only part of the vault').click();
      await popup.page.getByRole('radio', { name: 'Selected items', exact: true }).check();
      await check(popup, `${scheme}: export, chosen items`);
      await popup.page.getByRole('radio', { name: 'Whole vault', exact: true }).check();
      await popup.field('Master password').fill(truth.account.masterPassword);
      await popup.button('Export Vault').click();
      await popup.page.getByRole('dialog').waitFor();
      await check(popup, `${scheme}: export confirmation`);
      await popup.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

      await settings(popup, 'Import Data');
      await check(popup, `${scheme}: import`);
      await popup.field('Choose File').setInputFiles(fixturePath('pbkdf2', 'sdk-plain.json'));
      await popup.button('Import Data').click();
      await popup.button('Confirm import').waitFor({ timeout: 60_000 });
      await check(popup, `${scheme}: import preview`);

      await settings(popup, 'Verify backup');
      await check(popup, `${scheme}: verify backup`);
      await popup.field('Choose File').setInputFiles(fixturePath('pbkdf2', 'sdk-plain.json'));
      await popup.button('Verify backup').click();
      await popup.page.getByText(/^This backup can be decrypted/).waitFor({ timeout: 60_000 });
      await check(popup, `${scheme}: verify backup result`);

      await settings(popup, 'Change master password');
      await check(popup, `${scheme}: change master password`);
      await settings(popup, 'Rotate account encryption key');
      await check(popup, `${scheme}: rotate account key`);
    }

    // An account-restricted backup, then a rotation: its result, and the reminder it causes.
    await settings(popup, 'Export Vault');
    await popup.field('File Format').selectOption({ label: '.json (Encrypted)' });
    await popup.field('Master password').fill(truth.account.masterPassword);
    await popup.button('Export Vault').click();
    await popup.page.getByRole('dialog').getByRole('button', { name: 'Export Vault' }).click();
    await popup.page.getByRole('status').filter({ hasText: 'Saved' }).waitFor({ timeout: 60_000 });
    await settings(popup, 'Rotate account encryption key');
    await popup.field('I understand that my account-restricted exports will stop working').check();
    await popup.field('Master password').fill(truth.account.masterPassword);
    await popup.button('Rotate account encryption key').click();
    await popup.page.getByText(/^Account encryption key rotated/).waitFor({ timeout: 60_000 });
    await check(popup, 'dark: rotation result');
    await popup.page.emulateMedia({ colorScheme: 'light' });
    await check(popup, 'light: rotation result');
    await popup.page.getByRole('tab', { name: 'Vault', exact: true }).click();
    await popup.button('Back up now').waitFor();
    await check(popup, 'light: vault with the backup reminder');
    // An item behind the master password re-prompt.
    const guarded = truthItems(truth).find((item) => item.reprompt === 1);
    if (guarded) {
      await popup.page.getByRole('button', { name: guarded.name }).first().click();
      await popup.page.getByRole('heading', { name: guarded.name, exact: true }).waitFor();
      await check(popup, 'light: item behind the re-prompt');
    }

    expect(findings).toEqual([]);
  });

  it('the whole create → add item → export → import flow works by keyboard alone', async () => {
    session = await launchExtension();
    const page = await session.openPopup();
    const keys = new Keyboard(page);
    const choosers = await FileChoosers.listen(page);
    await page.getByRole('heading', { name: 'Create your Coffer account' }).waitFor();

    await keys.fill('Email address', 'keyboard@example.com');
    await keys.fill('Master password', MASTER_PASSWORD);
    await keys.fill('Confirm master password', MASTER_PASSWORD);
    await keys.press('Create account', 'Enter');
    await page.getByRole('button', { name: 'New item', exact: true }).waitFor({ timeout: 60_000 });

    await keys.press('New item', 'Enter');
    await keys.fill('Name', 'Typed by keyboard');
    await keys.fill('Username', 'ada');
    await keys.fill('Password', 'keyboard-password-1');
    await keys.press('Save', 'Enter');
    await page.getByRole('heading', { name: 'Typed by keyboard', exact: true }).waitFor();
    await keys.press('Back', 'Enter');

    await keys.press('Settings', 'Enter');
    await keys.press('Export Vault', 'Enter');
    await page.getByRole('heading', { name: 'Export Vault', exact: true }).waitFor();
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
    await page.getByRole('dialog').waitFor();
    await keys.press('Export Vault', 'Enter', page.getByRole('dialog'));
    const saved = page.getByRole('status').filter({ hasText: 'Saved' });
    await saved.waitFor({ timeout: 60_000 });
    const file = await waitForDownload(
      session.downloadsDir,
      exactly(savedFileName((await saved.textContent())!)),
    );

    await keys.press('Back', 'Enter');
    await keys.press('Import Data', 'Enter');
    await page.getByRole('heading', { name: 'Import Data', exact: true }).waitFor();
    await keys.focus('Choose File');
    const chooser = choosers.next();
    await page.keyboard.press('Space');
    await (await chooser).setFiles(fixturePath('pbkdf2', 'sdk-plain.json'));
    await keys.press('Import Data', 'Enter');
    await page.getByText('22 items, 3 folders').waitFor({ timeout: 60_000 });
    await keys.press('Confirm import', 'Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /^Imported 22 items\./ })
      .waitFor({ timeout: 60_000 });

    // And the export made by keyboard imports back by keyboard, with its file password.
    await keys.focus('Choose File');
    const again = choosers.next();
    await page.keyboard.press('Space');
    await (await again).setFiles(file.path);
    await keys.press('Import Data', 'Enter');
    await keys.fill('File password', 'keyboard file password');
    await keys.press('Confirm', 'Enter');
    await page.getByText('1 items, 0 folders').waitFor({ timeout: 60_000 });
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

  /** Presses Tab until the control named `name` (label, aria-label or text) has focus. */
  async focus(name: string, within?: ReturnType<Page['getByRole']>): Promise<void> {
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
      if (focused.label === name && (!within || focused.inDialog)) return;
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
    within?: ReturnType<Page['getByRole']>,
  ): Promise<void> {
    await this.focus(name, within);
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
