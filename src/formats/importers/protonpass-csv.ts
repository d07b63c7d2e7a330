/**
 * Proton Pass's CSV export. Source: ProtonMail/WebClients packages/pass/lib/export/csv.ts
 * (papaparse unparse: CRLF, quoted where needed): type,name,url,email,username,password,note,totp,
 * createTime,modifyTime,vault; URLs joined with ", ", times in seconds since 1970, cards and
 * identities as JSON in `note`. Older exports lack `type` and `email` (protonpass.csv.types.ts).
 */
import type { Field } from '@/src/vault/item';
import { mapRows, readCsv } from '../csv-read';
import type { ImportContext, ParsedImport } from '../import-types';
import type { FileContent } from '../file-content';
import {
  blankToNull,
  buildItem,
  csvText,
  epochToIso,
  folderRegistry,
  nameOrHost,
  urisOf,
} from './build-item';

const HEADER = [
  'name',
  'url',
  'username',
  'password',
  'note',
  'totp',
  'createTime',
  'modifyTime',
  'vault',
];
/** Aliases are logins whose username is the alias address (in `email`). */
const LOGIN_TYPES = new Set(['', 'login', 'alias']);

export function parseProtonPassCsv(input: FileContent, ctx: ImportContext): ParsedImport {
  const { rows } = readCsv(csvText(input, 'Proton Pass'), { expectedHeader: HEADER });
  const folders = folderRegistry(ctx);
  const items = mapRows(rows, (values) => {
    const time = (column: string) => epochToIso(values[column], 's', { place: { column } });
    const urls = (values.url ?? '').split(', ');
    const password = blankToNull(values.password);
    const common = {
      name: nameOrHost(values.name, urls[0]),
      // Cards and identities stay secure notes with their JSON: every field survives as text.
      notes: blankToNull(values.note),
      folderId: folders.idFor(values.vault),
      creationDate: time('createTime'),
      revisionDate: time('modifyTime'),
    };
    if (!LOGIN_TYPES.has(values.type?.trim() ?? '')) {
      // Wi-Fi items have a password too.
      const fields: Field[] =
        password === null ? [] : [{ name: 'Password', value: password, type: 1, linkedId: null }];
      return buildItem({ type: 2, ...common, fields }, ctx);
    }
    const username = blankToNull(values.username);
    const email = blankToNull(values.email);
    const fields: Field[] =
      username !== null && email !== null
        ? [{ name: 'Email', value: email, type: 0, linkedId: null }]
        : [];
    return buildItem(
      {
        type: 1,
        ...common,
        fields,
        login: {
          username: username ?? email,
          password,
          totp: blankToNull(values.totp),
          uris: urisOf(urls),
        },
      },
      ctx,
    );
  });
  return { folders: folders.folders(), items, unknownTypes: [] };
}
