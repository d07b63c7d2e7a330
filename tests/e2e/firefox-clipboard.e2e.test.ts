/**
 * Issue #11 in Firefox: a copied password leaves the clipboard after the chosen delay, cleared by
 * the background page itself (Firefox has no offscreen document).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirefoxPopup } from './firefox-popup';
import { launchFirefox, type FirefoxSession } from './launch-firefox';

const PASSWORD = 'correct horse battery staple';
/** The shortest choice, plus slack for the background's timer. */
const CLEAR_AFTER_MS = 10_000;
const SLACK_MS = 5_000;

describe('clearing the clipboard in Firefox', () => {
  let session: FirefoxSession;
  let popup: FirefoxPopup;

  beforeAll(async () => {
    session = await launchFirefox();
    popup = new FirefoxPopup(session.popup);
    await popup.waitForText(/Create your Coffer account/);
    await popup.fill('Email address', 'clipboard.firefox@example.com');
    await popup.fill('Master password', PASSWORD);
    await popup.fill('Confirm master password', PASSWORD);
    await popup.click('Create account');
    await popup.click('New item');
    await popup.waitForText(/Authenticator key/);
    await popup.fill('Name', 'Clipboard login');
    await popup.fill('Password', 'firefox-clipboard-secret');
    await popup.click('Save');
    await popup.waitForText(/Updated: /);
    await popup.click('Back');
    await popup.click('Settings');
    await popup.select('Clear clipboard', '10 seconds');
    await popup.waitForText(/10 seconds/, 'status');
  });
  afterAll(async () => {
    await session?.close();
  });

  const readClipboard = () => session.popup.evaluate(() => navigator.clipboard.readText());

  it('clears a copied password after the delay', async () => {
    await popup.click('Vault');
    await popup.openItem('Clipboard login');
    await popup.click('Copy password');
    await session.popup.waitForFunction(
      async () => (await navigator.clipboard.readText()) === 'firefox-clipboard-secret',
    );
    // The delay itself is what is tested: nothing to wait on but the clock.
    await new Promise((resolve) => setTimeout(resolve, CLEAR_AFTER_MS + SLACK_MS));
    expect(await readClipboard()).toBe('');
  });
});
