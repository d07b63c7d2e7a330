/**
 * The toolbar icon's badge: a "!" while a backup is due, with the reason in the icon's tooltip.
 * Chrome's and Firefox's MV3 `action` API; the words come from the locale like the popup's.
 */
import { browser } from 'wxt/browser';
import type { Badge } from './context';

const DUE_COLOR = '#b3261e';

export const browserBadge: Badge = {
  async showBackupDue(due) {
    await Promise.all([
      browser.action.setBadgeText({ text: due ? '!' : '' }),
      browser.action.setBadgeBackgroundColor({ color: DUE_COLOR }),
      browser.action.setTitle({
        title: due ? browser.i18n.getMessage('badgeBackupDue') : browser.i18n.getMessage('appName'),
      }),
    ]);
  },
};
