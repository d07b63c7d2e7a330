/**
 * `.kdbx` files that must be refused, each with its own words: a file cut short, a wrong password
 * or key file, a header or block changed, a KDF that asks too much (refused before any key is
 * derived), a cipher Coffer cannot run, XML with a DTD (external entity, billion laughs). Through
 * the background, nothing is written; a good database then imports, its recycle bin counted and
 * its files as attachments.
 */
import * as kdbxweb from 'kdbxweb';
import { describe, expect, it, vi } from 'vitest';
import { toBase64 } from '@/src/crypto/bytes';
import { CofferError } from '@/src/errors/coffer-error';
import { kdbxLibrary } from '@/src/formats/kdbx/kdbx-library';
import { readKdbx, type KdbxKey } from '@/src/formats/kdbx/kdbx-read';
import { startKdbxDatabase } from '@/src/formats/kdbx/kdbx-write';
import { createUnlockedBackground } from '../../helpers/background';
import { snapshotDatabase } from '../../helpers/vault-snapshot';
import { kdbxVault } from './kdbx-vault';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const PASSWORD = 'hostile-test';
const ARGON2 = { iterations: 2, memoryMiB: 2, parallelism: 1 };

async function goodFile(): Promise<Uint8Array> {
  const vault = kdbxVault();
  const db = startKdbxDatabase({ filePassword: PASSWORD, argon2: ARGON2, cipher: 'aes256' });
  db.addFolders(vault.folders);
  db.addItems(vault.items.slice(0, 5));
  return db.save();
}

const context = () => ({ newId: () => crypto.randomUUID(), now: '2026-01-01T00:00:00.000Z' });

async function refusal(bytes: Uint8Array, key: KdbxKey = { password: PASSWORD }) {
  const error = await readKdbx(bytes, key, context()).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CofferError);
  return error as CofferError;
}

/** Where the header ends: after its end-of-header field (id 0), KDBX 4 layout. */
function headerEnd(bytes: Uint8Array): number {
  let offset = 12;
  for (;;) {
    const id = bytes[offset]!;
    const size = new DataView(bytes.buffer, bytes.byteOffset + offset + 1, 4).getUint32(0, true);
    offset += 5 + size;
    if (id === 0) return offset;
  }
}

/** The byte offset of header field `id`'s value (4: the master seed). */
function fieldOffset(bytes: Uint8Array, wanted: number): number {
  let offset = 12;
  for (;;) {
    const id = bytes[offset]!;
    const size = new DataView(bytes.buffer, bytes.byteOffset + offset + 1, 4).getUint32(0, true);
    if (id === wanted) return offset + 5;
    if (id === 0) throw new Error(`no field ${wanted}`);
    offset += 5 + size;
  }
}

/** The byte offset of a KDF parameter's value in the header's VarDictionary (UInt64 `name`). */
function kdfValueOffset(bytes: Uint8Array, name: string): number {
  const pattern = [0x05, 1, 0, 0, 0, name.charCodeAt(0), 8, 0, 0, 0];
  for (let i = 0; i < headerEnd(bytes); i++) {
    if (pattern.every((b, j) => bytes[i + j] === b)) return i + pattern.length;
  }
  throw new Error(`no ${name} in the header`);
}

function withUint64(bytes: Uint8Array, name: string, value: bigint): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setBigUint64(kdfValueOffset(copy, name), value, true);
  return copy;
}

/** A database whose inner XML is `xml` (kdbxweb's own serializer swapped for one save). */
async function fileWithXml(xml: string): Promise<Uint8Array> {
  kdbxLibrary();
  const utils = kdbxweb.XmlUtils as { serialize(doc: Document, pretty?: boolean): string };
  const serialize = utils.serialize;
  utils.serialize = () => xml;
  try {
    return await goodFile();
  } finally {
    utils.serialize = serialize;
  }
}

describe('a .kdbx Coffer refuses', () => {
  it('is not a KeePass database, or ends in its header, or in its blocks', async () => {
    const good = await goodFile();
    expect((await refusal(new TextEncoder().encode('{"items": []}'))).key).toBe('errKdbxNotKdbx');
    expect((await refusal(good.slice(0, 40))).key).toBe('errKdbxTruncated');
    const cut = await refusal(good.slice(0, good.length - 100));
    expect(cut.key).toBe('errKdbxTruncated');
    expect(cut.message).toBe(
      'The KeePass database ends too soon: the file is incomplete or damaged.',
    );
    expect((await refusal(good.slice(0, good.length - 1))).key).toBe('errKdbxTruncated');
  });

  it('has another password or key file', async () => {
    const good = await goodFile();
    const wrong = await refusal(good, { password: 'not the password' });
    expect(wrong.key).toBe('errKdbxWrongKey');
    expect(wrong.code).toBe('ERR_WRONG_FILE_PASSWORD');
    expect(
      (await refusal(good, { password: PASSWORD, keyFile: new Uint8Array(32).fill(1) })).key,
    ).toBe('errKdbxWrongKey');
  });

  it('has a changed header, header HMAC or block HMAC', async () => {
    const good = await goodFile();
    const end = headerEnd(good);
    const flip = (offset: number) => {
      const copy = good.slice();
      copy[offset]! ^= 0x01;
      return copy;
    };
    // A byte of the master seed: the header's SHA-256, which follows it, no longer matches.
    expect((await refusal(flip(fieldOffset(good, 4) + 3))).key).toBe('errKdbxHeaderDamaged');
    // The header's HMAC is keyed by the password: altered, it reads as a wrong key (words say so).
    expect((await refusal(flip(end + 32 + 5))).key).toBe('errKdbxWrongKey');
    // The first block's HMAC, after the header's SHA-256 and HMAC.
    expect((await refusal(flip(end + 64 + 3))).key).toBe('errKdbxBlockDamaged');
  });

  it('asks Argon2 for 4 GiB or more than 100 iterations, before deriving anything', async () => {
    const good = await goodFile();
    const derive = vi.spyOn(kdbxweb.CryptoEngine, 'argon2');
    try {
      const memory = await refusal(withUint64(good, 'M', 4n * 1024n ** 3n));
      expect(memory.key).toBe('errFileKdfOutOfBounds');
      expect(memory.message).toContain(
        'Argon2 memory (MiB) must be a whole number from 1 to 1,024; got 4096',
      );
      const iterations = await refusal(withUint64(good, 'I', 101n));
      expect(iterations.message).toContain(
        'Argon2 iterations must be a whole number from 1 to 100; got 101',
      );
      expect(derive).not.toHaveBeenCalled();
    } finally {
      derive.mockRestore();
    }
  });

  it('is encrypted with Twofish', async () => {
    const good = await goodFile();
    const aes = Buffer.from(kdbxweb.Consts.CipherId.Aes, 'base64');
    const at = Buffer.from(good).indexOf(aes);
    const copy = good.slice();
    copy.set(Buffer.from('rWjyn1dvS7mjatR6+WU0bA==', 'base64'), at);
    expect((await refusal(copy)).key).toBe('errKdbxTwofish');
  });

  it('holds XML with an external entity, a billion laughs or any DTD', async () => {
    const body = '<KeePassFile><Meta/><Root><Group><Name>&e;</Name></Group></Root></KeePassFile>';
    const external = await fileWithXml(
      `<?xml version="1.0"?><!DOCTYPE k [<!ENTITY e SYSTEM "file:///etc/passwd">]>${body}`,
    );
    expect((await refusal(external)).key).toBe('errKdbxXmlExternalEntity');
    const laughs = await fileWithXml(
      `<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY e "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${body}`,
    );
    expect((await refusal(laughs)).key).toBe('errKdbxXmlEntityExpansion');
    const doctype = await fileWithXml(
      `<?xml version="1.0"?><!DOCTYPE KeePassFile>${body.replace('&e;', 'x')}`,
    );
    expect((await refusal(doctype)).key).toBe('errKdbxXmlDoctype');
    const broken = await fileWithXml('<KeePassFile><Meta></KeePassFile>');
    expect((await refusal(broken)).key).toBe('errKdbxXmlInvalid');
  });
});

describe('a refused .kdbx through Import Data', () => {
  it('changes nothing in the vault, and a good one imports', async () => {
    const { client } = await createUnlockedBackground();
    const before = await snapshotDatabase();
    const good = await goodFile();
    const request = { format: 'keepass_kdbx' as const, content: toBase64(good) };
    // No password yet: the file is checked, then the password is asked for.
    expect(await client.previewImport(request)).toEqual({ needsFilePassword: true });
    await expect(
      client.previewImport({ ...request, content: toBase64(new TextEncoder().encode('nope')) }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_FILE' });
    await expect(
      client.importVault({ ...request, filePassword: 'wrong one' }),
    ).rejects.toMatchObject({
      code: 'ERR_WRONG_FILE_PASSWORD',
    });
    await expect(
      client.importVault({
        ...request,
        content: toBase64(withUint64(good, 'I', 101n)),
        filePassword: PASSWORD,
      }),
    ).rejects.toMatchObject({ code: 'ERR_FILE_KDF_OUT_OF_BOUNDS' });
    expect(await snapshotDatabase()).toBe(before);

    const preview = await client.previewImport({ ...request, filePassword: PASSWORD });
    expect(preview).toMatchObject({ needsFilePassword: false, itemCount: 5, toAdd: 5 });
    const summary = await client.importVault({
      ...request,
      filePassword: PASSWORD,
      openedFileToken: (preview as { openedFileToken?: string }).openedFileToken,
    });
    expect(summary.added).toBe(5);
  });

  it('says in the preview how many entries the recycle bin held, and leaves them out', async () => {
    const { client } = await createUnlockedBackground();
    const lib = kdbxLibrary();
    const db = lib.Kdbx.create(new lib.Credentials(lib.ProtectedValue.fromString(PASSWORD)), 'bin');
    db.setKdf(lib.Consts.KdfId.Argon2id);
    db.header.kdfParameters!.set('M', lib.VarDictionary.ValueType.UInt64, lib.Int64.from(1 << 20));
    db.createEntry(db.getDefaultGroup()).fields.set('Title', 'Kept');
    const gone = db.createEntry(db.getDefaultGroup());
    gone.fields.set('Title', 'Deleted');
    db.remove(gone);
    const content = toBase64(new Uint8Array(await db.save()));
    const request = { format: 'keepass_kdbx' as const, content, filePassword: PASSWORD };
    expect(await client.previewImport(request)).toMatchObject({
      itemCount: 1,
      recycleBinEntries: 1,
    });
    expect((await client.importVault(request)).added).toBe(1);
    expect((await client.listVault()).items.map((i) => i.name)).toEqual(['Kept']);
  });

  it('imports an entry’s files as its attachments, byte for byte', async () => {
    const { client, downloads } = await createUnlockedBackground();
    const vault = kdbxVault();
    const db = startKdbxDatabase({ filePassword: PASSWORD, argon2: ARGON2, cipher: 'chacha20' });
    db.addFolders(vault.folders);
    db.addItems(vault.items);
    for (const a of vault.attachments) await db.addAttachment(a.itemId, a.fileName, a.content);
    const request = {
      format: 'keepass_kdbx' as const,
      content: toBase64(await db.save()),
      filePassword: PASSWORD,
    };
    const preview = await client.previewImport(request);
    expect(preview).toMatchObject({ attachments: { count: 2, unplaced: [] } });
    const summary = await client.importVault(request);
    expect(summary).toMatchObject({ added: vault.items.length, attachments: { added: 2 } });
    const owner = vault.items.find((i) => i.id === vault.attachments[0]!.itemId)!;
    const item = (await client.listVault()).items.find((i) => i.name === owner.name)!;
    const files = await client.listAttachments({ itemId: item.id });
    expect(files.map((f) => f.fileName).sort()).toEqual(['blob.bin', 'notes.txt']);
    for (const file of files) {
      await client.saveAttachment({ itemId: item.id, attachmentId: file.id });
      const saved = downloads.files.at(-1)!;
      const bytes =
        saved.content.kind === 'bytes'
          ? saved.content.bytes
          : new TextEncoder().encode(saved.content.text);
      expect([...bytes]).toEqual([
        ...vault.attachments.find((a) => a.fileName === file.fileName)!.content,
      ]);
    }
  });
});
