import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { sendRequest } from './protocol';
import { openToolbarPopup } from './toolbar-popup';

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
    const popup = await openToolbarPopup(session);
    const [tab] = await Promise.all([
      session.context.waitForEvent('page'),
      popup.evaluate(`document.querySelector('[aria-label="Pop out to a tab"]').click()`),
    ]);
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
