/** A clipboard in memory behind the ClipboardAccess the background uses, for handler tests. */
import type { ClipboardAccess } from '@/src/background/clipboard-clearer';
import { stillHoldsSecret } from '@/src/vault/clipboard-clear';

export interface FakeClipboard extends ClipboardAccess {
  text: string;
}

export function createFakeClipboard(): FakeClipboard {
  const clipboard: FakeClipboard = {
    text: '',
    async clearIfHolds(pending) {
      if (await stillHoldsSecret(pending, clipboard.text)) clipboard.text = '';
    },
  };
  return clipboard;
}
