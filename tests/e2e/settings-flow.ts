/**
 * Reaching a Settings entry (ui.md, Settings tab) by its name, and the key rotation's form, in
 * Chromium and Firefox.
 */
import type { PopupDriver } from './popup-driver';

/** Opens the Settings entry `entry`; resolves once its view, headed by the same name, is shown. */
export async function openSettings(popup: PopupDriver, entry: string): Promise<void> {
  await popup.click('Settings', { role: 'tab' });
  await popup.click(entry);
  await popup.waitFor(entry, { role: 'heading' });
}

/**
 * Opens Rotate account encryption key and fills its form (the acknowledgement, the master
 * password), for the caller to click the button (the bench times that click).
 */
export async function fillRotationForm(popup: PopupDriver, masterPassword: string): Promise<void> {
  await openSettings(popup, ROTATE);
  await popup.click('I understand that my account-restricted exports will stop working', {
    role: 'checkbox',
  });
  await popup.fill('Master password', masterPassword);
}

/** Asks for a key rotation through its form; the caller waits for the answer. */
export async function startRotation(popup: PopupDriver, masterPassword: string): Promise<void> {
  await fillRotationForm(popup, masterPassword);
  await popup.click(ROTATE, { within: 'form' });
}

const ROTATE = 'Rotate account encryption key';
