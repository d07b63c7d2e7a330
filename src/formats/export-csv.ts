/**
 * Bitwarden's `.csv` export (formats.md, "`.csv` (plain)"), byte for byte as its SDK writes it:
 * logins and secure notes only, LF line ends, RFC 4180 quoting only where needed (csv-stringify,
 * whose quoting matches the SDK's where papaparse's does not: it leaves a value with leading or
 * trailing spaces unquoted).
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Folder, Item } from '@/src/vault/item';

export const CSV_HEADER = [
  'folder',
  'favorite',
  'type',
  'name',
  'notes',
  'fields',
  'reprompt',
  'login_uri',
  'login_username',
  'login_password',
  'login_totp',
] as const;

/** Item types a CSV export can hold; the view warns about the others before exporting. */
export function isCsvExportable(item: Pick<Item, 'type'>): boolean {
  return item.type === 1 || item.type === 2;
}

/** The secrets a row holds (csvExportRows reads no other): see FormatWriter's `reads`. */
const CSV_SECRETS =
  /^(?:name|notes|fields\[\d+\]\.(?:name|value)|login\.(?:username|password|totp|uris\[\d+\]\.uri))$/;

export function csvReads(path: string): boolean {
  return CSV_SECRETS.test(path);
}

export function csvExportStart(): string {
  return stringify([[...CSV_HEADER]], { record_delimiter: '\n' });
}

/** The rows of the items a CSV can hold, each line ended; other types are left out. */
export function csvExportRows(items: Item[], folders: Folder[]): string {
  const folderNames = new Map(folders.map((f) => [f.id, f.name]));
  const rows: string[][] = [];
  for (const item of items) {
    if (!isCsvExportable(item)) continue;
    const login = item.type === 1 ? item.login : null;
    rows.push([
      (item.folderId && folderNames.get(item.folderId)) || '',
      item.favorite ? '1' : '',
      item.type === 1 ? 'login' : 'note',
      item.name,
      item.notes ?? '',
      (item.fields ?? []).map((f) => `${f.name ?? ''}: ${f.value ?? ''}`).join('\n'),
      String(item.reprompt),
      (login?.uris ?? []).flatMap((u) => (u.uri === null ? [] : [u.uri])).join(','),
      login?.username ?? '',
      login?.password ?? '',
      login?.totp ?? '',
    ]);
  }
  return rows.length === 0 ? '' : stringify(rows, { record_delimiter: '\n' });
}
