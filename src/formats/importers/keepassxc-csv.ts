/**
 * KeePassXC's "Export to CSV". Source: keepassxreboot/keepassxc src/format/CsvExporter.cpp and
 * tests/TestCsvExporter.cpp: every value quoted, LF line ends, Group is the path from the root
 * group ("Root/Email"); 2.7 added TOTP (an otpauth:// URL), Icon and ISO 8601 dates
 * ("Last Modified", "Created", e.g. 2024-02-06T19:44:51Z), so those columns are optional here.
 */
import { CofferError, type Location } from '@/src/errors/coffer-error';
import { mapRows, readCsv } from '../csv-read';
import type { ImportContext, ParsedImport } from '../import-types';
import type { FileContent } from '../file-content';
import { blankToNull, buildItem, csvText, folderRegistry, nameOrHost, urisOf } from './build-item';

const HEADER = ['Group', 'Title', 'Username', 'Password', 'URL', 'Notes'];

export function parseKeePassXcCsv(input: FileContent, ctx: ImportContext): ParsedImport {
  const { rows } = readCsv(csvText(input, 'KeePassXC'), { expectedHeader: HEADER });
  const folders = folderRegistry(ctx);
  const items = mapRows(rows, (values) => {
    const date = (column: string) => isoDate(values[column], { place: { column } });
    return buildItem(
      {
        type: 1,
        name: nameOrHost(values.Title, values.URL),
        notes: blankToNull(values.Notes),
        folderId: folders.idFor(folderPath(values.Group)),
        login: {
          username: blankToNull(values.Username),
          password: blankToNull(values.Password),
          totp: blankToNull(values.TOTP),
          uris: urisOf([values.URL]),
        },
        creationDate: date('Created'),
        revisionDate: date('Last Modified'),
      },
      ctx,
    );
  });
  return { folders: folders.folders(), items, unknownTypes: [] };
}

/**
 * The first segment is the database's root group ("Root" unless renamed), which every entry is
 * under: it is dropped, and entries directly in it get no folder.
 */
function folderPath(group: string | undefined): string | null {
  const segments = (group ?? '').split('/').slice(1);
  return blankToNull(segments.join('/'));
}

function isoDate(value: string | undefined, location: Location): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) {
    throw new CofferError('errExpectedIsoDate', {
      args: [text],
      ...location,
    });
  }
  return new Date(ms).toISOString();
}
