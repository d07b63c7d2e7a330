/**
 * Import Data and Verify backup need a file picker, and in Firefox a file picker closes the
 * toolbar popup (and the page with it): there these views open in a tab of their own. Everywhere
 * else they open in place.
 */
import { browser } from 'wxt/browser';
import { isToolbarPopup } from './pop-out';
import type { FileScreen, Screen } from './screens';

export async function openFileView(
  name: FileScreen,
  navigate: (screen: Screen) => void,
): Promise<void> {
  const isFirefox = 'getBrowserInfo' in browser.runtime;
  if (isFirefox && isToolbarPopup()) {
    await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?tab#${name}`) });
    window.close();
    return;
  }
  navigate({ name });
}
