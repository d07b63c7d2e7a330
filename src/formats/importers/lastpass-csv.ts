/**
 * LastPass's vault export CSV: url,username,password,totp,extra,name,grouping,fav. Source: LastPass
 * help, support.logmeininc.com/lastpass/help/how-do-i-import-stored-data-into-lastpass-using-a-
 * generic-csv-file (url `http://sn` makes a secure note, extra is a site's notes or a note's body,
 * grouping the folder, fav 1 or 0); the page's column list has no `totp`, nor do older exports.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { mapRows, readCsv } from '../csv-read';
import type { ImportContext, ParsedImport } from '../import-types';
import type { FileContent } from '../file-content';
import { blankToNull, buildItem, csvText, folderRegistry, nameOrHost, urisOf } from './build-item';

const HEADER = ['url', 'username', 'password', 'extra', 'name', 'grouping', 'fav'];
const SECURE_NOTE_URL = 'http://sn';

export function parseLastPassCsv(input: FileContent, ctx: ImportContext): ParsedImport {
  const { rows } = readCsv(csvText(input, 'LastPass'), { expectedHeader: HEADER });
  const folders = folderRegistry(ctx);
  const items = mapRows(rows, (values) => {
    const fav = values.fav?.trim() ?? '';
    if (fav !== '' && fav !== '0' && fav !== '1') {
      throw new CofferError('errLastPassFav', {
        args: [fav],
        place: { column: 'fav' },
      });
    }
    const isNote = values.url?.trim() === SECURE_NOTE_URL;
    const common = {
      name: nameOrHost(values.name, isNote ? undefined : values.url),
      // Structured notes ("NoteType:Credit Card", addresses…) stay as text: their field names
      // differ between LastPass versions and languages, so parsing them would lose data.
      notes: blankToNull(values.extra),
      folderId: folders.idFor(folderPath(values.grouping)),
      favorite: fav === '1',
    };
    return buildItem(
      isNote
        ? { type: 2, ...common }
        : {
            type: 1,
            ...common,
            login: {
              username: blankToNull(values.username),
              password: blankToNull(values.password),
              totp: blankToNull(values.totp),
              uris: urisOf([values.url]),
            },
          },
      ctx,
    );
  });
  return { folders: folders.folders(), items, unknownTypes: [] };
}

/** Some versions separate nested folders with "\" and write "(none)" for no folder. */
function folderPath(grouping: string | undefined): string | null {
  const path = blankToNull(grouping)?.trim() ?? null;
  if (path === null || path === '(none)') return null;
  return path.replaceAll('\\', '/');
}
