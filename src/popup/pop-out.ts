/** Opening the popup in a full tab (ui.md: tests and the "pop out" button use popup.html in a tab). */
import { browser } from 'wxt/browser';

/** True when this page is the toolbar popup itself rather than popup.html in a tab. */
export function isToolbarPopup(): boolean {
  return browser.extension.getViews({ type: 'popup' }).includes(window);
}

export async function popOut(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/popup.html?tab') });
  window.close();
}
