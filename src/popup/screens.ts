/** Where the unlocked popup is: a union of screens, no router. */
export type Screen =
  | { name: 'vault' }
  | { name: 'item'; id: string }
  | { name: 'edit'; id: string | null; folderId?: string | null }
  | { name: 'settings' }
  | { name: 'folders' }
  | { name: 'export' }
  | { name: 'import' };

/** Which tab a screen belongs to. */
export function tabOf(screen: Screen): 'vault' | 'settings' {
  return screen.name === 'vault' || screen.name === 'item' || screen.name === 'edit'
    ? 'vault'
    : 'settings';
}

/** A page opened as popup.html#import starts on that screen (Firefox opens Import Data in a tab). */
export function initialScreen(hash: string): Screen {
  return hash === '#import' ? { name: 'import' } : { name: 'vault' };
}
