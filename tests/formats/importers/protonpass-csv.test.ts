/**
 * Proton Pass's CSV export: logins and aliases become logins (the email as username when there is
 * none, else a field), every other type a secure note; vaults are folders, times in seconds.
 */
import { describe, expect, it } from 'vitest';
import { parseProtonPassCsv } from '@/src/formats/importers/protonpass-csv';
import {
  ctx,
  field,
  invalidCsvAt,
  login,
  note,
  parseText,
  sample,
  thrownByBytes,
  thrownByText,
  uri,
} from './expected-items';

describe('parseProtonPassCsv', () => {
  it('reads the sample export: vaults, emails, several URLs, an alias, a note, a card', () => {
    expect(parseProtonPassCsv(sample('protonpass.csv'), ctx())).toEqual({
      folders: [
        { id: 'id-0', name: 'Personal' },
        { id: 'id-4', name: 'Work' },
      ],
      unknownTypes: [],
      items: [
        login(
          'id-1',
          'GitHub',
          {
            username: 'ada-lovelace',
            password: 'gh-Secret-42',
            totp: 'otpauth://totp/GitHub:ada-lovelace?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30',
            uris: [uri('https://github.com/login')],
          },
          {
            folderId: 'id-0',
            fields: [field('Email', 'ada@example.com')],
            creationDate: '2023-11-14T22:13:20.000Z',
            revisionDate: '2023-11-14T22:15:00.000Z',
          },
        ),
        login(
          'id-2',
          'Example Shop',
          {
            username: 'ada@example.com',
            password: 'p@ss,"w0rd"',
            uris: [uri('https://shop.example'), uri('https://m.shop.example')],
          },
          {
            folderId: 'id-0',
            notes: 'Order help: +44 20 7946 0000\nPIN 4411',
            creationDate: '2024-03-09T16:00:00.000Z',
            revisionDate: '2024-05-06T12:53:20.000Z',
          },
        ),
        login(
          'id-3',
          'Newsletter alias',
          { username: 'cool.alias123@passmail.net' },
          {
            folderId: 'id-0',
            notes: 'Used for newsletters',
            creationDate: '2024-07-03T09:46:40.000Z',
            revisionDate: '2024-07-03T09:46:40.000Z',
          },
        ),
        note('id-5', 'Wi-Fi at the office', {
          folderId: 'id-4',
          notes: 'SSID: Büro\nKey: Grüße-aus-Köln 🍺',
          creationDate: '2023-07-22T04:26:40.000Z',
          revisionDate: '2023-09-18T01:20:00.000Z',
        }),
        note('id-6', 'Visa travel card', {
          folderId: 'id-4',
          notes:
            '{"cardholderName":"Ada Lovelace","cardType":0,"number":"4111111111111111","verificationNumber":"123","expirationDate":"2029-06","pin":"","note":"Travel card"}',
          creationDate: '2023-03-28T10:40:00.000Z',
          revisionDate: '2023-03-28T10:48:20.000Z',
        }),
      ],
    });
  });

  it('reads older exports without type and email columns: every row a login', () => {
    const csv =
      'name,url,username,password,note,totp,createTime,modifyTime,vault\r\n,https://www.example.com/x,ada,pw,,,,,\r\n';
    expect(parseText(parseProtonPassCsv, csv).items).toEqual([
      login('id-0', 'www.example.com', {
        username: 'ada',
        password: 'pw',
        uris: [uri('https://www.example.com/x')],
      }),
    ]);
  });

  it('keeps the password of a non-login item (Wi-Fi) as a hidden field', () => {
    const csv =
      'type,name,url,email,username,password,note,totp,createTime,modifyTime,vault\r\nwifi,Office,,,,s3cret,,,1700000000,1700000000,\r\n';
    expect(parseText(parseProtonPassCsv, csv).items).toEqual([
      note('id-0', 'Office', {
        fields: [field('Password', 's3cret', 1)],
        creationDate: '2023-11-14T22:13:20.000Z',
        revisionDate: '2023-11-14T22:13:20.000Z',
      }),
    ]);
  });

  it('rejects a header without vault in row 1', () => {
    const csv = 'name,url,username,password,note,totp,createTime,modifyTime\r\nA,,u,p,,,,\r\n';
    expect(thrownByText(parseProtonPassCsv, csv)).toMatchObject(invalidCsvAt('row 1'));
  });

  it('names the row and column of a time that is not seconds', () => {
    const csv =
      'type,name,url,email,username,password,note,totp,createTime,modifyTime,vault\r\nlogin,A,,,u,p,,,1700000000,1700000000,V\r\nlogin,B,,,u,p,,,1700000000,2024-01-01,V\r\n';
    expect(thrownByText(parseProtonPassCsv, csv)).toMatchObject(
      invalidCsvAt('row 3, column modifyTime'),
    );
  });

  it('takes text only', () => {
    expect(thrownByBytes(parseProtonPassCsv)).toMatchObject({ code: 'ERR_INVALID_FILE' });
  });
});
