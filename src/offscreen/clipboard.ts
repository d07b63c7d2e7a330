/**
 * The clipboard as Chrome's offscreen document reaches it. The document never has focus, so
 * `navigator.clipboard` refuses it; the older editing commands work there with the
 * clipboardRead and clipboardWrite permissions: 'paste' into a textarea reads, and a 'copy'
 * whose event sets an empty text clears.
 */
import { stillHoldsSecret, type PendingClear } from '@/src/vault/clipboard-clear';

/** Clears the clipboard when it still holds the copied secret; says whether it did. */
export async function clearClipboardIfHolds(pending: PendingClear): Promise<boolean> {
  if (!(await stillHoldsSecret(pending, readClipboard()))) return false;
  writeEmptyClipboard();
  return true;
}

/** The clipboard's text, or null when it cannot be read. */
function readClipboard(): string | null {
  const area = document.createElement('textarea');
  document.body.append(area);
  try {
    area.focus();
    return document.execCommand('paste') ? area.value : null;
  } finally {
    area.remove();
  }
}

function writeEmptyClipboard(): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
}
