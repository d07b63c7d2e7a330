import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { sendRequest } from './protocol';
import { openToolbarPopup, ToolbarPopupClosed } from './toolbar-popup';

describe('the built extension in Chromium', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens the popup on the first-run screen', async () => {
    const popup = new PopupPage(await session.openPopup());
    await popup.waitFor('Create your Coffer account', { role: 'heading' });
  });

  it('answers getStatus from the background service worker', async () => {
    const page = await session.openPopup();
    const reply = await sendRequest(page, 'getStatus');
    expect(reply).toEqual({ ok: true, value: { state: 'no-account' } });
  });
});

describe('the toolbar popup', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('pops out into a tab, where the pop-out button is not offered again', async () => {
    // Some page must be focused for the toolbar popup to open on.
    await (await session.context.newPage()).goto('about:blank');
    const tab = await popOutFromToolbar(session);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`chrome-extension://${session.extensionId}/popup.html?tab`);
    const inTab = new PopupPage(tab);
    await inTab.waitFor('Create your Coffer account', { role: 'heading' });
    expect(await inTab.button('Pop out to a tab').count()).toBe(0);
  });

  it('follows the system colour scheme, light and dark', async () => {
    const page = await session.openPopup();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(22, 27, 34)');
  });
});

/**
 * Opens the toolbar popup, clicks "Pop out to a tab" once the popup shows it, and answers the tab
 * it opened. A popup that closed on its own before the click (it lost focus on a loaded machine)
 * is opened again, twice at most: that is the browser's doing, not what this test is about.
 */
async function popOutFromToolbar(session: ExtensionSession): Promise<Page> {
  for (let attempt = 1; ; attempt++) {
    const popup = await openToolbarPopup(session);
    const opened = session.context.waitForEvent('page', { timeout: 30_000 });
    // Not awaited when this attempt fails; its own timeout is then no failure.
    opened.catch(() => undefined);
    try {
      await popup.evaluate(CLICK_POP_OUT);
      return await opened;
    } catch (error) {
      if (!(error instanceof ToolbarPopupClosed) || attempt === 3) throw error;
    }
  }
}

/**
 * In the popup: waits up to 10 s for the button, then clicks it after answering, so the answer is
 * sent before the popup closes itself for the tab.
 */
const CLICK_POP_OUT = `new Promise((resolve, reject) => {
  const deadline = Date.now() + 10000;
  const look = () => {
    const button = document.querySelector('[aria-label="Pop out to a tab"]');
    if (button) {
      setTimeout(() => button.click(), 0);
      resolve(true);
    } else if (Date.now() > deadline) {
      reject(new Error('No "Pop out to a tab" button in the toolbar popup'));
    } else {
      setTimeout(look, 50);
    }
  };
  look();
})`;
