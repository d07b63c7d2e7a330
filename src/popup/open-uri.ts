/**
 * A login's URI opened in a new tab (the item view's `Open`). Only http and https: a stored URI
 * may be `javascript:`, `file:`, `data:` or an app link (`androidapp://`), none of which a
 * person means to run from a password manager.
 */
import { browser } from 'wxt/browser';

export function isOpenableUri(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export async function openUri(value: string): Promise<void> {
  if (!isOpenableUri(value)) return;
  await browser.tabs.create({ url: new URL(value).href });
}
