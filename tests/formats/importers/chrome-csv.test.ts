/**
 * Chrome's and Edge's password export (the same Chromium writer): every row a login, the `name`
 * column (the site's domain) the item's name, and files from before `note` existed still read.
 */
import { describe, expect, it } from 'vitest';
import { CofferError } from '@/src/errors/coffer-error';
import { parseChromeCsv } from '@/src/formats/importers/chrome-csv';
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

describe('parseChromeCsv', () => {
  it('reads Chrome’s sample export: quoting, a multi-line note, an Android app, unicode', () => {
    expect(parseChromeCsv(sample('chrome.csv'), ctx())).toEqual({
      folders: [],
      unknownTypes: [],
      items: [
        login('id-0', 'accounts.google.com', {
          username: 'ada.lovelace@gmail.com',
          password: 'Tr0ub4dor&3',
          uris: [uri('https://accounts.google.com/signin/v2/identifier')],
        }),
        login(
          'id-1',
          'bank.example.com',
          {
            username: 'ada',
            password: 'pa,ss "word"',
            uris: [uri('https://bank.example.com/login')],
          },
          { notes: "Security questions:\nFirst pet: Rex\nMother's maiden name: Byron" },
        ),
        login('id-2', 'com.example.notes', {
          password: 'n0tes-pw',
          uris: [
            uri(
              'android://Jzj5T2E45Hb33D-lk-EHZVCrb7a064dEicTwrTYQYGXO99JqE2YERhbMP1qLogwJiy87OsBzC09Gk094Z-U_hg==@com.example.notes/',
            ),
          ],
        }),
        login(
          'id-3',
          'xn--bcher-kva.example',
          {
            username: 'zoë',
            password: 'пароль🔑',
            uris: [uri('https://xn--bcher-kva.example/konto')],
          },
          { notes: 'Bücher & Co.' },
        ),
      ],
    });
  });

  it('reads Edge’s sample export (CRLF line ends, LF inside a quoted note)', () => {
    expect(parseChromeCsv(sample('edge.csv'), ctx()).items).toEqual([
      login('id-0', 'login.live.com', {
        username: 'ada@outlook.com',
        password: 'Edge-Pa55',
        uris: [uri('https://login.live.com/login.srf')],
      }),
      login(
        'id-1',
        'portal.contoso.com',
        {
          username: 'ada.lovelace',
          password: 'C0nt0so,"VPN"',
          uris: [uri('https://portal.contoso.com/')],
        },
        { notes: 'Shared with IT\nTicket #4711' },
      ),
    ]);
  });

  it('reads exports from before notes, and a file re-saved with a byte-order mark', () => {
    const text = '\uFEFFname,url,username,password\r\n,https://www.example.com/a,ada,pw\r\n';
    expect(parseText(parseChromeCsv, text).items).toEqual([
      // No name in the row: the site's host stands in.
      login('id-0', 'www.example.com', {
        username: 'ada',
        password: 'pw',
        uris: [uri('https://www.example.com/a')],
      }),
    ]);
  });

  it('names an item "(no name)" when neither name nor URL says anything', () => {
    const text = 'name,url,username,password,note\n,,ada,pw,\n';
    expect(parseText(parseChromeCsv, text).items[0]?.name).toBe('(no name)');
  });

  it('rejects another manager’s header in row 1', () => {
    const text = 'url,username,password,extra,name,grouping,fav\nhttps://a.example,u,p,,A,,0\n';
    expect(thrownByText(parseChromeCsv, text)).toMatchObject(invalidCsvAt('row 1'));
  });

  it('names the row with more values than columns', () => {
    const text =
      'name,url,username,password,note\na.example,https://a.example,u,p,\nb,https://b.example,u,p,n,extra\n';
    expect(thrownByText(parseChromeCsv, text)).toMatchObject(invalidCsvAt('row 3'));
  });

  it('takes text only', () => {
    const error = thrownByBytes(parseChromeCsv, new Uint8Array());
    expect(error).toBeInstanceOf(CofferError);
    expect(error).toMatchObject({ code: 'ERR_INVALID_FILE' });
  });
});
