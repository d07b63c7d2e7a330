/**
 * Chrome's (and Edge's, the same Chromium code) "Export passwords" CSV. Source: Chromium
 * components/password_manager/core/browser/export/password_csv_writer.cc writes `name,url,
 * username,password,note` (`note` only since 2023), `name` being the site's domain; csv_writer.cc
 * quotes only values that need it and ends lines with CRLF on Windows, LF elsewhere.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { mapRows, readCsv } from '../csv-read';
import type { ImportContext, ParsedImport } from '../import-types';
import type { FileContent } from '../file-content';
import { blankToNull, buildItem, csvText, nameOrHost, urisOf } from './build-item';

/** `note` is not required so that exports from before notes existed still import. */
const HEADER = ['name', 'url', 'username', 'password'];
const ALL_COLUMNS = [...HEADER, 'note'];

export function parseChromeCsv(input: FileContent, ctx: ImportContext): ParsedImport {
  const text = csvText(input, 'Chrome / Edge');
  const { header, rows } = readCsv(text, { expectedHeader: HEADER });
  // LastPass's and Proton Pass's headers hold all of Chrome's columns: without this check their
  // files would import here, silently losing folders and notes.
  const foreign = header.filter((name) => name !== '' && !ALL_COLUMNS.includes(name));
  if (foreign.length > 0) {
    throw new CofferError('errChromeCsvColumns', {
      args: [foreign.join(', ')],
      place: { row: 1 },
    });
  }
  const items = mapRows(rows, (values) =>
    buildItem(
      {
        type: 1,
        name: nameOrHost(values.name, values.url),
        notes: blankToNull(values.note),
        login: {
          username: blankToNull(values.username),
          password: blankToNull(values.password),
          uris: urisOf([values.url]),
        },
      },
      ctx,
    ),
  );
  return { folders: [], items, unknownTypes: [] };
}
