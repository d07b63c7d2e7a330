/**
 * Import Data needs a file picker, and in Firefox a file picker closes the toolbar popup (and the
 * page with it): there the view opens in a tab of its own. Everywhere else it opens in place.
 */
import { browser } from 'wxt/browser';
import { isToolbarPopup } from './pop-out';
import type { Screen } from './screens';

export async function openImport(navigate: (screen: Screen) => void): Promise<void> {
  const isFirefox = 'getBrowserInfo' in browser.runtime;
  if (isFirefox && isToolbarPopup()) {
    await browser.tabs.create({ url: browser.runtime.getURL('/popup.html?tab#import') });
    window.close();
    return;
  }
  navigate({ name: 'import' });
}
