/**
 * Firefox's background is an event page with a DOM: with the clipboardRead and clipboardWrite
 * permissions it reads and writes the clipboard itself, no offscreen document needed.
 */
import { stillHoldsSecret } from '@/src/vault/clipboard-clear';
import type { ClipboardAccess } from './clipboard-clearer';

/** The page's clipboard, or undefined in a service worker (Chrome), which has none. */
export function pageClipboard(): ClipboardAccess | undefined {
  const clipboard = (globalThis as { navigator?: { clipboard?: Clipboard } }).navigator?.clipboard;
  if (!clipboard || typeof document === 'undefined') return undefined;
  return {
    async clearIfHolds(pending) {
      const current = await clipboard.readText().catch(() => null);
      if (await stillHoldsSecret(pending, current)) await clipboard.writeText('');
    },
  };
}
