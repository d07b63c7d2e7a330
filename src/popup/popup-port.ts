/**
 * The port a popup holds open while it lives, so the background knows a popup is open and can
 * lock "immediately" when the last one closes. A stopped service worker drops every port: the
 * popup connects again at once, which wakes the new worker and tells it this popup is still
 * open (vault-timeout.ts locks a starting worker that no popup claims).
 */
import { browser } from 'wxt/browser';
import { POPUP_PORT } from '@/src/protocol/envelope';

export function keepPopupPortOpen(): void {
  const port = browser.runtime.connect({ name: POPUP_PORT });
  port.onDisconnect.addListener(() => keepPopupPortOpen());
}
