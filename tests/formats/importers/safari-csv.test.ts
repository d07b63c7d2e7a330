/**
 * Safari's and the Passwords app's export: logins with their verification-code URL as TOTP.
 */
import { describe, expect, it } from 'vitest';
import { parseSafariCsv } from '@/src/formats/importers/safari-csv';
import {
  ctx,
  invalidCsvAt,
  login,
  sample,
  thrownByBytes,
  thrownByText,
  uri,
} from './expected-items';

describe('parseSafariCsv', () => {
  it('reads the sample export: TOTP, a multi-line note, quotes and commas, unicode, no title', () => {
    expect(parseSafariCsv(sample('safari.csv'), ctx())).toEqual({
      folders: [],
      unknownTypes: [],
      items: [
        login('id-0', 'example.com (ada@example.com)', {
          username: 'ada@example.com',
          password: 'hunter2',
          totp: 'otpauth://totp/Example:ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
          uris: [uri('https://example.com/')],
        }),
        login(
          'id-1',
          'shop.example (ada)',
          { username: 'ada', password: 'p@ss,"w0rd"', uris: [uri('https://shop.example/account')] },
          { notes: 'Gift card PIN: 4411\nLoyalty #: 99-1234' },
        ),
        login(
          'id-2',
          'bäckerei-müller.example (zoë)',
          {
            username: 'zoë',
            password: 'Brötchen🥐',
            uris: [uri('https://xn--bckerei-mller-6ib3m.example/')],
          },
          { notes: 'Frühstück für 2 €' },
        ),
        // No title: the URL's host stands in; the empty password is nothing.
        login(
          'id-3',
          '192.168.1.1',
          { username: 'admin', uris: [uri('http://192.168.1.1/')] },
          { notes: 'Router: change the default password' },
        ),
      ],
    });
  });

  it('rejects a header without the OTPAuth column in row 1', () => {
    const text = 'Title,URL,Username,Password,Notes\nA,https://a.example,u,p,\n';
    expect(thrownByText(parseSafariCsv, text)).toMatchObject(invalidCsvAt('row 1'));
  });

  it('names the row whose quoted value is never closed', () => {
    const text =
      'Title,URL,Username,Password,Notes,OTPAuth\nA,https://a.example,u,p,,\nB,https://b.example,u,"p,,\n';
    expect(thrownByText(parseSafariCsv, text)).toMatchObject(invalidCsvAt('row 3'));
  });

  it('takes text only', () => {
    expect(thrownByBytes(parseSafariCsv)).toMatchObject({ code: 'ERR_INVALID_FILE' });
  });
});
