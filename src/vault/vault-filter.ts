/** Which items the vault list shows for a folder choice and a search. */

/** The list's filter: what was typed in search, and which folder choice is made. */
export interface VaultFilter {
  search: string;
  /**
   * 'all', 'favorites', 'none' (no folder), 'archive' (archived items only), 'everything' (every
   * item, archived ones too: choosing items to export), or a folder id.
   */
  folder: string;
}

/** Folder choices that are not folders. */
export const SPECIAL_FILTERS: readonly string[] = [
  'all',
  'favorites',
  'none',
  'archive',
  'everything',
];

/** What the list knows of an item, as far as filtering goes. */
interface Listed {
  name: string;
  subtitle: string | null;
  uris: string[];
  folderId: string | null;
  favorite: boolean;
  archived: boolean;
}

/** Whether the folder choice `folder` shows the item (search aside). */
export function listedUnder(item: Listed, folder: string): boolean {
  if (folder === 'everything') return true;
  // Archived items are out of every list but the archive's, as in Bitwarden.
  if (item.archived !== (folder === 'archive')) return false;
  if (folder === 'favorites') return item.favorite;
  if (folder === 'none') return item.folderId === null;
  return SPECIAL_FILTERS.includes(folder) || item.folderId === folder;
}

/**
 * Whether the folder choice lists its favorites first, under their own heading: the main list and
 * a folder's do; the favorites' own list, the archive and the export's chooser do not.
 */
export function favoritesFirst(folder: string): boolean {
  return folder !== 'favorites' && folder !== 'archive' && folder !== 'everything';
}

/**
 * What search looks in, lower-cased: the name, the line under it and the websites, joined by a
 * character no search can hold, so no match spans two of them.
 */
export function searchTextOf(item: Listed): string {
  return [item.name, item.subtitle ?? '', ...item.uris].join('\u0000').toLowerCase();
}
