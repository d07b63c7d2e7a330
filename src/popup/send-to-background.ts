/** The popup's transport for the VaultApi client: one runtime message per call. */
import { browser } from 'wxt/browser';
import type { Reply, Request } from '@/src/protocol/envelope';

export function sendToBackground(request: Request): Promise<Reply> {
  return browser.runtime.sendMessage(request) as Promise<Reply>;
}
