/**
 * Backups with attachments through the real background: `.zip (with attachments)` holds the
 * `.json` export as data.json and every attachment where Bitwarden puts it, the encrypted archive
 * the same under a file password or the account key, an unreadable attachment is left out and named or stops the
 * export (as chosen), and nothing is saved when the export does not complete.
 */
import { describe, expect, it, vi } from 'vitest';
import { CofferError } from '@/src/errors/coffer-error';
import { readAttachmentZip } from '@/src/formats/attachment-zip-read';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { openEncryptedArchive, readArchiveHeader } from '@/src/formats/encrypted-archive-reader';
import { bytesSource } from '@/src/formats/encrypted-archive-stream';
import type { ItemDraft } from '@/src/protocol/vault-api';
import {
  TEST_KDF,
  TEST_PASSWORD,
  createUnlockedBackground,
  type TestBackground,
} from '../helpers/background';
import { attach, damageAttachment, expectSameBytes, fileBytes } from '../helpers/attachments';
import { readArchive } from '../helpers/encrypted-archive';
import { EMPTY_DRAFT } from '../helpers/items';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const FIXED_NOW = new Date('2026-12-03T10:00:00Z');
const FILE_PASSWORD = 'archive password 4711';

const note = (name: string, folderId: string | null = null): ItemDraft =>
  ({ ...EMPTY_DRAFT, type: 2, name, folderId, secureNote: { type: 0 } }) as ItemDraft;

/** A vault of three notes, two with attachments (one with two files of the same name). */
async function vaultWithAttachments() {
  const background = await createUnlockedBackground(TEST_KDF, { now: () => FIXED_NOW });
  const { client } = background;
  const folder = await client.saveFolder({ name: 'Papers' });
  // A name long enough that random ciphertext never holds it by chance (three bytes would, one
  // archive in six).
  const tax = await client.saveItem({ item: note('Tax return 2026', folder.id) });
  const keys = await client.saveItem({ item: note('Keys') });
  await client.saveItem({ item: note('Nothing attached') });
  const files = {
    report: fileBytes(3 * 1024 * 1024 + 7, 1),
    empty: new Uint8Array(0),
    first: fileBytes(100, 2),
    second: fileBytes(200, 3),
  };
  const added = {
    report: await attach(client, tax.id, 'report.pdf', files.report),
    empty: await attach(client, tax.id, 'empty.txt', files.empty),
    first: await attach(client, keys.id, 'key.bin', files.first),
    second: await attach(client, keys.id, 'key.bin', files.second),
  };
  return { ...background, folder, tax, keys, files, added };
}

function lastFile(background: TestBackground): Uint8Array {
  const file = background.downloads.files.at(-1)!;
  if (file.content.kind !== 'bytes') throw new Error('expected bytes');
  return file.content.bytes;
}

describe('Export Vault → .zip (with attachments)', () => {
  it('holds the .json export as data.json and each attachment at attachments/<itemId>/<fileName>', async () => {
    const vault = await vaultWithAttachments();
    const result = await vault.client.exportVault({ format: 'zip', masterPassword: TEST_PASSWORD });
    expect(result).toMatchObject({
      format: 'zip',
      kind: 'plain',
      itemCount: 3,
      attachmentCount: 4,
    });
    expect(result.leftOutAttachments).toEqual([]);
    expect(result.fileName).toMatch(/^coffer_export_\d{14}\.zip$/);
    const zip = readAttachmentZip(lastFile(vault));
    expect(result.bytes).toBe(lastFile(vault).length);

    await vault.client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    expect(zip.dataJson).toBe(vault.downloads.files.at(-1)!.text);

    const byPath = new Map(zip.attachments.map((a) => [a.path, a]));
    expect([...byPath.keys()].sort()).toEqual(
      [
        `attachments/${vault.tax.id}/report.pdf`,
        `attachments/${vault.tax.id}/empty.txt`,
        `attachments/${vault.keys.id}/key.bin`,
        // The second file of one name on one item goes one folder deeper, under its own id.
        `attachments/${vault.keys.id}/${vault.added.second.id}/key.bin`,
      ].sort(),
    );
    expectSameBytes(
      byPath.get(`attachments/${vault.tax.id}/report.pdf`)!.read(),
      vault.files.report,
    );
    expect(byPath.get(`attachments/${vault.tax.id}/empty.txt`)!.read().length).toBe(0);
    expectSameBytes(byPath.get(`attachments/${vault.keys.id}/key.bin`)!.read(), vault.files.first);
    expectSameBytes(
      byPath.get(`attachments/${vault.keys.id}/${vault.added.second.id}/key.bin`)!.read(),
      vault.files.second,
    );
    expect(vault.downloads.openDrafts).toBe(0);
  });

  it("holds only the chosen items' attachments when one folder is exported", async () => {
    const vault = await vaultWithAttachments();
    const result = await vault.client.exportVault({
      format: 'zip',
      masterPassword: TEST_PASSWORD,
      scope: { kind: 'folder', folderId: vault.folder.id },
    });
    expect(result).toMatchObject({ itemCount: 1, attachmentCount: 2 });
    const zip = readAttachmentZip(lastFile(vault));
    expect(new Set(zip.attachments.map((a) => a.itemId))).toEqual(new Set([vault.tax.id]));
  });

  it('saves nothing after a wrong master password, and drops the pieces written', async () => {
    const vault = await vaultWithAttachments();
    await expect(
      vault.client.exportVault({ format: 'zip', masterPassword: 'not the password' }),
    ).rejects.toBeInstanceOf(CofferError);
    expect(vault.downloads.files).toEqual([]);
    expect(vault.downloads.openDrafts).toBe(0);
    expect(await vault.ctx.store.listBackups()).toEqual([]);
  });
});

describe('Export Vault → .zip (Encrypted, with attachments)', () => {
  it('holds the same data.json and attachments, readable with the file password only', async () => {
    const vault = await vaultWithAttachments();
    const result = await vault.client.exportVault({
      format: 'encrypted_zip',
      mode: 'password',
      masterPassword: TEST_PASSWORD,
      filePassword: FILE_PASSWORD,
    });
    expect(result).toMatchObject({ kind: 'password', itemCount: 3, attachmentCount: 4 });
    expect(result.fileName).toMatch(/^coffer_encrypted_export_\d{14}\.coffer$/);
    const bytes = lastFile(vault);
    // Nothing of the vault shows: not a name, not a file's bytes.
    const text = new TextDecoder('latin1').decode(bytes);
    for (const visible of ['report.pdf', 'key.bin', 'Tax return 2026', vault.tax.id]) {
      expect(text).not.toContain(visible);
    }

    await expect(
      openEncryptedArchive(bytesSource(bytes), { filePassword: 'wrong password' }),
    ).rejects.toMatchObject({
      code: 'ERR_WRONG_FILE_PASSWORD',
    });
    const archive = await openEncryptedArchive(bytesSource(bytes), { filePassword: FILE_PASSWORD });
    await vault.client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    expect(await archive.readData()).toBe(vault.downloads.files.at(-1)!.text);
    const found: { itemId: string; fileName: string; content: Uint8Array }[] = [];
    for await (const attachment of archive.attachments()) {
      found.push({
        itemId: attachment.itemId,
        fileName: attachment.fileName,
        content: await attachment.read(),
      });
    }
    expect(found.map((f) => [f.itemId, f.fileName])).toEqual([
      [vault.tax.id, 'report.pdf'],
      [vault.tax.id, 'empty.txt'],
      [vault.keys.id, 'key.bin'],
      [vault.keys.id, 'key.bin'],
    ]);
    expectSameBytes(found[0]!.content, vault.files.report);
    expectSameBytes(found[3]!.content, vault.files.second);
  });
});

describe('Export Vault → .zip (Encrypted, with attachments), account restricted', () => {
  it('holds the same under the account key: no file password, and only this account opens it', async () => {
    const vault = await vaultWithAttachments();
    const result = await vault.client.exportVault({
      format: 'encrypted_zip',
      mode: 'account',
      masterPassword: TEST_PASSWORD,
    });
    expect(result).toMatchObject({
      format: 'encrypted_zip',
      kind: 'account',
      itemCount: 3,
      attachmentCount: 4,
    });
    expect(result.fileName).toMatch(/^coffer_encrypted_export_\d{14}\.coffer$/);
    const bytes = lastFile(vault);
    expect((await readArchiveHeader(bytesSource(bytes))).keySource).toEqual({ kind: 'account' });
    const text = new TextDecoder('latin1').decode(bytes);
    for (const visible of ['report.pdf', 'key.bin', 'Tax return 2026', vault.tax.id]) {
      expect(text).not.toContain(visible);
    }

    const otherAccount = await importSymmetricKey(fileBytes(64, 9));
    await expect(
      openEncryptedArchive(bytesSource(bytes), { accountKey: otherAccount }),
    ).rejects.toMatchObject({ code: 'ERR_DIFFERENT_ACCOUNT_KEY' });
    const read = await readArchive(bytes, { accountKey: await vault.ctx.session.requireKey() });
    await vault.client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    // data.json is the plain .json export: the archive's key protects all of it.
    expect(read.data).toBe(vault.downloads.files.at(-1)!.text);
    expect(read.attachments.map((a) => a.fileName)).toEqual([
      'report.pdf',
      'empty.txt',
      'key.bin',
      'key.bin',
    ]);
    expectSameBytes(read.attachments[0]!.content, vault.files.report);
    expectSameBytes(read.attachments[2]!.content, vault.files.first);

    const [entry] = await vault.ctx.store.listBackups();
    expect(entry).toMatchObject({ format: 'encrypted_zip', kind: 'account', keyGeneration: 1 });
    expect(entry).not.toHaveProperty('automatic');
  });

  it('refuses a file password sent with it, and a wrong master password, saving nothing', async () => {
    const vault = await vaultWithAttachments();
    await expect(
      vault.client.exportVault({
        format: 'encrypted_zip',
        mode: 'account',
        masterPassword: TEST_PASSWORD,
        filePassword: FILE_PASSWORD,
      } as never),
    ).rejects.toMatchObject({ code: 'ERR_BAD_REQUEST' });
    await expect(
      vault.client.exportVault({
        format: 'encrypted_zip',
        mode: 'account',
        masterPassword: 'not the password',
      }),
    ).rejects.toBeInstanceOf(CofferError);
    expect(vault.downloads.files).toEqual([]);
    expect(vault.downloads.openDrafts).toBe(0);
    expect(await vault.ctx.store.listBackups()).toEqual([]);
  });
});

describe('an attachment that cannot be read', () => {
  const damage = (vault: TestBackground, attachmentId: string) =>
    damageAttachment(vault.ctx, attachmentId);

  it('is left out and named, and everything else is exported', async () => {
    const vault = await vaultWithAttachments();
    await damage(vault, vault.added.first.id);
    const result = await vault.client.exportVault({ format: 'zip', masterPassword: TEST_PASSWORD });
    expect(result.attachmentCount).toBe(3);
    expect(result.leftOutAttachments).toEqual([{ itemName: 'Keys', fileName: 'key.bin' }]);
    const zip = readAttachmentZip(lastFile(vault));
    expect(zip.attachments).toHaveLength(3);
    // Paths are chosen before contents are read, so the readable one keeps its deeper path.
    expect(zip.attachments.map((a) => a.path)).not.toContain(
      `attachments/${vault.keys.id}/key.bin`,
    );
    expectSameBytes(
      zip.attachments
        .find((a) => a.path === `attachments/${vault.keys.id}/${vault.added.second.id}/key.bin`)!
        .read(),
      vault.files.second,
    );
  });

  it('stops the export and saves nothing when the person chose so', async () => {
    const vault = await vaultWithAttachments();
    await damage(vault, vault.added.report.id);
    const failure = vault.client.exportVault({
      format: 'encrypted_zip',
      mode: 'password',
      masterPassword: TEST_PASSWORD,
      filePassword: FILE_PASSWORD,
      unreadable: 'stop',
    });
    await expect(failure).rejects.toMatchObject({
      key: 'errAttachmentUnreadable',
      args: ['Tax return 2026', 'report.pdf'],
    });
    expect(vault.downloads.files).toEqual([]);
    expect(vault.downloads.openDrafts).toBe(0);
    expect(await vault.ctx.store.listBackups()).toEqual([]);
  });
});
