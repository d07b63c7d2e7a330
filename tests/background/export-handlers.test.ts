import { describe, expect, it, vi } from 'vitest';
import { CofferError } from '@/src/errors/coffer-error';
import { TEST_PASSWORD, createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { watchReadOrder } from '../helpers/read-order';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

async function vaultWithItems() {
  const background = await createUnlockedBackground();
  const work = await background.client.saveFolder({ name: 'Work' });
  const saved = [];
  for (const draft of sampleDrafts())
    saved.push(
      await background.client.saveItem({
        item: { ...draft, folderId: draft.type === 1 ? work.id : null },
      }),
    );
  return { ...background, work, saved };
}

describe('exportVault', () => {
  it('refuses a wrong master password before building anything, and downloads nothing', async () => {
    const { client, downloads, ctx } = await vaultWithItems();
    await expect(
      client.exportVault({ format: 'json', masterPassword: 'not my password' }),
    ).rejects.toMatchObject({
      code: 'ERR_WRONG_MASTER_PASSWORD',
      message: 'Invalid master password',
    });
    expect(downloads.files).toEqual([]);
    // What was written into the download while the password was checked is dropped.
    expect(downloads.openDrafts).toBe(0);
    expect(await ctx.store.listBackups()).toEqual([]);
  });

  it('counts the items for its progress only once the first batch is read', async () => {
    const { client, ctx, progress, saved } = await vaultWithItems();
    const order = watchReadOrder(ctx.store);
    await client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    expect(order).toEqual(['batch', 'count']);
    expect(progress.filter((p) => p.operation === 'export').at(-1)).toEqual({
      operation: 'export',
      done: saved.length,
      total: saved.length,
    });
  });

  it('records each export in the history, without anything secret', async () => {
    const { client, ctx } = await vaultWithItems();
    const result = await client.exportVault({ format: 'csv', masterPassword: TEST_PASSWORD });
    expect(result).toMatchObject({ format: 'csv', kind: 'plain', itemCount: 2, folderCount: 1 });
    const history = await ctx.store.listBackups();
    expect(history).toEqual([
      {
        seq: 1,
        date: expect.any(String),
        fileName: result.fileName,
        format: 'csv',
        kind: 'plain',
        itemCount: 2,
        folderCount: 1,
        keyGeneration: 1,
      },
    ]);
    expect((await client.getExportInfo()).lastExport).toEqual({ ...history[0], seq: undefined });
  });

  it('never decrypts what a CSV leaves out: a spoilt card stops a .json but not a .csv', async () => {
    const { client, downloads, ctx } = await vaultWithItems();
    const card = (await ctx.store.listItems()).find((record) => record.type === 3)!;
    // Its MAC no longer matches: decrypting it fails.
    await ctx.store.write({
      putItems: [{ ...card, name: (card.name as string).replace(/\|.{4}/, '|AAAA') as never }],
    });
    const csv = await client.exportVault({ format: 'csv', masterPassword: TEST_PASSWORD });
    expect(csv.itemCount).toBe(2);
    expect(downloads.files.at(-1)!.text).toContain('MARK-login-name');
    await expect(
      client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: 'ERR_DECRYPT_FAILED' });
  });

  it('never decrypts the fields a CSV leaves out, and still checks every one it holds', async () => {
    const { client, downloads, ctx } = await vaultWithItems();
    const login = (await ctx.store.listItems()).find((record) => record.type === 1)!;
    const spoil = (text: unknown) => (text as string).replace(/\|.{4}/, '|AAAA') as never;
    const original = structuredClone(login);
    // A passkey's private key and an old password: their MACs no longer match.
    login.login.fido2Credentials![0]!.keyValue = spoil(login.login.fido2Credentials![0]!.keyValue);
    login.passwordHistory![0]!.password = spoil(login.passwordHistory![0]!.password);
    await ctx.store.write({ putItems: [login] });
    const csv = await client.exportVault({ format: 'csv', masterPassword: TEST_PASSWORD });
    expect(csv.itemCount).toBe(2);
    const text = downloads.files.at(-1)!.text;
    for (const held of [
      'MARK-login-name',
      'MARK-login-notes',
      'MARK-text-name: MARK-text-value',
      'MARK-hidden-name: MARK-hidden-value',
      'https://mark-one.example/login,https://mark-two.example/',
      'MARK-username',
      'MARK-password',
      'MARKTOTPSECRET',
      'MARK-secure-note',
    ])
      expect(text).toContain(held);
    expect(text).not.toContain('MARK-old-password');
    expect(text).not.toContain('MARK-key-value');
    await expect(
      client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: 'ERR_DECRYPT_FAILED' });

    // A field the CSV holds is decrypted, so checked: spoilt, it stops the CSV too, and the
    // error names it.
    const files = downloads.files.length;
    const spoilt: [typeof original, string][] = [
      [
        { ...original, login: { ...original.login, totp: spoil(original.login.totp) } },
        'login.totp',
      ],
      [
        {
          ...original,
          fields: [{ ...original.fields![1]!, value: spoil(original.fields![1]!.value) }],
        },
        'fields[0].value',
      ],
    ];
    for (const [item, field] of spoilt) {
      await ctx.store.write({ putItems: [item] });
      await expect(
        client.exportVault({ format: 'csv', masterPassword: TEST_PASSWORD }),
      ).rejects.toMatchObject({ code: 'ERR_DECRYPT_FAILED', field });
    }
    expect(downloads.files.length).toBe(files);
  });

  it('reports an interrupted download as an error and records no backup', async () => {
    const { client, downloads, ctx } = await vaultWithItems();
    downloads.failNext = new CofferError('errDownloadInterruptedBecause', {
      args: ['FILE_NO_SPACE'],
    });
    await expect(
      client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'ERR_DOWNLOAD_INTERRUPTED',
    });
    expect(await ctx.store.listBackups()).toEqual([]);
  });

  it('exports one folder or chosen items only', async () => {
    const { client, downloads, work, saved } = await vaultWithItems();
    await client.exportVault({
      format: 'json',
      masterPassword: TEST_PASSWORD,
      scope: { kind: 'folder', folderId: work.id },
    });
    const folderFile = JSON.parse(downloads.files.at(-1)!.text);
    expect(folderFile.items.map((i: { name: string }) => i.name)).toEqual(['MARK-login-name']);
    expect(folderFile.folders).toEqual([{ id: work.id, name: 'Work' }]);

    const ids = [saved[2]!.id, saved[4]!.id];
    const result = await client.exportVault({
      format: 'encrypted_json',
      mode: 'account',
      masterPassword: TEST_PASSWORD,
      scope: { kind: 'items', ids },
    });
    expect(result).toMatchObject({ itemCount: 2, folderCount: 0, kind: 'account' });
    const itemsFile = JSON.parse(downloads.files.at(-1)!.text);
    expect(itemsFile.items.map((i: { id: string }) => i.id)).toEqual(ids);
    expect(itemsFile.folders).toEqual([]);

    await client.exportVault({
      format: 'json',
      masterPassword: TEST_PASSWORD,
      scope: { kind: 'folder', folderId: null },
    });
    expect(JSON.parse(downloads.files.at(-1)!.text).items).toHaveLength(4);
  });

  it('refuses an empty choice and unknown items', async () => {
    const { client, saved } = await vaultWithItems();
    await expect(
      client.exportVault({
        format: 'json',
        masterPassword: TEST_PASSWORD,
        scope: { kind: 'items', ids: [] },
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    await expect(
      client.exportVault({
        format: 'json',
        masterPassword: TEST_PASSWORD,
        scope: { kind: 'items', ids: [saved[0]!.id, 'gone'] },
      }),
    ).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });

  it('refuses a short file password and a weak file KDF', async () => {
    const { client, downloads } = await vaultWithItems();
    await expect(
      client.exportVault({
        format: 'encrypted_json',
        mode: 'password',
        masterPassword: TEST_PASSWORD,
        filePassword: 'short',
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT', where: 'filePassword' });
    await expect(
      client.exportVault({
        format: 'encrypted_json',
        mode: 'password',
        masterPassword: TEST_PASSWORD,
        filePassword: 'long enough',
        kdf: { type: 'pbkdf2', iterations: 5000 },
      }),
    ).rejects.toMatchObject({ code: 'ERR_KDF_PARAMS' });
    expect(downloads.files).toEqual([]);
  });

  it('reports progress from 0 to all items', async () => {
    const { client, progress } = await vaultWithItems();
    await client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    expect(progress.at(0)).toEqual({ operation: 'export', done: 0, total: 5 });
    expect(progress.at(-1)).toEqual({ operation: 'export', done: 5, total: 5 });
  });

  it('counts the items of each type, for the CSV warning', async () => {
    const { client } = await vaultWithItems();
    expect((await client.getExportInfo()).counts).toEqual({
      login: 1,
      secureNote: 1,
      card: 1,
      identity: 1,
      sshKey: 1,
      bankAccount: 0,
      driversLicense: 0,
      passport: 0,
    });
  });
});
