/**
 * The account-key archive (docs/encrypted-archive.md, kdfType 2): written and read with the
 * account key instead of a file password, opened by that key only (another account's, or this
 * account's before a rotation, has its own words), and its kdfType byte as guarded as the rest.
 */
import { describe, expect, it } from 'vitest';
import { accountArchiveFileKey } from '@/src/crypto/archive-crypto';
import { randomBytes } from '@/src/crypto/random';
import { importSymmetricKey, type SymmetricKey } from '@/src/crypto/symmetric-key';
import { openEncryptedArchive, readArchiveHeader } from '@/src/formats/encrypted-archive-reader';
import { bytesSource } from '@/src/formats/encrypted-archive-stream';
import { startEncryptedArchive } from '@/src/formats/encrypted-archive-writer';
import {
  CHEAP_KDF,
  readArchive,
  recordingSource,
  writeArchive,
  type ArchiveContents,
} from '../helpers/encrypted-archive';

const PASSWORD = 'a file password';
const CONTENTS: ArchiveContents = {
  data: '{"encrypted": false, "folders": [], "items": [{"id": "item-1"}]}',
  attachments: [
    { itemId: 'item-1', fileName: 'scan 📄.pdf', content: randomBytes(5000) },
    { itemId: 'item-1', fileName: 'empty', content: new Uint8Array(0) },
  ],
};

async function newAccountKey(): Promise<{ bytes: Uint8Array; key: SymmetricKey }> {
  const bytes = randomBytes(64);
  return { bytes, key: await importSymmetricKey(bytes) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

describe('an archive under the account key', () => {
  it('comes back whole with the same key, the header saying kdfType 2 and no KDF', async () => {
    const { key } = await newAccountKey();
    const { bytes } = await writeArchive({ accountKey: key }, CONTENTS, { chunkSize: 256 });
    const view = Buffer.from(bytes);
    expect(view[9]).toBe(2);
    expect([view.readUInt32BE(10), view.readUInt32BE(14), view.readUInt32BE(18)]).toEqual([
      0, 0, 0,
    ]);
    expect((await readArchiveHeader(bytesSource(bytes))).keySource).toEqual({ kind: 'account' });

    const read = await readArchive(bytes, { accountKey: key });
    expect(read.data).toBe(CONTENTS.data);
    expect(read.attachments.map((a) => [a.itemId, a.fileName, a.size])).toEqual([
      ['item-1', 'scan 📄.pdf', 5000],
      ['item-1', 'empty', 0],
    ]);
    expect(sameBytes(read.attachments[0]!.content, CONTENTS.attachments[0]!.content)).toBe(true);
  });

  it('opens with the key made again from the same 64 bytes (a restarted worker)', async () => {
    const { bytes: raw, key } = await newAccountKey();
    const { bytes } = await writeArchive({ accountKey: key }, CONTENTS);
    const again = await importSymmetricKey(raw);
    expect((await readArchive(bytes, { accountKey: again })).data).toBe(CONTENTS.data);
  });

  it('another account key is refused with its own words, before any chunk is read', async () => {
    const { key } = await newAccountKey();
    const { bytes } = await writeArchive({ accountKey: key }, CONTENTS);
    // Another account, or this one after a rotation: either way another key.
    const other = await newAccountKey();
    const source = recordingSource(bytes);
    await expect(openEncryptedArchive(source, { accountKey: other.key })).rejects.toMatchObject({
      code: 'ERR_DIFFERENT_ACCOUNT_KEY',
      key: 'errDifferentAccountKey',
      message: expect.stringContaining('different account key'),
    });
    expect(source.reads).toEqual([{ offset: 0, length: 98 }]);
  });

  it('a key differing only in its AES half is the same key here; in its MAC half, another', async () => {
    // The material comes from the MAC half alone (docs §3): the AES half plays no part.
    const { bytes: raw, key } = await newAccountKey();
    const { bytes } = await writeArchive({ accountKey: key }, CONTENTS);
    const aesChanged = raw.slice();
    aesChanged[0]! ^= 1;
    expect(
      (await readArchive(bytes, { accountKey: await importSymmetricKey(aesChanged) })).data,
    ).toBe(CONTENTS.data);
    const macChanged = raw.slice();
    macChanged[63]! ^= 1;
    await expect(
      readArchive(bytes, { accountKey: await importSymmetricKey(macChanged) }),
    ).rejects.toMatchObject({ key: 'errDifferentAccountKey' });
  });

  it('gives every archive its own file key, through its fresh salt', async () => {
    const { key } = await newAccountKey();
    const a = await writeArchive({ accountKey: key }, CONTENTS);
    const b = await writeArchive({ accountKey: key }, CONTENTS);
    const saltOf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(22, 46)).toString('latin1');
    expect(saltOf(a.bytes)).not.toBe(saltOf(b.bytes));
    const [keyA, keyB] = await Promise.all([
      accountArchiveFileKey(key, saltOf(a.bytes)),
      accountArchiveFileKey(key, saltOf(b.bytes)),
    ]);
    expect(sameBytes(keyA, keyB)).toBe(false);
    expect(sameBytes(a.bytes.subarray(98), b.bytes.subarray(98))).toBe(false);
  });

  it('a changed chunk byte is damage, as in a password archive', async () => {
    const { key } = await newAccountKey();
    const { bytes } = await writeArchive({ accountKey: key }, CONTENTS, { chunkSize: 64 });
    const changed = bytes.slice();
    changed[200]! ^= 1;
    await expect(readArchive(changed, { accountKey: key })).rejects.toMatchObject({
      key: 'errFileDamaged',
    });
  });
});

describe('the kdfType byte decides what opens the archive', () => {
  it('an account-key archive whose kdfType is changed is refused before anything is derived', async () => {
    const { key } = await newAccountKey();
    const { bytes } = await writeArchive({ accountKey: key }, CONTENTS);
    const expected: [number, string][] = [
      // PBKDF2 or Argon2id with the zero settings: far out of the file bounds.
      [0, 'errFileKdfOutOfBounds'],
      [1, 'errFileKdfOutOfBounds'],
      [3, 'errFileKdfUnknown'],
      [255, 'errFileKdfUnknown'],
    ];
    for (const [kdfType, refusal] of expected) {
      const view = Buffer.from(bytes);
      view[9] = kdfType;
      await expect(readArchiveHeader(bytesSource(view))).rejects.toMatchObject({ key: refusal });
    }
  });

  it('an account-key archive with a KDF setting that is not 0 is damaged', async () => {
    const { key } = await newAccountKey();
    const { bytes } = await writeArchive({ accountKey: key }, CONTENTS);
    for (const at of [10, 13, 14, 17, 18, 21]) {
      const view = Buffer.from(bytes);
      view[at] = 1;
      await expect(readArchive(view, { accountKey: key })).rejects.toMatchObject({
        key: 'errArchiveHeaderDamaged',
      });
    }
  });

  it('a password archive turned into an account-key one is damaged (its KDF settings stay)', async () => {
    const { bytes } = await writeArchive(PASSWORD, CONTENTS);
    const view = Buffer.from(bytes);
    view[9] = 2;
    await expect(readArchiveHeader(bytesSource(view))).rejects.toMatchObject({
      key: 'errArchiveHeaderDamaged',
    });
  });

  it('…and with its settings zeroed too, the account key does not fit its header tag', async () => {
    const { key } = await newAccountKey();
    const { bytes } = await writeArchive(PASSWORD, CONTENTS);
    const view = Buffer.from(bytes);
    view[9] = 2;
    view.fill(0, 10, 22);
    await expect(readArchive(view, { accountKey: key })).rejects.toMatchObject({
      key: 'errDifferentAccountKey',
    });
  });

  it('the reader takes only what the header asks for: a caller that brings the other is at fault', async () => {
    const { key } = await newAccountKey();
    const accountArchive = await writeArchive({ accountKey: key }, CONTENTS);
    await expect(
      openEncryptedArchive(bytesSource(accountArchive.bytes), { filePassword: PASSWORD }),
    ).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    const passwordArchive = await writeArchive(PASSWORD, CONTENTS);
    await expect(
      openEncryptedArchive(bytesSource(passwordArchive.bytes), { accountKey: key }),
    ).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
  });
});

describe('the writer', () => {
  it('takes the account key or a password with its KDF, and writes the header first', async () => {
    const { key } = await newAccountKey();
    const pieces: Uint8Array[] = [];
    const writer = await startEncryptedArchive({ accountKey: key }, async (piece) => {
      pieces.push(piece);
    });
    expect(pieces.map((p) => p.length)).toEqual([98]);
    await writer.writeData('{}');
    await writer.finish();
    expect((await readArchive(Buffer.concat(pieces), { accountKey: key })).data).toBe('{}');

    const withPassword = await writeArchive(PASSWORD, { data: '{}', attachments: [] });
    expect((await readArchiveHeader(bytesSource(withPassword.bytes))).keySource).toEqual({
      kind: 'password',
      kdf: CHEAP_KDF,
    });
  });
});
