/**
 * Import Data, Verify backup and adding an attachment need a file picker, and in Firefox a file
 * picker closes the toolbar popup (and the page with it): there these screens open in a tab of
 * their own. Everywhere else they open in place.
 */
import { browser } from 'wxt/browser';
import { isToolbarPopup } from './pop-out';
import { screenHash, type FileScreen, type LinkedScreen, type Screen } from './screens';

/** True where choosing a file would close this page: Firefox's toolbar popup. */
export function filePickerClosesPopup(): boolean {
  const isFirefox = 'getBrowserInfo' in browser.runtime;
  return isFirefox && isToolbarPopup();
}

/** Opens `screen` in a tab of its own and closes the popup. */
export async function openScreenInTab(screen: LinkedScreen): Promise<void> {
  await browser.tabs.create({
    url: browser.runtime.getURL(`/popup.html?tab${screenHash(screen)}`),
  });
  window.close();
}

export async function openFileView(
  name: FileScreen,
  navigate: (screen: Screen) => void,
): Promise<void> {
  if (filePickerClosesPopup()) await openScreenInTab({ name });
  else navigate({ name });
}
