/**
 * Bitwarden's `.csv`: the SDK's eleven columns, and the `archivedDate` column its TypeScript
 * exporter (the CLI 2026.9.0 among them) adds after `reprompt`.
 */
import { describe, expect, it } from 'vitest';
import { parseBitwardenCsv } from '@/src/formats/importers/bitwarden-csv';
import { login, note, parseText, thrownByText, uri } from './expected-items';

const CLI_HEADER =
  'folder,favorite,type,name,notes,fields,reprompt,archivedDate,login_uri,login_username,login_password,login_totp';
const SDK_HEADER =
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';

describe('parseBitwardenCsv', () => {
  it('keeps the archive date of rows that have one when the file has the column', () => {
    const csv = [
      CLI_HEADER,
      ',,login,Old forum,,,1,2025-11-12T13:14:15.161Z,https://forum.example/,old.user,pw,',
      ',,note,Plain note,body,,0,,,,,',
    ].join('\r\n');
    expect(parseText(parseBitwardenCsv, csv).items).toEqual([
      login(
        'id-0',
        'Old forum',
        { username: 'old.user', password: 'pw', uris: [uri('https://forum.example/')] },
        { reprompt: 1, archivedDate: '2025-11-12T13:14:15.161Z' },
      ),
      note('id-1', 'Plain note', { notes: 'body' }),
    ]);
  });

  it('reads a file without the column (the SDK writes none) with no archive dates', () => {
    const csv = [SDK_HEADER, ',,note,Plain note,body,,0,,,,', ''].join('\n');
    const [item] = parseText(parseBitwardenCsv, csv).items;
    expect(item).toEqual(note('id-0', 'Plain note', { notes: 'body' }));
    expect(item).not.toHaveProperty('archivedDate');
  });

  it('refuses an archive date that is not a date, naming its row', () => {
    const csv = [CLI_HEADER, ',,note,Plain note,body,,0,last tuesday,,,,'].join('\n');
    expect(thrownByText(parseBitwardenCsv, csv)).toMatchObject({
      code: 'ERR_INVALID_FILE',
      where: expect.stringMatching(/\brow 2\b/),
    });
  });
});
