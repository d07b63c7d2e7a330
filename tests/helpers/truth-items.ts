/** The plaintext of a Bitwarden fixture (truth.json) as Coffer items and folders. */
import type { Folder, Item } from '@/src/vault/item';
import { normalizeItem } from '@/src/vault/normalize-item';
import type { Truth } from './fixtures';

/** The SDK's view objects → Coffer items (the fixture README: `fingerprint` is `keyFingerprint`). */
export function truthItems(truth: Truth): Item[] {
  return truth.items.map((raw, i) => {
    const view = raw as Record<string, unknown> & { sshKey?: Record<string, unknown> | null };
    const shaped = view.sshKey
      ? { ...view, sshKey: { ...view.sshKey, keyFingerprint: view.sshKey.fingerprint } }
      : view;
    const collectionIds = (view.collectionIds as string[] | null)?.length
      ? view.collectionIds
      : null;
    return normalizeItem(
      { ...shaped, collectionIds },
      { maxStringLength: 1_000_000, now: '', newId: () => 'unused', place: { item: i + 1 } },
    );
  });
}

export function truthFolders(truth: Truth): Folder[] {
  return truth.folders.map(({ id, name }) => ({ id, name }));
}
