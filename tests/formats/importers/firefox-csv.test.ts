/**
 * Firefox's about:logins export: logins named after their site, the HTTP realm kept as a field,
 * and the millisecond times as the item's dates.
 */
import { describe, expect, it } from 'vitest';
import { parseFirefoxCsv } from '@/src/formats/importers/firefox-csv';
import {
  NOW,
  ctx,
  field,
  invalidCsvAt,
  login,
  parseText,
  sample,
  thrownByBytes,
  thrownByText,
  uri,
} from './expected-items';

const HEADER =
  '"url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"';

describe('parseFirefoxCsv', () => {
  it('reads the sample export: dates, an HTTP-auth login, quotes and commas, unicode, no username', () => {
    expect(parseFirefoxCsv(sample('firefox.csv'), ctx())).toEqual({
      folders: [],
      unknownTypes: [],
      items: [
        login(
          'id-0',
          'accounts.example.com',
          {
            username: 'joe@example.com',
            password: 'qwerty',
            uris: [uri('https://accounts.example.com')],
          },
          { creationDate: '2020-05-16T08:30:14.635Z', revisionDate: '2020-05-16T08:30:46.802Z' },
        ),
        login(
          'id-1',
          'intranet.example.org',
          {
            username: 'ada',
            password: 's3cr"et,pw',
            uris: [uri('https://intranet.example.org:8443')],
          },
          {
            creationDate: '2023-01-01T00:00:00.000Z',
            revisionDate: '2023-07-01T00:00:00.000Z',
            fields: [field('HTTP realm', 'Staff Only')],
          },
        ),
        login(
          'id-2',
          'www.xn--mnchen-3ya.example',
          {
            username: 'zoë',
            password: '🔑 Grüße 2024',
            uris: [uri('https://www.xn--mnchen-3ya.example')],
          },
          { creationDate: '2023-11-14T22:13:20.000Z', revisionDate: '2023-11-14T22:13:20.000Z' },
        ),
        login(
          'id-3',
          'pin.example.net',
          { password: '1234', uris: [uri('https://pin.example.net')] },
          { creationDate: '2020-09-13T12:26:40.123Z', revisionDate: '2020-09-13T12:26:40.123Z' },
        ),
      ],
    });
  });

  it('uses `now` for missing times and "(no name)" for a login without a readable URL', () => {
    const text = `${HEADER}\r\n"not a url","u","p",,,"{x}",,,\r\n`;
    expect(parseText(parseFirefoxCsv, text).items).toEqual([
      login(
        'id-0',
        '(no name)',
        { username: 'u', password: 'p', uris: [uri('not a url')] },
        { creationDate: NOW, revisionDate: NOW },
      ),
    ]);
  });

  it('rejects Chrome’s header in row 1', () => {
    const text = 'name,url,username,password,note\na,https://a.example,u,p,\n';
    expect(thrownByText(parseFirefoxCsv, text)).toMatchObject(invalidCsvAt('row 1'));
  });

  it('names the row and column of a time that is not milliseconds', () => {
    const text = [
      HEADER,
      '"https://a.example","u","p",,"https://a.example","{a}","1589617814635","1589617814635","1589617814635"',
      '"https://b.example","u","p",,"https://b.example","{b}","yesterday","1589617814635","1589617814635"',
    ].join('\r\n');
    expect(thrownByText(parseFirefoxCsv, text)).toMatchObject(
      invalidCsvAt('row 3, column timeCreated'),
    );
  });

  it('takes text only', () => {
    expect(thrownByBytes(parseFirefoxCsv)).toMatchObject({ code: 'ERR_INVALID_FILE' });
  });
});
