/**
 * KeePassXC's CSV export: the group path without its root becomes the folder, TOTP the login's
 * TOTP, and the ISO 8601 dates the item's dates.
 */
import { describe, expect, it } from 'vitest';
import { parseKeePassXcCsv } from '@/src/formats/importers/keepassxc-csv';
import {
  ctx,
  invalidCsvAt,
  login,
  parseText,
  sample,
  thrownByBytes,
  thrownByText,
  uri,
} from './expected-items';

const HEADER =
  '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"';

describe('parseKeePassXcCsv', () => {
  it('reads the sample export: groups, TOTP, dates, a multi-line note, quotes, unicode', () => {
    expect(parseKeePassXcCsv(sample('keepassxc.csv'), ctx())).toEqual({
      folders: [
        { id: 'id-1', name: 'Email' },
        { id: 'id-3', name: 'Banking/Cards' },
        { id: 'id-5', name: 'Privé' },
      ],
      unknownTypes: [],
      items: [
        // Directly in the root group: no folder.
        login(
          'id-0',
          'Sample Entry',
          { username: 'User Name', password: 'Password', uris: [uri('https://keepass.info/')] },
          {
            notes: 'Notes',
            creationDate: '2024-02-06T19:44:51.000Z',
            revisionDate: '2024-02-06T19:44:51.000Z',
          },
        ),
        login(
          'id-2',
          'Gmail',
          {
            username: 'ada.lovelace@gmail.com',
            password: 'g-M4il-pw',
            totp: 'otpauth://totp/Gmail:ada.lovelace@gmail.com?secret=JBSWY3DPEHPK3PXP&period=30&digits=6&issuer=Gmail',
            uris: [uri('https://mail.google.com/')],
          },
          {
            folderId: 'id-1',
            notes: 'Recovery codes:\n1111-2222\n3333-4444',
            creationDate: '2025-03-10T08:57:01.000Z',
            revisionDate: '2025-03-10T09:03:48.000Z',
          },
        ),
        login(
          'id-4',
          'Bank "Premium", Gold',
          { username: 'ada', password: 'p,w "x"', uris: [uri('https://bank.example.com/')] },
          {
            folderId: 'id-3',
            creationDate: '2023-01-01T00:00:00.000Z',
            revisionDate: '2023-11-14T22:13:20.000Z',
          },
        ),
        login(
          'id-6',
          'Café Crème',
          { username: 'zoë', password: 'Brötchen🥐' },
          {
            folderId: 'id-5',
            notes: 'Frühstück',
            creationDate: '2024-06-30T08:30:00.000Z',
            revisionDate: '2024-07-01T12:00:00.000Z',
          },
        ),
        // No title: named after the URL's host, though the URL has no scheme.
        login(
          'id-7',
          'imap.example.com',
          { uris: [uri('imap.example.com')] },
          {
            folderId: 'id-1',
            creationDate: '2024-01-01T00:00:00.000Z',
            revisionDate: '2024-01-01T00:00:00.000Z',
          },
        ),
      ],
    });
  });

  it('reads the six columns of KeePassXC before 2.7, and a renamed root group', () => {
    const text =
      '"Group","Title","Username","Password","URL","Notes"\n"Passwords/Web","Example","me","pw","https://example.com",""\n';
    expect(parseText(parseKeePassXcCsv, text)).toEqual({
      folders: [{ id: 'id-0', name: 'Web' }],
      unknownTypes: [],
      items: [
        login(
          'id-1',
          'Example',
          { username: 'me', password: 'pw', uris: [uri('https://example.com')] },
          { folderId: 'id-0' },
        ),
      ],
    });
  });

  it('rejects KeePass 2’s own CSV header in row 1', () => {
    const text = '"Account","Login Name","Password","Web Site","Comments"\n"A","u","p","",""\n';
    expect(thrownByText(parseKeePassXcCsv, text)).toMatchObject(invalidCsvAt('row 1'));
  });

  it('names the row and column of a date that is not ISO 8601', () => {
    const text = [
      HEADER,
      '"Root","A","u","p","","","","0","2024-01-01T00:00:00Z","2024-01-01T00:00:00Z"',
      '"Root","B","u","p","","","","0","2024-01-01T00:00:00Z","01/02/2024"',
    ].join('\n');
    expect(thrownByText(parseKeePassXcCsv, text)).toMatchObject(
      invalidCsvAt('row 3, column Created'),
    );
  });

  it('takes text only', () => {
    expect(thrownByBytes(parseKeePassXcCsv)).toMatchObject({ code: 'ERR_INVALID_FILE' });
  });
});
