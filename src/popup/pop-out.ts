/** Opening the popup in a full tab (ui.md: tests and the "pop out" button use popup.html in a tab). */
import { browser } from 'wxt/browser';

/** True when this page is a real toolbar popup rather than a tab. */
export function isToolbarPopup(): boolean {
  return (
    !new URLSearchParams(location.search).has('tab') &&
    window.innerWidth <= 800 &&
    window.outerWidth <= 800
  );
}

export async function popOut(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/popup.html?tab') });
  window.close();
}
