/**
 * Where the unlocked popup is: a union of screens, no router. Each has its row in
 * screen-table.tsx (tab, back target, view).
 */
export type Screen =
  | { name: 'vault' }
  | { name: 'item'; id: string }
  | { name: 'edit'; id: string | null; folderId?: string | null }
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

/** A page opened as popup.html#import (or #verify) starts on that screen. */
export function initialScreen(hash: string): Screen {
  if (hash === '#import') return { name: 'import' };
  if (hash === '#verify') return { name: 'verify' };
  return { name: 'vault' };
}
