/**
 * Bitwarden's `.csv` export (formats.md): logins and secure notes, read back as well as the
 * format allows. It is lossy by design: custom fields are "name: value" lines (all become text
 * fields), URI match types, password history and dates are not in it. Bitwarden's TypeScript
 * exporter (its CLI 2026.9.0, for one) adds an `archivedDate` column after `reprompt`, which its
 * SDK does not write; where the column is there, an archived item stays archived.
 */
import { CofferError } from '@/src/errors/coffer-error';
import type { Field } from '@/src/vault/item';
import { CSV_HEADER } from '../export-csv';
import { mapRows, readCsv } from '../csv-read';
import type { ImportContext, ParsedImport } from '../import-types';
import type { FileContent } from '../file-content';
import { blankToNull, buildItem, csvText, folderRegistry, urisOf } from './build-item';

export function parseBitwardenCsv(input: FileContent, ctx: ImportContext): ParsedImport {
  const table = readCsv(csvText(input, 'Bitwarden (csv)'), { expectedHeader: CSV_HEADER });
  const folders = folderRegistry(ctx);
  const items = mapRows(table.rows, (values) => {
    const type = values.type?.trim().toLowerCase();
    if (type !== 'login' && type !== 'note') {
      throw new CofferError('errCsvUnknownType', {
        args: [values.type ?? ''],
        place: { column: 'type' },
      });
    }
    const reprompt = values.reprompt ?? '';
    if (reprompt !== '' && reprompt !== '0' && reprompt !== '1') {
      throw new CofferError('errCsvReprompt', {
        args: [reprompt],
        place: { column: 'reprompt' },
      });
    }
    const common = {
      name: values.name ?? '',
      notes: blankToNull(values.notes),
      folderId: folders.idFor(values.folder),
      favorite: values.favorite === '1',
      reprompt: (reprompt === '1' ? 1 : 0) as 0 | 1,
      fields: parseFields(values.fields ?? ''),
      archivedDate: blankToNull(values.archivedDate),
    };
    return type === 'note'
      ? buildItem({ ...common, type: 2 }, ctx)
      : buildItem(
          {
            ...common,
            type: 1,
            login: {
              username: blankToNull(values.login_username),
              password: blankToNull(values.login_password),
              totp: blankToNull(values.login_totp),
              uris: urisOf(splitUriList(values.login_uri ?? '')),
            },
          },
          ctx,
        );
  });
  return { folders: folders.folders(), items, unknownTypes: [] };
}

/**
 * "name: value" lines, as Bitwarden writes them. The format cannot tell which ": " separates a
 * name from its value when either holds one; names are short labels far more often than values
 * are ("Answer: Berlin"), so the line is split at its first ": ". A value may hold line breaks: a
 * line without ": " continues the value before it.
 */
function parseFields(text: string): Field[] {
  if (text === '') return [];
  const fields: Field[] = [];
  for (const line of text.split(/\r?\n/)) {
    const separator = line.indexOf(': ');
    const ends = line.endsWith(':');
    if (separator < 0 && !ends && fields.length > 0) {
      const last = fields[fields.length - 1]!;
      last.value = `${last.value ?? ''}\n${line}`;
      continue;
    }
    const [name, value] =
      separator >= 0
        ? [line.slice(0, separator), line.slice(separator + 2)]
        : ends
          ? [line.slice(0, -1), '']
          : [line, ''];
    fields.push({ name, value, type: 0, linkedId: null });
  }
  return fields;
}

/**
 * Bitwarden joins a login's URIs with "," but a URI may itself hold commas (a query string). A
 * comma separates two URIs only when what follows looks like the start of one: a scheme, a host
 * or IP address, or a regular expression.
 */
function splitUriList(value: string): string[] {
  if (value.trim() === '') return [];
  const startsUri =
    /^\s*(?:[a-z][a-z0-9+.-]*:|\[|\^|[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:[/?#]|$)|\d+\.\d+\.\d+\.\d+)/i;
  const uris: string[] = [];
  for (const piece of value.split(',')) {
    if (uris.length > 0 && !startsUri.test(piece)) uris[uris.length - 1] += `,${piece}`;
    else uris.push(piece);
  }
  return uris;
}
