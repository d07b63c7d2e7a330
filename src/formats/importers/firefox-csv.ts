/**
 * Firefox's about:logins "Export Logins…" CSV. Source: mozilla-firefox toolkit/components/
 * passwordmgr/LoginExport.sys.mjs: columns url (the login's origin), username, password,
 * httpRealm, formActionOrigin, guid, timeCreated, timeLastUsed, timePasswordChanged (ms since the
 * epoch); every non-null value quoted, null written as nothing, CRLF line ends.
 */
import type { Field } from '@/src/vault/item';
import { mapRows, readCsv } from '../csv-read';
import type { ImportContext, ParsedImport } from '../import-types';
import type { FileContent } from '../file-content';
import { blankToNull, buildItem, csvText, epochToIso, nameOrHost, urisOf } from './build-item';

const HEADER = [
  'url',
  'username',
  'password',
  'httpRealm',
  'formActionOrigin',
  'guid',
  'timeCreated',
  'timeLastUsed',
  'timePasswordChanged',
];

export function parseFirefoxCsv(input: FileContent, ctx: ImportContext): ParsedImport {
  const { rows } = readCsv(csvText(input, 'Firefox'), { expectedHeader: HEADER });
  const items = mapRows(rows, (values) => {
    const at = (column: string) => epochToIso(values[column], 'ms', { place: { column } });
    const realm = blankToNull(values.httpRealm);
    // The realm tells apart two HTTP-authentication logins of one origin, and Coffer has no
    // field of its own for it.
    const fields: Field[] =
      realm === null ? [] : [{ name: 'HTTP realm', value: realm, type: 0, linkedId: null }];
    return buildItem(
      {
        type: 1,
        // Firefox logins have no title.
        name: nameOrHost(null, values.url),
        fields,
        login: {
          username: blankToNull(values.username),
          password: blankToNull(values.password),
          uris: urisOf([values.url]),
        },
        creationDate: at('timeCreated'),
        // Firefox keeps no modification date; the password's is the nearest.
        revisionDate: at('timePasswordChanged'),
      },
      ctx,
    );
  });
  return { folders: [], items, unknownTypes: [] };
}
