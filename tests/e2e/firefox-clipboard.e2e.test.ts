/**
 * Issue #11 in Firefox: a copied password leaves the clipboard after the chosen delay, cleared by
 * the background page itself (Firefox has no offscreen document).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from './account-flow';
import { FirefoxPopup } from './firefox-popup';
import { addItem } from './item-flow';
import { launchFirefox, type FirefoxSession } from './launch-firefox';

/** The shortest choice, plus slack for the background's timer. */
const CLEAR_AFTER_MS = 10_000;
const SLACK_MS = 5_000;

describe('clearing the clipboard in Firefox', () => {
  let session: FirefoxSession;
  let popup: FirefoxPopup;

  beforeAll(async () => {
    session = await launchFirefox();
    popup = new FirefoxPopup(session.popup);
    await popup.waitFor('Create your Coffer account', { role: 'heading' });
    await createAccount(popup, 'clipboard.firefox@example.com');
    await addItem(popup, {
      type: 'Login',
      name: 'Clipboard login',
      fields: { Password: 'firefox-clipboard-secret' },
    });
    await popup.click('Settings', { role: 'tab' });
    await popup.select('Clear clipboard', '10 seconds');
    await popup.waitForText(/10 seconds/, 'status');
  });
  afterAll(async () => {
    await session?.close();
  });

  const readClipboard = () => session.popup.evaluate(() => navigator.clipboard.readText());

  it('clears a copied password after the delay', async () => {
    await popup.click('Vault', { role: 'tab' });
    await popup.openItem('Clipboard login');
    await popup.click('Copy password');
    await session.popup.waitForFunction(
      async () => (await navigator.clipboard.readText()) === 'firefox-clipboard-secret',
    );
    // Cleared within the delay and its slack: the clipboard is read until it is empty.
    await session.popup.waitForFunction(async () => (await navigator.clipboard.readText()) === '', {
      timeout: CLEAR_AFTER_MS + SLACK_MS,
      polling: 100,
    });
    expect(await readClipboard()).toBe('');
  });
});
