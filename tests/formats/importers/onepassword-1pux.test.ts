/**
 * 1Password's .1pux export, zipped here from a sample export.data: vaults become folders, logins,
 * cards, identities and SSH keys keep their fields, everything else is a secure note, and the
 * section fields with no place of their own become custom fields.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseOnePassword1pux } from '@/src/formats/importers/onepassword-1pux';
import {
  base,
  ctx,
  field,
  login,
  note,
  sampleText,
  thrownByBytes,
  thrownByText,
  uri,
} from './expected-items';
import { withDuplicateEntry, zip64Claiming } from '../../helpers/hostile-zips';

const EXPORT_DATA = sampleText('1password-export.data.json');

/** The bytes of a .1pux as 1Password writes it: attributes, data and attachments in a ZIP. */
function onePux(exportData: string | null) {
  const files: Record<string, Uint8Array> = {
    'export.attributes': strToU8(
      JSON.stringify({
        version: 3,
        description: '1Password Unencrypted Export',
        createdAt: 1735689600,
      }),
    ),
    'files/ke7i5rxnjrh3tj6uesstcosspu.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  };
  if (exportData !== null) files['export.data'] = strToU8(exportData);
  return zipSync(files);
}

/** export.data with one vault holding `items`. */
function withItems(items: unknown[]) {
  return JSON.stringify({ accounts: [{ attrs: {}, vaults: [{ attrs: { name: 'V' }, items }] }] });
}

describe('parseOnePassword1pux', () => {
  it('reads the sample export: every category it maps, vaults as folders, dates, favourites', () => {
    expect(parseOnePassword1pux({ kind: 'bytes', bytes: onePux(EXPORT_DATA) }, ctx())).toEqual({
      folders: [
        { id: 'id-0', name: 'Personal' },
        { id: 'id-5', name: 'Work, Ltd. — Ünïcode' },
      ],
      unknownTypes: [],
      items: [
        login(
          'id-1',
          'Dropbox',
          {
            username: 'ada@example.com',
            password: 'most-secure-password-ever!',
            totp: 'otpauth://totp/Dropbox:ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Dropbox',
            // overview.url and overview.urls, without repeats.
            uris: [uri('https://www.dropbox.com/'), uri('https://www.dropbox.com/login')],
          },
          {
            folderId: 'id-0',
            favorite: true,
            notes: 'Shared folder: Photos\nRecovery key in the safe, "top shelf"',
            creationDate: '2021-02-26T00:22:36.000Z',
            revisionDate: '2021-10-27T14:54:05.000Z',
            // The concealed PIN stays hidden; the empty untitled field is dropped.
            fields: [field('PIN', '12345', 1), field('recovery email', 'ada.backup@example.org')],
            passwordHistory: [
              { password: '12345password', lastUsedDate: '2016-03-18T17:32:35.000Z' },
            ],
          },
        ),
        base('id-2', 'Visa travel card', {
          type: 3,
          folderId: 'id-0',
          notes: 'Travel card, keep abroad.',
          creationDate: '2021-04-26T19:28:02.000Z',
          revisionDate: '2021-04-26T19:30:47.000Z',
          card: {
            cardholderName: 'Ada Lovelace',
            brand: 'Visa',
            number: '4111111111111111',
            code: '123',
            expMonth: '6',
            expYear: '2029',
          },
          fields: [
            field('valid from', '06/2024'),
            field('issuing bank', 'Bank of Example'),
            field('phone (intl)', '+44 20 7946 0000'),
            field('PIN', '4411', 1),
          ],
        }),
        base('id-3', 'Ada Lovelace', {
          type: 4,
          folderId: 'id-0',
          creationDate: '2021-04-26T19:30:50.000Z',
          revisionDate: '2021-04-26T19:36:29.000Z',
          identity: {
            title: null,
            firstName: 'Ada',
            middleName: 'A',
            lastName: 'Lovelace',
            address1: "12 St James's Square",
            address2: null,
            address3: null,
            city: 'London',
            state: null,
            postalCode: 'SW1Y 4LB',
            country: 'gb',
            company: 'Analytical Engines Ltd.',
            email: 'ada@example.com',
            phone: '+44 20 7946 0001',
            ssn: null,
            username: 'countess',
            passportNumber: null,
            licenseNumber: null,
          },
          fields: [
            field('sex', 'female'),
            field('birth date', '1981-01-01'),
            field('job title', 'Mathematician'),
            field('cell', '+44 7700 900123'),
            field('website', 'https://ada.example.com'),
          ],
        }),
        note('id-4', 'Home Wi-Fi', {
          folderId: 'id-0',
          favorite: true,
          notes: 'SSID: Zuhause\nKey: Grüße-aus-Köln 🍺, "guest" network has no key',
          creationDate: '2023-11-14T22:13:20.000Z',
          revisionDate: '2023-11-14T23:13:20.000Z',
        }),
        // A Password item (005), archived: a login with only a password.
        login(
          'id-6',
          'VPN pre-shared key',
          { password: 'vpn-PSK-2019' },
          {
            folderId: 'id-5',
            notes: 'Old VPN pre-shared key',
            creationDate: '2023-07-22T04:26:40.000Z',
            revisionDate: '2023-07-22T04:35:00.000Z',
          },
        ),
        base('id-7', 'Build server deploy key', {
          type: 5,
          folderId: 'id-5',
          notes: 'Deploy key for the build server',
          creationDate: '2024-08-28T18:02:32.000Z',
          revisionDate: '2024-08-28T18:02:32.000Z',
          sshKey: {
            privateKey:
              '-----BEGIN PRIVATE KEY-----\nMFECAQEwBQYDK2VwBCIEIDn1BgTbZ/5UUeGLIfVV+qLBOvEsS3XMK6Twzw2Dkukq\ngSEAlrKdxRVVQrBndt4bHEZAz3xsymfM9Vf2QfZ823QxUbM=\n-----END PRIVATE KEY-----\n',
            publicKey:
              'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJayncUVVUKwZ3beGxxGQM98bMpnzPVX9kH2fNt0MVGz',
            keyFingerprint: 'SHA256:/9qSxXuic8kaVBhwv3c8PuetiEpaOgIp7xHNCbcSuN8',
          },
        }),
        // A Server item (110) with no title: a secure note of its fields.
        note('id-8', '(no name)', {
          folderId: 'id-5',
          creationDate: '2022-04-15T05:20:00.000Z',
          revisionDate: '2022-04-26T19:06:40.000Z',
          fields: [
            field('URL', 'ssh://build.example.com'),
            field('username', 'deploy'),
            field('password', 'b0ild-s3rver', 1),
            field('console URL', 'https://build.example.com:9090'),
            field('licence renewed', '2024-01-01'),
          ],
        }),
      ],
    });
  });

  it('says so when the file is not a ZIP archive', () => {
    const bytes = strToU8('"url","username","password"\n');
    expect(thrownByBytes(parseOnePassword1pux, bytes)).toMatchObject({
      code: 'ERR_INVALID_FILE',
      message: expect.stringContaining('not a ZIP archive'),
    });
  });

  it('says so when the archive has no export.data', () => {
    expect(thrownByBytes(parseOnePassword1pux, onePux(null))).toMatchObject({
      code: 'ERR_INVALID_FILE',
      message: expect.stringContaining('no export.data'),
    });
  });

  it('says so when export.data is not JSON', () => {
    expect(thrownByBytes(parseOnePassword1pux, onePux('{"accounts": ['))).toMatchObject({
      code: 'ERR_INVALID_FILE',
      where: 'export.data',
    });
  });

  it('names the list that is not one', () => {
    const data = JSON.stringify({ accounts: [{ vaults: { items: [] } }] });
    expect(thrownByBytes(parseOnePassword1pux, onePux(data))).toMatchObject({
      code: 'ERR_INVALID_FILE',
      where: 'accounts[0].vaults',
    });
  });

  it('names the item and field of a date that is not seconds', () => {
    const data = withItems([
      { categoryUuid: '003', createdAt: 1700000000, overview: { title: 'Fine' }, details: {} },
      { categoryUuid: '003', createdAt: '2024-01-01', overview: { title: 'Bad' }, details: {} },
    ]);
    expect(thrownByBytes(parseOnePassword1pux, onePux(data))).toMatchObject({
      code: 'ERR_INVALID_FILE',
      where: 'item 2 "Bad", createdAt',
    });
  });

  it('takes bytes only', () => {
    expect(thrownByText(parseOnePassword1pux, EXPORT_DATA)).toMatchObject({
      code: 'ERR_INVALID_FILE',
    });
  });
});

describe('hostile .1pux files (issue 11)', () => {
  const refused = (bytes: Uint8Array) => thrownByBytes(parseOnePassword1pux, new Uint8Array(bytes));
  const item = (rest: Record<string, unknown>) =>
    onePux(withItems([{ overview: { title: 'Hostile' }, details: {}, ...rest }]));

  // Walking 2³²−1 entries would not end within the timeout.
  it(
    'refuses the 98-byte zip64 archive claiming 2³²−1 entries without walking them',
    { timeout: 5_000 },
    () => {
      expect(refused(zip64Claiming(2n ** 32n - 1n))).toMatchObject({
        code: 'ERR_INVALID_FILE',
        key: 'errZipCountImpossible',
      });
    },
  );

  it('refuses a Bitwarden export: zipped as its .zip export, or renamed export.data', () => {
    const bitwarden = JSON.stringify({ encrypted: false, folders: [], items: [] });
    expect(refused(zipSync({ 'data.json': strToU8(bitwarden) }))).toMatchObject({
      key: 'err1puxLooksLikeBitwardenZip',
      message: expect.stringContaining('looks like a Bitwarden .zip export'),
    });
    expect(refused(onePux(bitwarden))).toMatchObject({
      key: 'err1puxDataIsBitwarden',
      where: 'export.data',
    });
    expect(refused(onePux('{"vaults":[]}'))).toMatchObject({ key: 'err1puxNoAccounts' });
  });

  it('names what an archive without export.data holds instead', () => {
    const files = {
      'notes.txt': strToU8('hi'),
      'b.csv': strToU8('a,b'),
      'c/': new Uint8Array(0),
    };
    expect(refused(zipSync(files))).toMatchObject({
      key: 'err1puxHoldsInstead',
      message: expect.stringContaining('only 2 other file(s) ("notes.txt", "b.csv")'),
    });
  });

  it('refuses two export.data entries instead of silently using the last', () => {
    const zip = withDuplicateEntry({ 'export.data': strToU8(withItems([])) }, 'export.data');
    expect(refused(zip)).toMatchObject({ key: 'err1puxDataTwice', args: [2] });
  });

  it('refuses export.data nested deeper than 64 levels before parsing it', () => {
    const deep = `{"accounts":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(refused(onePux(deep))).toMatchObject({
      key: 'errJsonTooDeep',
      args: [64],
      where: 'export.data',
    });
  });

  it('names a date that is an object, or beyond what a Date holds, by item and field', () => {
    expect(refused(item({ createdAt: { toString: 1 } }))).toMatchObject({
      key: 'errExpectedEpochSeconds',
      message: expect.stringContaining('found "{…}"'),
      where: 'item 1 "Hostile", createdAt',
    });
    const dateField = { id: 'd', title: 'Born', value: { date: 1e300 } };
    expect(refused(item({ details: { sections: [{ fields: [dateField] }] } }))).toMatchObject({
      key: 'err1puxDateOutOfRange',
      where: 'item 1 "Hostile", details.sections[0].fields[0].value.date',
    });
  });

  it('finds nothing of Object’s behind a card type or identity field named "constructor"', () => {
    const fields = [
      { id: 'type', title: 'type', value: { cctype: 'constructor' } },
      { id: 'constructor', title: 'constructor', value: { string: 'x' } },
    ];
    const parse = (category: string) =>
      parseOnePassword1pux(
        {
          kind: 'bytes',
          bytes: item({ categoryUuid: category, details: { sections: [{ fields }] } }),
        },
        ctx(),
      ).items[0]!;
    expect(parse('002')).toMatchObject({ type: 3, card: { brand: 'constructor' } });
    expect(parse('004')).toMatchObject({
      type: 4,
      fields: [
        { name: 'type', value: 'constructor' },
        { name: 'constructor', value: 'x' },
      ],
    });
  });
});
