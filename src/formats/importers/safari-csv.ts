/**
 * Safari's and the Passwords app's password export CSV. Source: Apple Developer, "Importing data
 * exported from Safari" (developer.apple.com/documentation/safariservices/importing-data-exported-
 * from-safari): Passwords.csv with a titles row and the columns Title, URL, Username, Password,
 * Notes, OTPAuth (an otpauth:// URL for the verification code).
 */
import { mapRows, readCsv } from '../csv-read';
import type { ImportContext, ParsedImport } from '../import-types';
import type { FileContent } from '../file-content';
import { blankToNull, buildItem, csvText, nameOrHost, urisOf } from './build-item';

const HEADER = ['Title', 'URL', 'Username', 'Password', 'Notes', 'OTPAuth'];

export function parseSafariCsv(input: FileContent, ctx: ImportContext): ParsedImport {
  const { rows } = readCsv(csvText(input, 'Safari'), { expectedHeader: HEADER });
  const items = mapRows(rows, (values) =>
    buildItem(
      {
        type: 1,
        name: nameOrHost(values.Title, values.URL),
        notes: blankToNull(values.Notes),
        login: {
          username: blankToNull(values.Username),
          password: blankToNull(values.Password),
          totp: blankToNull(values.OTPAuth),
          uris: urisOf([values.URL]),
        },
      },
      ctx,
    ),
  );
  return { folders: [], items, unknownTypes: [] };
}
