/**
 * LastPass's export: sites become logins, `http://sn` rows secure notes (structured ones kept as
 * text), `grouping` the folder with "\" read as "/", `fav` the favourite flag.
 */
import { describe, expect, it } from 'vitest';
import { parseLastPassCsv } from '@/src/formats/importers/lastpass-csv';
import {
  ctx,
  invalidCsvAt,
  login,
  note,
  parseText,
  sample,
  thrownByBytes,
  thrownByText,
  uri,
} from './expected-items';

describe('parseLastPassCsv', () => {
  it('reads the sample export: folders, favourites, TOTP, secure notes, quoting, unicode', () => {
    expect(parseLastPassCsv(sample('lastpass.csv'), ctx())).toEqual({
      folders: [
        { id: 'id-0', name: 'Dev/Code' },
        { id: 'id-2', name: 'Finance' },
        { id: 'id-4', name: 'Finance/Cards' },
        { id: 'id-7', name: 'Privé' },
      ],
      unknownTypes: [],
      items: [
        login(
          'id-1',
          'GitHub',
          {
            username: 'ada-lovelace',
            password: 'gh-Secret-42',
            totp: 'JBSWY3DPEHPK3PXP',
            uris: [uri('https://github.com/login')],
          },
          { folderId: 'id-0', favorite: true },
        ),
        login(
          'id-3',
          'Bank of Example',
          {
            username: 'ada',
            password: 'pa,ss "word"',
            uris: [uri('https://bank.example.com/login')],
          },
          { folderId: 'id-2', notes: 'Branch: Kensington\nAccount: 12-34-56 / 01234567' },
        ),
        note('id-5', 'Visa travel card', {
          folderId: 'id-4',
          notes: [
            'NoteType:Credit Card',
            'Language:en-US',
            'Name on Card:Ada Lovelace',
            'Type:Visa',
            'Number:4111111111111111',
            'Security Code:123',
            'Start Date:,',
            'Expiration Date:June,2029',
            'Notes:Travel card',
          ].join('\n'),
        }),
        note('id-6', 'Home Wi-Fi', {
          notes: 'SSID: Zuhause\nKey: Grüße-aus-Köln 🍺',
          favorite: true,
        }),
        login(
          'id-8',
          'Café Crème',
          { username: 'zoë', password: 'crème-brûlée', uris: [uri('https://café.example/')] },
          { folderId: 'id-7' },
        ),
        // No name: the host stands in; "(none)" is no folder.
        login('id-9', 'intranet.example.org', { uris: [uri('https://intranet.example.org/')] }),
      ],
    });
  });

  it('reads older exports without the totp column', () => {
    const text = 'url,username,password,extra,name,grouping,fav\nhttp://sn,,,,,,\n';
    // A nameless secure note has no site to be named after.
    expect(parseText(parseLastPassCsv, text).items).toEqual([note('id-0', '(no name)')]);
  });

  it('rejects a header without grouping in row 1', () => {
    const text = 'url,username,password,totp,extra,name,fav\nhttps://a.example,u,p,,,A,0\n';
    expect(thrownByText(parseLastPassCsv, text)).toMatchObject(invalidCsvAt('row 1'));
  });

  it('names the row and column of a favourite flag that is not 1 or 0', () => {
    const text =
      'url,username,password,totp,extra,name,grouping,fav\nhttps://a.example,u,p,,,A,,0\nhttps://b.example,u,p,,,B,,yes\n';
    expect(thrownByText(parseLastPassCsv, text)).toMatchObject(invalidCsvAt('row 3, column fav'));
  });

  it('takes text only', () => {
    expect(thrownByBytes(parseLastPassCsv)).toMatchObject({ code: 'ERR_INVALID_FILE' });
  });
});
