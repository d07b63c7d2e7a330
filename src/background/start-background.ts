/**
 * Starts the background: opens the store and answers protocol requests from Coffer's own pages.
 * The message listener is registered synchronously, so a service worker woken by a message
 * receives it.
 */
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { dispatch } from '@/src/protocol/dispatch';
import { isRequest, type Reply } from '@/src/protocol/envelope';
import { openVaultStore } from '@/src/store/vault-store';
import { createHandlers } from './handlers';

export function startBackground(): void {
  const handlersReady = openVaultStore().then((store) => createHandlers({ store }));

  browser.runtime.onMessage.addListener(
    (message: unknown, sender: Runtime.MessageSender): Promise<Reply> | undefined => {
      if (!isRequest(message) || !isFromOwnPage(sender)) return undefined;
      return handlersReady.then((handlers) => dispatch(handlers, message));
    },
  );
}

/** Only Coffer's own extension pages may talk to the vault (no other extension, no web page). */
function isFromOwnPage(sender: Runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL('/'))
  );
}
