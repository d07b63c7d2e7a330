/**
 * A copied password leaves the clipboard after the chosen delay, also when the popup has closed
 * by then (Chrome's worker clears it through the offscreen document), and only if the clipboard
 * still holds it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';

/** The shortest choice, plus slack for the worker's timer and the offscreen document. */
const CLEAR_AFTER_MS = 10_000;
const SLACK_MS = 5_000;

describe('clearing the clipboard in Chromium', () => {
  let session: ExtensionSession;
  let reader: Page;

  beforeAll(async () => {
    session = await launchExtension();
    // Coffer's own pages may use the clipboard through its clipboardRead/Write permissions.
    const origin = `chrome-extension://${session.extensionId}`;
    const popup = new PopupPage(await session.openPopup());
    await popup.createAccount('clipboard@example.com');
    await popup.addItem({
      type: 'Login',
      name: 'Clipboard login',
      fields: { Username: 'ada', Password: 'clipboard-secret-1' },
    });
    await popup.page.getByRole('tab', { name: 'Settings', exact: true }).click();
    await popup.field('Clear clipboard').selectOption({ label: '10 seconds' });
    await popup.page.getByRole('status').filter({ hasText: '10 seconds' }).waitFor();
    await popup.page.close();
    // An extension page of Coffer's own, to read and write the clipboard as the test.
    reader = await session.context.newPage();
    await reader.goto(`${origin}/popup.html`);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function readClipboard(): Promise<string> {
    await reader.bringToFront();
    return reader.evaluate(() => navigator.clipboard.readText());
  }

  async function copyPasswordAndClose(): Promise<void> {
    const popup = new PopupPage(await session.openPopup());
    await popup.page.bringToFront();
    await popup.page.getByRole('button', { name: 'Clipboard login' }).first().click();
    await popup.button('Copy password').click();
    // The background is told right after the copy; a moment lets that message leave.
    await popup.page.waitForTimeout(500);
    await popup.page.close();
  }

  it('clears a copied password after the delay, with the popup closed', async () => {
    await copyPasswordAndClose();
    expect(await readClipboard()).toBe('clipboard-secret-1');
    await reader.waitForTimeout(CLEAR_AFTER_MS + SLACK_MS);
    expect(await readClipboard()).toBe('');
  });

  it('keeps what was copied elsewhere before the delay ended', async () => {
    await copyPasswordAndClose();
    expect(await readClipboard()).toBe('clipboard-secret-1');
    await reader.bringToFront();
    await reader.evaluate(() => navigator.clipboard.writeText('a recipe, copied meanwhile'));
    await reader.waitForTimeout(CLEAR_AFTER_MS + SLACK_MS);
    expect(await readClipboard()).toBe('a recipe, copied meanwhile');
  });
});
