/**
 * Issue 11: a password-protected file's key is derived once per import (the preview's opened
 * file is kept in memory, bound to a token and the file's content), the derivation runs outside
 * the vault queue so other requests are answered meanwhile, and it can be cancelled.
 */
import { describe, expect, it } from 'vitest';
import { FILE_KDF_BOUNDS } from '@/src/crypto/kdf-bounds';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { CofferError } from '@/src/errors/coffer-error';
import { OPENED_FILE_TTL_MS } from '@/src/background/opened-files';
import type { ImportRequest } from '@/src/protocol/vault-api';
import { createUnlockedBackground } from '../helpers/background';
import {
  countingDeriver,
  gatedDeriver,
  protectWithPassword,
  type RecordingDeriver,
} from '../helpers/file-key-derivers';
import { readFixtureText, readTruth } from '../helpers/fixtures';
import { sampleDrafts } from '../helpers/items';

const FILE_PASSWORD = readTruth('pbkdf2').password;
const fileRequest = (): ImportRequest => ({
  format: 'bitwarden_json',
  content: readFixtureText('pbkdf2', 'sdk-password-protected.json'),
  filePassword: FILE_PASSWORD,
});

async function ready(deriver: RecordingDeriver, now?: () => Date) {
  return createUnlockedBackground(undefined, { fileKeyDeriver: deriver, now });
}

async function previewToken(
  client: Awaited<ReturnType<typeof ready>>['client'],
  request: ImportRequest,
): Promise<string> {
  const preview = await client.previewImport(request);
  if (preview.needsFilePassword) throw new Error('the file password was not taken');
  expect(preview.itemCount).toBe(22);
  expect(preview.openedFileToken).toEqual(expect.any(String));
  return preview.openedFileToken!;
}

/** Fails instead of hanging when a request waits behind the derivation. */
function answersSoon<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('no answer while the file key was derived')), 5_000),
    ),
  ]);
}

describe('opening a password-protected file once per import', () => {
  it('derives the file key once for the preview and the import', async () => {
    const deriver = countingDeriver();
    const { client } = await ready(deriver);
    const openedFileToken = await previewToken(client, fileRequest());
    expect(deriver.jobs).toHaveLength(1);
    const summary = await client.importVault({ ...fileRequest(), openedFileToken });
    expect(summary.added).toBe(22);
    expect(deriver.jobs).toHaveLength(1);
    expect((await client.listVault()).items).toHaveLength(22);
  });

  it('reads the file again without a token, with a wrong one, or once the import used it', async () => {
    const deriver = countingDeriver();
    const { client } = await ready(deriver);
    const openedFileToken = await previewToken(client, fileRequest());
    await client.importVault({ ...fileRequest(), openedFileToken: 'not the token' });
    expect(deriver.jobs).toHaveLength(2);
    // The import that re-read the file kept nothing under the preview's token either.
    await client.importVault({ ...fileRequest(), openedFileToken, duplicates: 'all' });
    expect(deriver.jobs).toHaveLength(3);
    await client.importVault(fileRequest());
    expect(deriver.jobs).toHaveLength(4);
  });

  it('reads the file again when the content sent with the token is not the previewed file', async () => {
    const deriver = countingDeriver();
    const { client } = await ready(deriver);
    const plain = JSON.stringify({
      encrypted: false,
      folders: [],
      items: [{ type: 1, name: 'Only this one', login: { username: 'u', password: 'p' } }],
    });
    const other = await protectWithPassword(plain, FILE_PASSWORD, {
      type: 'pbkdf2',
      iterations: 5_000,
    });
    const openedFileToken = await previewToken(client, fileRequest());
    const summary = await client.importVault({
      format: 'bitwarden_json',
      content: other,
      filePassword: FILE_PASSWORD,
      openedFileToken,
    });
    expect(deriver.jobs).toHaveLength(2);
    expect(summary.added).toBe(1);
    expect((await client.listVault()).items.map((i) => i.name)).toEqual(['Only this one']);
  });

  it('forgets the opened file at a lock', async () => {
    const deriver = countingDeriver();
    const { client } = await ready(deriver);
    const openedFileToken = await previewToken(client, fileRequest());
    await client.lock();
    await client.unlock({ masterPassword: 'correct horse battery staple' });
    await client.importVault({ ...fileRequest(), openedFileToken });
    expect(deriver.jobs).toHaveLength(2);
  });

  it('forgets the opened file after five minutes', async () => {
    const deriver = countingDeriver();
    let time = Date.parse('2026-03-01T10:00:00Z');
    const { client } = await ready(deriver, () => new Date(time));
    let openedFileToken = await previewToken(client, fileRequest());
    time += OPENED_FILE_TTL_MS - 1_000;
    await client.importVault({ ...fileRequest(), openedFileToken });
    expect(deriver.jobs).toHaveLength(1);

    openedFileToken = await previewToken(client, fileRequest());
    expect(deriver.jobs).toHaveLength(2);
    time += OPENED_FILE_TTL_MS;
    await client.importVault({ ...fileRequest(), openedFileToken, duplicates: 'all' });
    expect(deriver.jobs).toHaveLength(3);
  });

  it('answers getStatus, listVault and saveItem while a derivation is pending', async () => {
    const deriver = gatedDeriver();
    const { client } = await ready(deriver);
    const preview = client.previewImport(fileRequest());
    await deriver.started();
    expect((await answersSoon(client.getStatus())).state).toBe('unlocked');
    expect((await answersSoon(client.listVault())).items).toHaveLength(0);
    const saved = await answersSoon(
      client.saveItem({ item: { ...sampleDrafts()[0]!, name: 'Meanwhile' } }),
    );
    expect(saved.name).toBe('Meanwhile');
    deriver.release();
    const result = await preview;
    expect(result.needsFilePassword).toBe(false);
    expect(deriver.jobs).toHaveLength(1);
  });

  it('cancels a pending derivation: the preview fails with ERR_IMPORT_CANCELLED, nothing is written', async () => {
    const deriver = gatedDeriver();
    const { client } = await ready(deriver);
    const preview = client.previewImport({ ...fileRequest(), requestId: 'preview-1' });
    const outcome = preview.catch((e: unknown) => e);
    await deriver.started();
    expect(await client.cancelImport({ requestId: 'another one' })).toEqual({ cancelled: false });
    expect(await client.cancelImport({ requestId: 'preview-1' })).toEqual({ cancelled: true });
    const error = await outcome;
    expect(error).toBeInstanceOf(CofferError);
    expect((error as CofferError).code).toBe('ERR_IMPORT_CANCELLED');
    expect(deriver.signals[0]!.aborted).toBe(true);
    expect((await client.listVault()).items).toHaveLength(0);
    // Cancelled means gone: the request id no longer names anything.
    expect(await client.cancelImport({ requestId: 'preview-1' })).toEqual({ cancelled: false });
  });

  it('cancels an import that has to open the file again, and writes nothing', async () => {
    const deriver = gatedDeriver();
    const { client } = await ready(deriver);
    const importing = client.importVault({ ...fileRequest(), requestId: 'import-1' });
    await deriver.started();
    const refused = expect(importing).rejects.toMatchObject({ code: 'ERR_IMPORT_CANCELLED' });
    await client.cancelImport({ requestId: 'import-1' });
    await refused;
    expect((await client.listVault()).items).toHaveLength(0);
  });

  it('stops a pending derivation at a lock', async () => {
    const deriver = gatedDeriver();
    const { client } = await ready(deriver);
    const preview = client.previewImport(fileRequest());
    await deriver.started();
    // Listened to before the lock, which refuses it while `lock` is still being answered.
    const refused = expect(preview).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    await client.lock();
    await refused;
    expect(deriver.signals[0]!.aborted).toBe(true);
  });
});

describe("Bitwarden's file KDF bounds", () => {
  const plain = JSON.stringify({ encrypted: false, folders: [], items: [] });
  type Argon2id = Extract<KdfConfig, { type: 'argon2id' }>;
  const argon2 = (iterations: number, memoryMiB: number, parallelism: number): Argon2id => ({
    type: 'argon2id',
    iterations,
    memoryMiB,
    parallelism,
  });

  /** A file naming `kdf`, sealed with cheap settings and then relabelled. */
  async function fileNaming(kdf: Argon2id): Promise<string> {
    const doc = JSON.parse(await protectWithPassword(plain, 'pw', argon2(2, 16, 1)));
    return JSON.stringify({
      ...doc,
      kdfIterations: kdf.iterations,
      kdfMemory: kdf.memoryMiB,
      kdfParallelism: kdf.parallelism,
    });
  }

  it("hands Bitwarden's highest Argon2id settings to the deriver as they are", async () => {
    const [, maxIterations] = FILE_KDF_BOUNDS.argon2Iterations;
    const [, maxMemory] = FILE_KDF_BOUNDS.argon2MemoryMiB;
    const [, maxLanes] = FILE_KDF_BOUNDS.argon2Parallelism;
    expect([maxIterations, maxMemory, maxLanes]).toEqual([10, 1024, 16]);
    // A deriver that answers at once with some key, so the test does not spend 1 GiB and 15 s:
    // the key is not the file's, which the password check then says.
    const deriver = countingDeriver({ derive: async () => new Uint8Array(32) });
    const { client } = await ready(deriver);
    const content = await fileNaming(argon2(10, 1024, 16));
    await expect(
      client.previewImport({ format: 'bitwarden_json', content, filePassword: 'pw' }),
    ).rejects.toMatchObject({ code: 'ERR_WRONG_FILE_PASSWORD' });
    expect(deriver.jobs.map((j) => j.kdf)).toEqual([argon2(10, 1024, 16)]);
  });

  it('refuses settings beyond them before deriving anything', async () => {
    const deriver = countingDeriver();
    const { client } = await ready(deriver);
    const content = await fileNaming(argon2(10, 2048, 16));
    await expect(
      client.previewImport({ format: 'bitwarden_json', content, filePassword: 'pw' }),
    ).rejects.toMatchObject({ code: 'ERR_FILE_KDF_OUT_OF_BOUNDS' });
    expect(deriver.jobs).toHaveLength(0);
  });
});
