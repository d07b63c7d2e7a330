import type { VaultFilter } from '@/src/protocol/vault-api';

/**
 * Where the unlocked popup is: a union of screens, no router. Each has its row in
 * screen-table.tsx (tab, back target, view).
 */
export type Screen =
  | { name: 'vault' }
  | { name: 'item'; id: string }
  | { name: 'edit'; id: string | null; folderId?: string | null }
  | { name: 'generator' }
  | { name: 'settings' }
  | { name: 'folders' }
  /** `passwordProtected`: start on a password-protected export (after a key rotation). */
  | { name: 'export'; passwordProtected?: boolean }
  | { name: 'import' }
  | { name: 'verify' }
  | { name: 'rotate-key' }
  | { name: 'change-password' };

/** Screens that need a file picker: in Firefox they open in a tab (open-file-view.ts). */
export type FileScreen = 'import' | 'verify';

/**
 * Screens a page can start on, named in its address: the file screens, and an item whose
 * attachments are added in a tab where Firefox's file picker works (popup.html#item=<id>).
 */
export type LinkedScreen = { name: FileScreen } | { name: 'item'; id: string };

const ITEM_HASH = '#item=';

/** The vault list's filter when the popup opens: every item, no search. */
export const WHOLE_VAULT: VaultFilter = { search: '', folder: 'all' };

export function screenHash(screen: LinkedScreen): string {
  return screen.name === 'item' ? ITEM_HASH + encodeURIComponent(screen.id) : `#${screen.name}`;
}

/** The screen a page opened as popup.html#<screenHash> starts on; any other page, the vault. */
export function initialScreen(hash: string): Screen {
  if (hash === '#import') return { name: 'import' };
  if (hash === '#verify') return { name: 'verify' };
  if (hash.startsWith(ITEM_HASH) && hash.length > ITEM_HASH.length) {
    try {
      return { name: 'item', id: decodeURIComponent(hash.slice(ITEM_HASH.length)) };
    } catch {
      // A hand-typed address with a broken escape names no item: the vault is the start.
    }
  }
  return { name: 'vault' };
}
