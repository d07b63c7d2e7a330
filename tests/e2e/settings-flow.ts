/** Reaching a Settings entry (ui.md, Settings tab) by its name, in Chromium and Firefox. */
import type { PopupDriver } from './popup-driver';

/** Opens the Settings entry `entry`; resolves once its view, headed by the same name, is shown. */
export async function openSettings(popup: PopupDriver, entry: string): Promise<void> {
  await popup.click('Settings', { role: 'tab' });
  await popup.click(entry);
  await popup.waitFor(entry, { role: 'heading' });
}
