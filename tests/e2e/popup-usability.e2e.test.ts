/**
 * Issue 17 in part, in Chromium: the popup opens by its command (`_execute_action`, listed by
 * `chrome.commands.getAll` with its default shortcut), a new account's first screen offers Import
 * Data and New item, `/` jumps to the search and Escape goes back; a URI opens in a new tab; a
 * password and a code are copied from the list; a 6-word passphrase, kept in the generator's
 * history and cleared from it; favorites listed first under their heading; `Kids` created under
 * `Family` is drawn nested.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount } from './account-flow';
import { addItem } from './item-flow';
import { openSettings } from './settings-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';

interface Command {
  name?: string;
  shortcut?: string;
}

const sessions: ExtensionSession[] = [];
afterAll(async () => {
  for (const session of sessions) await session.close();
});

describe('the popup by keyboard in Chromium', () => {
  it('opens by its command, starts on the empty vault, and takes / and Escape', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const worker = await session.serviceWorker();
    const commands = await worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { commands: { getAll(): Promise<Command[]> } } }
      ).chrome.commands.getAll(),
    );
    expect(commands).toContainEqual(
      expect.objectContaining({ name: '_execute_action', shortcut: 'Alt+Shift+K' }),
    );

    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'keys@example.com');
    await popup.waitFor('Your vault is empty', { role: 'heading' });
    await popup.waitFor('Import Data');
    await popup.click('New item');
    await popup.fill('Name', 'Keyboard login');
    await popup.click('Save');
    await popup.waitFor('Edit');
    await popup.page.keyboard.press('Escape');
    const row = popup.page.getByRole('button', { name: /^Keyboard login/ });
    await row.waitFor();
    await popup.page.locator('body').click({ position: { x: 5, y: 5 } });
    await popup.page.keyboard.press('/');
    expect(
      await popup.page.evaluate(() => document.activeElement?.getAttribute('aria-keyshortcuts')),
    ).toBe('/');
    await popup.page.keyboard.type('Keyb');
    await row.waitFor();
    expect(await popup.page.getByLabel('Search vault').inputValue()).toBe('Keyb');
  });

  it('opens a login’s https URI in a new tab from the item view', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'open@example.com');
    await addItem(popup, {
      type: 'Login',
      name: 'Site to open',
      fields: { Username: 'ann', URI: 'https://example.com/login' },
    });
    await popup.page.getByRole('button', { name: /^Site to open/ }).click();
    await popup.waitFor('Site to open', { role: 'heading' });
    // No network here: the new tab's request for the address is what shows it opened.
    const requested = session.context.waitForEvent('request', (r) =>
      r.url().startsWith('https://example.com/login'),
    );
    const opened = session.context.waitForEvent('page');
    await popup.click('Open');
    await opened;
    expect((await requested).url()).toBe('https://example.com/login');
  });

  it('copies a password and the current code from the list, without opening the item', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'quick@example.com');
    await addItem(popup, {
      type: 'Login',
      name: 'Quick login',
      fields: {
        Username: 'quick-user',
        Password: 'quick password 42',
        'Authenticator key (TOTP)': 'JBSWY3DPEHPK3PXP',
      },
    });
    const row = popup.page.locator('li', {
      has: popup.page.getByRole('button', { name: /^Quick login/ }),
    });
    await row.hover();
    await row.getByRole('button', { name: 'Copy password' }).click();
    await popup.waitForText(/^Copied$/, 'status');
    const read = () => popup.page.evaluate(() => navigator.clipboard.readText());
    expect(await read()).toBe('quick password 42');
    await row.hover();
    await row.getByRole('button', { name: 'Copy verification code' }).click();
    await expect.poll(read).toMatch(/^\d{6}$/);
    // Still the list: the item was never opened.
    expect(await popup.page.getByRole('heading', { name: 'Vault' }).count()).toBe(1);
  });

  it('generates a passphrase of 6 words from the Vault tab', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'words@example.com');
    await popup.click('Generator');
    await popup.click('Passphrase', { role: 'radio' });
    await popup.fill('Number of words', '6');
    // EFF's words may hold a hyphen (t-shirt): words are counted with a space between them.
    await popup.fill('Word separator', ' ');
    // The wordlist is a script loaded as the generator opens: until it is here the last password
    // stays on show, so the passphrase is waited for rather than read at once.
    const generated = popup.page.getByLabel('Generated password', { exact: true });
    await expect.poll(() => generated.textContent()).toMatch(/^[a-z-]+( [a-z-]+){5}$/);
    const phrase = await generated.textContent();
    // Copied, it is kept in the generator's history, there in the next popup too.
    await popup.click('Copy generated password');
    await popup.page.locator('summary', { hasText: 'Generator history (1)' }).waitFor();
    await popup.page.close();
    const next = new PopupPage(await session.openPopup());
    await next.click('Generator');
    await next.page.locator('summary', { hasText: 'Generator history (1)' }).click();
    const kept = next.page.locator('.history-list .history-value');
    await expect.poll(() => kept.allTextContents()).toEqual([phrase]);
    await next.click('Clear history');
    await next.click('Clear history', { within: 'dialog' });
    await next.waitForText(/^Generator history cleared\.$/, 'status');
    expect(await kept.count()).toBe(0);
  });

  it('lists favorites first, under their own heading', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'favorites@example.com');
    for (const name of ['Alpha', 'Zulu']) {
      await addItem(popup, { type: 'Login', name, fields: { Username: name.toLowerCase() } });
    }
    await popup.page.getByRole('button', { name: /^Zulu/ }).click();
    await popup.click('Edit');
    await popup.click('Favorite', { role: 'checkbox' });
    await popup.click('Save');
    await popup.waitFor('Zulu', { role: 'heading' });
    await popup.click('Back');
    const favorites = popup.page.getByRole('region', { name: 'Favorites' });
    await expect.poll(() => favorites.locator('.item-name').allTextContents()).toEqual(['Zulu']);
    const others = popup.page.getByRole('region', { name: 'Other items' });
    expect(await others.locator('.item-name').allTextContents()).toEqual(['Alpha']);
    expect(await popup.itemNames()).toEqual(['Zulu', 'Alpha']);
    // The arrow keys go on from the last favorite into the others.
    await popup.page.getByRole('button', { name: /^Zulu/ }).focus();
    await popup.page.keyboard.press('ArrowDown');
    expect(
      await popup.page.evaluate(
        () => document.activeElement?.querySelector('.item-name')?.textContent,
      ),
    ).toBe('Alpha');
  });

  it('creates Kids under Family and draws it nested', async () => {
    const session = await launchExtension();
    sessions.push(session);
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'tree@example.com');
    await openSettings(popup, 'Folders');
    await popup.click('New folder');
    await popup.fill('Folder name', 'Family');
    await popup.click('Save');
    await popup.waitFor('Rename folder Family');
    await popup.click('New folder');
    await popup.select('Parent folder', 'Family');
    await popup.fill('Folder name', 'Kids');
    await popup.click('Save');
    await popup.waitFor('Rename folder Family/Kids');
    const kids = popup.page.locator('.folder-list li', {
      has: popup.page.getByRole('button', { name: 'Rename folder Family/Kids' }),
    });
    const family = popup.page.locator('.folder-list li', {
      has: popup.page.getByRole('button', { name: 'Rename folder Family', exact: true }),
    });
    const left = async (row: typeof kids) =>
      row
        .locator('span')
        .first()
        .evaluate((e) => e.getBoundingClientRect().left);
    expect(await left(kids)).toBeGreaterThan((await left(family)) + 10);
  });
});
