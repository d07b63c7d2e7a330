/**
 * The file formats Import Data offers, in the order the popup lists them (ui.md: Bitwarden (json)
 * first, then Bitwarden (csv), then other managers). Plain data shared by the popup (labels) and
 * the background (which parses them).
 */

export const IMPORT_FORMATS = [
  {
    id: 'bitwarden_json',
    label: 'Bitwarden (json)',
    binary: false,
    accept: '.json,application/json',
  },
  { id: 'bitwarden_csv', label: 'Bitwarden (csv)', binary: false, accept: '.csv,text/csv' },
  { id: 'chrome_csv', label: 'Chrome / Edge (csv)', binary: false, accept: '.csv,text/csv' },
  { id: 'firefox_csv', label: 'Firefox (csv)', binary: false, accept: '.csv,text/csv' },
  { id: 'safari_csv', label: 'Safari / Passwords (csv)', binary: false, accept: '.csv,text/csv' },
  { id: 'lastpass_csv', label: 'LastPass (csv)', binary: false, accept: '.csv,text/csv' },
  { id: 'onepassword_1pux', label: '1Password (1pux)', binary: true, accept: '.1pux' },
  { id: 'keepassxc_csv', label: 'KeePassXC (csv)', binary: false, accept: '.csv,text/csv' },
  { id: 'protonpass_csv', label: 'Proton Pass (csv)', binary: false, accept: '.csv,text/csv' },
] as const;

export type ImportFormatId = (typeof IMPORT_FORMATS)[number]['id'];

export function isImportFormatId(value: unknown): value is ImportFormatId {
  return IMPORT_FORMATS.some((f) => f.id === value);
}

/** Binary formats travel in messages as base64 and cannot be pasted. */
export function isBinaryFormat(id: ImportFormatId): boolean {
  return IMPORT_FORMATS.find((f) => f.id === id)?.binary ?? false;
}
