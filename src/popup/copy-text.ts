/**
 * Copies text for the person. A secret (password, code, card number, …) is cleared from the
 * clipboard by the background after the chosen delay; it is told only the text's hash.
 */
import type { VaultClient } from '@/src/protocol/vault-api';
import { clipboardHash } from '@/src/vault/clipboard-clear';

export async function copyText(
  client: Pick<VaultClient, 'clipboardCopied'>,
  text: string,
  secret: boolean,
): Promise<void> {
  await navigator.clipboard.writeText(text);
  if (!secret) return;
  // The copy itself worked; a clear that cannot be scheduled must not undo it.
  await client
    .clipboardCopied({ hash: await clipboardHash(text) })
    .catch((error: unknown) => console.warn('Coffer: clipboard clear not scheduled', error));
}
