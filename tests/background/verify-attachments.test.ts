/**
 * Verify backup with attachments, through the real background: backups written by Export Vault
 * (`.zip (with attachments)`, the encrypted archive), sent as Import Data sends them, compared
 * with a vault that moved on since (an attachment deleted, one added, one damaged, one replaced),
 * each change reported by item and file name; a `.json` says only that the vault's attachments
 * are not in it; and nothing is ever written.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import type { ItemDraft, VerifyRequest } from '@/src/protocol/vault-api';
import {
  TEST_KDF,
  TEST_PASSWORD,
  createUnlockedBackground,
  type TestBackground,
} from '../helpers/background';
import { attach, damageAttachment, fileBytes, upload } from '../helpers/attachments';
import { EMPTY_DRAFT } from '../helpers/items';
import { snapshotDatabase } from '../helpers/vault-snapshot';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const FILE_PASSWORD = 'archive password 4711';

const note = (name: string): ItemDraft =>
  ({ ...EMPTY_DRAFT, type: 2, name, secureNote: { type: 0 } }) as ItemDraft;

/** Four notes, three with attachments; "Keys" has two files of one name. */
async function vaultWithAttachments() {
  const background = await createUnlockedBackground(TEST_KDF);
  const { client } = background;
  const passport = await client.saveItem({ item: note('Passport') });
  const keys = await client.saveItem({ item: note('Keys') });
  const tax = await client.saveItem({ item: note('Tax') });
  await client.saveItem({ item: note('Nothing attached') });
  const added = {
    scan: await attach(client, passport.id, 'scan.pdf', fileBytes(5000, 1)),
    photo: await attach(client, passport.id, 'photo.jpg', fileBytes(3000, 2)),
    firstKey: await attach(client, keys.id, 'key.bin', fileBytes(100, 3)),
    secondKey: await attach(client, keys.id, 'key.bin', fileBytes(200, 4)),
    report: await attach(client, tax.id, 'report.pdf', fileBytes(4000, 5)),
  };
  return { ...background, passport, keys, tax, added };
}

type Vault = Awaited<ReturnType<typeof vaultWithAttachments>>;

function lastFile(background: TestBackground): Uint8Array {
  const file = background.downloads.files.at(-1)!;
  if (file.content.kind === 'bytes') return file.content.bytes;
  return new TextEncoder().encode(file.content.text);
}

async function exportZip(vault: TestBackground): Promise<Uint8Array> {
  await vault.client.exportVault({ format: 'zip', masterPassword: TEST_PASSWORD });
  return lastFile(vault);
}

async function exportArchive(vault: TestBackground): Promise<Uint8Array> {
  await vault.client.exportVault({
    format: 'encrypted_zip',
    mode: 'password',
    masterPassword: TEST_PASSWORD,
    filePassword: FILE_PASSWORD,
  });
  return lastFile(vault);
}

/** Sends a backup as the popup sends a file that is not `.json`: an import upload. */
const send = (vault: TestBackground, bytes: Uint8Array) =>
  upload(vault.client, bytes, 4096, 'import');

async function verifyFile(vault: TestBackground, bytes: Uint8Array, filePassword?: string) {
  const request: VerifyRequest = { uploadId: await send(vault, bytes) };
  if (filePassword !== undefined) request.filePassword = filePassword;
  return vault.client.verifyBackup(request);
}

const NO_DIFFERENCES = { changed: [], onlyInVault: [], onlyInFile: [], damaged: [], unplaced: [] };

/**
 * The vault moves on after its backup: Passport's photo deleted, Tax gains two files (one of them
 * then damaged), Tax's report damaged, and Keys' second key.bin replaced by other bytes.
 */
async function changeVault(vault: Vault) {
  const { client } = vault;
  await client.deleteAttachment({ itemId: vault.passport.id, attachmentId: vault.added.photo.id });
  await attach(client, vault.tax.id, 'notes.txt', fileBytes(10, 6));
  const extra = await attach(client, vault.tax.id, 'extra.txt', fileBytes(20, 7));
  await damageAttachment(vault.ctx, extra.id);
  await damageAttachment(vault.ctx, vault.added.report.id);
  await client.deleteAttachment({ itemId: vault.keys.id, attachmentId: vault.added.secondKey.id });
  await attach(client, vault.keys.id, 'key.bin', fileBytes(200, 8));
}

/** What changeVault did, as Verify backup reports it. */
const CHANGES = {
  held: true,
  same: 2,
  changed: [{ itemName: 'Keys', fileName: 'key.bin' }],
  onlyInVault: [{ itemName: 'Tax', fileName: 'notes.txt' }],
  onlyInFile: [{ itemName: 'Passport', fileName: 'photo.jpg' }],
  damaged: [
    { itemName: 'Tax', fileName: 'report.pdf', inBackup: true },
    { itemName: 'Tax', fileName: 'extra.txt', inBackup: false },
  ],
  unplaced: [],
};

describe('Verify backup → .zip (with attachments)', () => {
  it('finds a fresh backup the same as the vault, attachment for attachment', async () => {
    const vault = await vaultWithAttachments();
    const zip = await exportZip(vault);
    const snapshot = await snapshotDatabase();
    const result = await verifyFile(vault, zip);
    expect(result).toEqual({
      needsFilePassword: false,
      fileKind: 'plain',
      readable: true,
      itemCount: 4,
      folderCount: 0,
      diff: {
        same: 4,
        onlyInFile: [],
        onlyInVault: [],
        changed: [],
        attachments: { held: true, same: 5, ...NO_DIFFERENCES },
      },
    });
    // Five in the file and five in the vault, each hashed once.
    expect(vault.progress.filter((p) => p.operation === 'verifyAttachments').at(-1)).toEqual({
      operation: 'verifyAttachments',
      done: 10,
      total: 10,
    });
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it('reports each attachment deleted, added, damaged or replaced since, and writes nothing', async () => {
    const vault = await vaultWithAttachments();
    const zip = await exportZip(vault);
    await changeVault(vault);
    const snapshot = await snapshotDatabase();
    const result = await verifyFile(vault, zip);
    expect(result).toMatchObject({
      readable: true,
      // Attachments aside, the items are as they were.
      diff: { same: 4, onlyInFile: [], onlyInVault: [], changed: [], attachments: CHANGES },
    });
    expect(await snapshotDatabase()).toBe(snapshot);
  });

  it('compares only the items in both: those on one side are reported as items', async () => {
    const vault = await vaultWithAttachments();
    const zip = await exportZip(vault);
    await vault.client.deleteItem({ id: vault.passport.id });
    const later = await vault.client.saveItem({ item: note('Later') });
    await attach(vault.client, later.id, 'later.txt', fileBytes(30, 9));
    expect(await verifyFile(vault, zip)).toMatchObject({
      diff: {
        same: 3,
        onlyInFile: ['Passport'],
        onlyInVault: ['Later'],
        attachments: { held: true, same: 3, ...NO_DIFFERENCES },
      },
    });
  });

  it('names files in the backup that belong to none of its items', async () => {
    const vault = await vaultWithAttachments();
    const entries = unzipSync(await exportZip(vault));
    const stray = 'attachments/not-an-item-of-the-file/stray.txt';
    const zip = zipSync({ ...entries, [stray]: strToU8('stray'), 'README.txt': strToU8('hi') });
    expect(await verifyFile(vault, zip)).toMatchObject({
      diff: {
        attachments: {
          same: 5,
          unplaced: expect.arrayContaining([stray, 'README.txt']),
        },
      },
    });
  });

  it('reads an account-restricted data.json with the account key, or says it cannot', async () => {
    const vault = await vaultWithAttachments();
    const plain = unzipSync(await exportZip(vault));
    await vault.client.exportVault({
      format: 'encrypted_json',
      mode: 'account',
      masterPassword: TEST_PASSWORD,
    });
    const zip = zipSync({ ...plain, 'data.json': lastFile(vault) });
    expect(await verifyFile(vault, zip)).toMatchObject({
      fileKind: 'account',
      readable: true,
      diff: { same: 4, attachments: { same: 5, ...NO_DIFFERENCES } },
    });
    await vault.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    expect(await verifyFile(vault, zip)).toMatchObject({
      needsFilePassword: false,
      fileKind: 'account',
      readable: false,
      reason: expect.objectContaining({ key: 'errDifferentAccountKey' }),
    });
  });
});

describe('Verify backup → .zip (Encrypted, with attachments)', () => {
  it('asks for the file password, refuses a wrong one, then reports as for the zip', async () => {
    const vault = await vaultWithAttachments();
    const archive = await exportArchive(vault);
    await changeVault(vault);
    const snapshot = await snapshotDatabase();
    const uploadId = await send(vault, archive);
    expect(await vault.client.verifyBackup({ uploadId })).toEqual({ needsFilePassword: true });
    await expect(
      vault.client.verifyBackup({ uploadId, filePassword: 'not the password' }),
    ).rejects.toMatchObject({ code: 'ERR_WRONG_FILE_PASSWORD' });
    // The file stayed in the background for the password, and is let go of once answered.
    const result = await vault.client.verifyBackup({ uploadId, filePassword: FILE_PASSWORD });
    expect(result).toMatchObject({
      fileKind: 'password',
      readable: true,
      itemCount: 4,
      diff: { same: 4, attachments: CHANGES },
    });
    expect(vault.ctx.uploads.import.has(uploadId)).toBe(false);
    expect(await snapshotDatabase()).toBe(snapshot);
  });
});

describe('Verify backup → .json', () => {
  it('says only that the vault’s attachments are not in it', async () => {
    const vault = await vaultWithAttachments();
    await vault.client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    const json = vault.downloads.files.at(-1)!.text;
    const expected = {
      readable: true,
      diff: { same: 4, attachments: { held: false, inVault: 5 } },
    };
    expect(await vault.client.verifyBackup({ content: json })).toMatchObject(expected);
    // Sent as an upload (a .json chosen under another name), it is still read as .json.
    expect(await verifyFile(vault, strToU8(json))).toMatchObject(expected);
  });
});

describe('a Verify backup request', () => {
  it('names its file as exactly one of content and uploadId', async () => {
    const vault = await vaultWithAttachments();
    await expect(vault.client.verifyBackup({})).rejects.toMatchObject({
      key: 'errChooseBackupFile',
    });
    const uploadId = await send(vault, strToU8('{}'));
    await expect(vault.client.verifyBackup({ content: '{}', uploadId })).rejects.toMatchObject({
      code: 'ERR_BAD_REQUEST',
    });
    await expect(vault.client.verifyBackup({ uploadId: 'unknown' })).rejects.toMatchObject({
      key: 'errUploadUnknown',
    });
  });

  it('refuses a file that is no backup in the import’s words', async () => {
    const vault = await vaultWithAttachments();
    await expect(verifyFile(vault, fileBytes(500, 10))).rejects.toMatchObject({
      key: 'errNotBackupArchive',
    });
  });
});
