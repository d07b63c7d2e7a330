/**
 * The files of a .1pux: each item's files (a Document's own, and section fields of kind `file`)
 * found at `files/<documentId>__<fileName>` and handed over as attachments of that item, read
 * only when asked; a file named but absent listed; the items themselves read as they always were.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseOnePassword1pux } from '@/src/formats/importers/onepassword-1pux';
import { readZipDirectory } from '@/src/formats/zip-guard';
import { MAX_ATTACHMENT_BYTES } from '@/src/vault/policy';
import { ctx, thrownByBytes } from './expected-items';
import { withDeclaredSize, withDuplicateEntry } from '../../helpers/hostile-zips';

const PASSPORT = strToU8('%PDF-1.4 passport scan');
const KEY = strToU8('-----BEGIN KEY-----');

/** A Document item and a login with two file fields, one of them missing from files/. */
const ITEMS = [
  {
    uuid: 'doc-item',
    categoryUuid: '006',
    createdAt: 1700000000,
    updatedAt: 1700000000,
    overview: { title: 'Passport scan' },
    details: {
      documentAttributes: {
        fileName: 'passport.pdf',
        documentId: 'dq3m2wbjr2ejbncy4ujgrfbfsi',
        decryptedSize: PASSPORT.length,
      },
    },
  },
  {
    uuid: 'login-item',
    categoryUuid: '001',
    createdAt: 1700000000,
    updatedAt: 1700000000,
    overview: { title: 'Server' },
    details: {
      loginFields: [{ designation: 'username', value: 'ada' }],
      sections: [
        {
          title: 'Keys',
          fields: [
            { id: 'note', title: 'note', value: { string: 'kept as a field' } },
            {
              id: 'f1',
              title: 'deploy key',
              value: {
                file: {
                  fileName: 'deploy key.pem',
                  documentId: 'k7xkqzj2wbb6rnfq3pbuu4yf6e',
                  decryptedSize: KEY.length,
                },
              },
            },
            {
              id: 'f2',
              title: 'lost',
              value: { file: { fileName: 'gone.txt', documentId: 'nnnnnnnnnnnnnnnnnnnnnnnnnn' } },
            },
          ],
        },
      ],
    },
  },
];

const EXPORT_DATA = JSON.stringify({
  accounts: [{ attrs: {}, vaults: [{ attrs: { name: 'Private' }, items: ITEMS }] }],
});

const FILES: Zippable = {
  'export.attributes': strToU8('{"version":3}'),
  'export.data': strToU8(EXPORT_DATA),
  'files/dq3m2wbjr2ejbncy4ujgrfbfsi__passport.pdf': [PASSPORT, { level: 0 }],
  'files/k7xkqzj2wbb6rnfq3pbuu4yf6e__deploy key.pem': KEY,
  // A vault's icon: under files/ too, but no item's attachment.
  'files/vault-avatar.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
};

const parse = (bytes: Uint8Array) => parseOnePassword1pux({ kind: 'bytes', bytes }, ctx());

describe('parseOnePassword1pux, files', () => {
  it("hands over each item's files as its attachments, read only when asked", () => {
    const parsed = parse(zipSync(FILES));
    const [doc, login] = parsed.items;
    expect(parsed.attachments?.map(({ read: _, ...a }) => a)).toEqual([
      {
        itemId: doc!.id,
        fileName: 'passport.pdf',
        size: PASSPORT.length,
        path: 'files/dq3m2wbjr2ejbncy4ujgrfbfsi__passport.pdf',
      },
      {
        itemId: login!.id,
        fileName: 'deploy key.pem',
        size: KEY.length,
        path: 'files/k7xkqzj2wbb6rnfq3pbuu4yf6e__deploy key.pem',
      },
    ]);
    expect(parsed.attachments![0]!.read()).toEqual(PASSPORT);
    expect(parsed.attachments![1]!.read()).toEqual(KEY);
    expect(parsed.missingAttachments).toEqual([
      {
        itemId: login!.id,
        fileName: 'gone.txt',
        path: 'files/nnnnnnnnnnnnnnnnnnnnnnnnnn__gone.txt',
      },
    ]);
  });

  it('reads the items exactly as from the same export without its files', () => {
    const withFiles = parse(zipSync(FILES));
    const without = parse(zipSync({ 'export.data': strToU8(EXPORT_DATA) }));
    expect(withFiles.items).toEqual(without.items);
    expect(withFiles.folders).toEqual(without.folders);
    // The file fields are attachments, not custom fields.
    expect(withFiles.items[1]!.fields).toEqual([
      { name: 'note', value: 'kept as a field', type: 0, linkedId: null },
    ]);
    expect(without.attachments).toBeUndefined();
    expect(without.missingAttachments).toHaveLength(3);
  });

  it('refuses a file larger than an attachment may be, naming it', () => {
    const zip = zipSync(FILES);
    const index = readZipDirectory(zip).findIndex((e) => e.name.endsWith('passport.pdf'));
    const big = withDeclaredSize(zip, index, MAX_ATTACHMENT_BYTES + 1);
    expect(thrownByBytes(parseOnePassword1pux, big)).toMatchObject({
      code: 'ERR_FILE_TOO_LARGE',
      key: 'errZipAttachmentTooLarge',
      args: ['"files/dq3m2wbjr2ejbncy4ujgrfbfsi__passport.pdf"', 100.1, 100],
    });
  });

  it('refuses one file named so many times that the attachments add up past what a vault holds', () => {
    const refs = Array.from({ length: 11 }, (_, i) => ({
      overview: { title: `Copy ${i}` },
      details: { documentAttributes: { fileName: 'big.bin', documentId: 'same' } },
    }));
    const data = JSON.stringify({ accounts: [{ vaults: [{ items: refs }] }] });
    const zip = zipSync({
      'export.data': strToU8(data),
      'files/same__big.bin': [new Uint8Array(0), { level: 0 }],
    });
    const lying = withDeclaredSize(zip, 1, MAX_ATTACHMENT_BYTES);
    expect(thrownByBytes(parseOnePassword1pux, lying)).toMatchObject({
      code: 'ERR_FILE_TOO_LARGE',
      key: 'errZipAttachmentsTooLarge',
    });
  });

  it('refuses a named file the archive holds twice, since either could be it', () => {
    const zip = withDuplicateEntry(FILES, 'files/k7xkqzj2wbb6rnfq3pbuu4yf6e__deploy key.pem');
    expect(thrownByBytes(parseOnePassword1pux, zip)).toMatchObject({
      code: 'ERR_INVALID_FILE',
      key: 'errZipDuplicateEntry',
    });
  });

  it('refuses a file reference that is not an object, at its place', () => {
    const data = JSON.stringify({
      accounts: [
        {
          vaults: [
            { items: [{ overview: { title: 'Doc' }, details: { documentAttributes: 'x.pdf' } }] },
          ],
        },
      ],
    });
    expect(
      thrownByBytes(parseOnePassword1pux, zipSync({ 'export.data': strToU8(data) })),
    ).toMatchObject({
      code: 'ERR_INVALID_FILE',
      where: 'item 1 "Doc", details.documentAttributes',
    });
  });
});
