/**
 * A `.kdbx`'s Argon2 goes where the rest of a file's KDF goes: to the background's FileKeyDeriver
 * (a Worker in the browser, which the popup can cancel and a lock stops), not onto the
 * background's own thread, where a database asking for 1 GiB and 100 iterations would hold every
 * request (a lock among them) for minutes. The key it derives is the one KeePass's format needs,
 * whether Argon2d or Argon2id; settings out of bounds are refused by the derivation itself too.
 */
import { describe, expect, it } from 'vitest';
import { toBase64 } from '@/src/crypto/bytes';
import { deriveKeePassArgon2, type KeePassArgon2 } from '@/src/crypto/keepass-argon2';
import { CofferError } from '@/src/errors/coffer-error';
import { kdbxLibrary } from '@/src/formats/kdbx/kdbx-library';
import { readKdbx } from '@/src/formats/kdbx/kdbx-read';
import { startKdbxDatabase } from '@/src/formats/kdbx/kdbx-write';
import { createUnlockedBackground, TEST_PASSWORD } from '../../helpers/background';
import { countingDeriver, gatedDeriver } from '../../helpers/file-key-derivers';
import { sampleDrafts } from '../../helpers/items';
import { kdbxVault } from './kdbx-vault';

const PASSWORD = 'argon2 elsewhere';
const ARGON2 = { iterations: 2, memoryMiB: 2, parallelism: 1 };
const context = () => ({ newId: () => crypto.randomUUID(), now: '2026-01-01T00:00:00.000Z' });

async function database(kdf: 'argon2d' | 'argon2id' = 'argon2id'): Promise<Uint8Array> {
  const vault = kdbxVault();
  const db = startKdbxDatabase({ filePassword: PASSWORD, argon2: ARGON2, cipher: 'aes256' });
  db.addFolders(vault.folders);
  db.addItems(vault.items.slice(0, 3));
  const bytes = await db.save();
  if (kdf === 'argon2id') return bytes;
  // The same entries under Argon2d, KeePass 2's default.
  const lib = kdbxLibrary();
  const loaded = await lib.Kdbx.load(
    bytes.slice().buffer,
    new lib.Credentials(lib.ProtectedValue.fromString(PASSWORD)),
  );
  loaded.setKdf(lib.Consts.KdfId.Argon2d);
  loaded.header.kdfParameters!.set(
    'M',
    lib.VarDictionary.ValueType.UInt64,
    lib.Int64.from(1 << 21),
  );
  return new Uint8Array(await loaded.save());
}

const names = (read: Awaited<ReturnType<typeof readKdbx>>) =>
  read.parsed.items.map((item) => item.name).sort();

describe("a .kdbx's Argon2", () => {
  it('is derived by the `derive` it is given, Argon2d and Argon2id alike, to the same entries', async () => {
    for (const variant of ['argon2d', 'argon2id'] as const) {
      const bytes = await database(variant);
      const here = await readKdbx(bytes, { password: PASSWORD }, context());
      const asked: KeePassArgon2[] = [];
      const elsewhere = await readKdbx(
        bytes,
        {
          password: PASSWORD,
          derive: (password, salt, kdf) => {
            asked.push(kdf as KeePassArgon2);
            return deriveKeePassArgon2(password, salt, kdf as KeePassArgon2);
          },
        },
        context(),
      );
      expect(asked).toEqual([
        {
          type: 'keepass-argon2',
          variant,
          memoryKiB: variant === 'argon2d' ? 2048 : ARGON2.memoryMiB * 1024,
          iterations: ARGON2.iterations,
          parallelism: ARGON2.parallelism,
          length: 32,
        },
      ]);
      expect(names(elsewhere)).toEqual(names(here));
      expect(names(here)).toHaveLength(3);
    }
  });

  it('is derived by the `derive` a new database is saved with, and the file opens', async () => {
    const asked: unknown[] = [];
    const db = startKdbxDatabase({
      filePassword: PASSWORD,
      argon2: ARGON2,
      cipher: 'chacha20',
      derive: (password, salt, kdf) => {
        asked.push(kdf);
        return deriveKeePassArgon2(password, salt, kdf as KeePassArgon2);
      },
    });
    db.addItems(kdbxVault().items.slice(0, 2));
    const bytes = await db.save();
    expect(asked).toEqual([
      expect.objectContaining({ type: 'keepass-argon2', variant: 'argon2id' }),
    ]);
    expect(names(await readKdbx(bytes, { password: PASSWORD }, context()))).toHaveLength(2);
  });

  it('fails the opening when its derivation fails, and the next database still opens', async () => {
    const bytes = await database();
    const stopped = new CofferError('errImportCancelled');
    await expect(
      readKdbx(bytes, { password: PASSWORD, derive: () => Promise.reject(stopped) }, context()),
    ).rejects.toBe(stopped);
    expect(names(await readKdbx(bytes, { password: PASSWORD }, context()))).toHaveLength(3);
  });

  it('refuses settings out of bounds in the derivation itself', async () => {
    const kdf: KeePassArgon2 = {
      type: 'keepass-argon2',
      variant: 'argon2d',
      memoryKiB: 1025 * 1024,
      iterations: 2,
      parallelism: 1,
      length: 32,
    };
    const none = new Uint8Array(32);
    await expect(deriveKeePassArgon2(none, none, kdf)).rejects.toMatchObject({
      code: 'ERR_FILE_KDF_OUT_OF_BOUNDS',
    });
    await expect(
      deriveKeePassArgon2(none, none, { ...kdf, memoryKiB: 1024, iterations: 101 }),
    ).rejects.toMatchObject({ code: 'ERR_FILE_KDF_OUT_OF_BOUNDS' });
  });
});

describe('Import Data of a .kdbx', () => {
  it("hands the database's Argon2 to the background's deriver", async () => {
    const deriver = countingDeriver();
    const { client } = await createUnlockedBackground(undefined, { fileKeyDeriver: deriver });
    const request = {
      format: 'keepass_kdbx' as const,
      content: toBase64(await database('argon2d')),
      filePassword: PASSWORD,
    };
    expect(await client.previewImport(request)).toMatchObject({ itemCount: 3 });
    expect(deriver.jobs.map((job) => job.kdf)).toEqual([
      expect.objectContaining({ type: 'keepass-argon2', variant: 'argon2d' }),
    ]);
  });

  /** A preview of a database whose derivation waits until the test lets it go. */
  async function gatedPreview(requestId?: string) {
    const deriver = gatedDeriver();
    const { client } = await createUnlockedBackground(undefined, { fileKeyDeriver: deriver });
    const preview = client.previewImport({
      format: 'keepass_kdbx',
      content: toBase64(await database()),
      filePassword: PASSWORD,
      ...(requestId !== undefined && { requestId }),
    });
    return { deriver, client, preview };
  }

  it('answers other requests while the derivation runs, and a lock stops it', async () => {
    const { deriver, client, preview } = await gatedPreview();
    const refused = expect(preview).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    await deriver.started();
    expect((await client.getStatus()).state).toBe('unlocked');
    await client.lock();
    await refused;
    expect(deriver.signals[0]!.aborted).toBe(true);
  });

  it('can be cancelled while the derivation runs', async () => {
    const { deriver, client, preview } = await gatedPreview('kdbx-1');
    const refused = expect(preview).rejects.toMatchObject({ code: 'ERR_IMPORT_CANCELLED' });
    await deriver.started();
    expect(await client.cancelImport({ requestId: 'kdbx-1' })).toEqual({ cancelled: true });
    await refused;
    expect((await client.listVault()).items).toHaveLength(0);
  });
});

describe('Export Vault to a .kdbx', () => {
  it("hands the new database's Argon2 to the background's deriver", async () => {
    const deriver = countingDeriver();
    const { client, downloads } = await createUnlockedBackground(undefined, {
      fileKeyDeriver: deriver,
    });
    for (const item of sampleDrafts()) await client.saveItem({ item });
    await client.exportVault({
      format: 'kdbx',
      mode: 'password',
      masterPassword: TEST_PASSWORD,
      filePassword: PASSWORD,
      // A file's least Argon2id (FILE_KDF_BOUNDS), as the database's own.
      kdf: { type: 'argon2id', iterations: 2, memoryMiB: 16, parallelism: 1 },
    });
    expect(deriver.jobs.map((job) => job.kdf)).toEqual([
      expect.objectContaining({ type: 'keepass-argon2', variant: 'argon2id', memoryKiB: 16_384 }),
    ]);
    const saved = downloads.files.at(-1)!.content;
    expect(saved.kind).toBe('bytes');
    const read = await readKdbx(
      (saved as { bytes: Uint8Array }).bytes,
      { password: PASSWORD },
      context(),
    );
    expect(names(read)).toEqual(
      sampleDrafts()
        .map((item) => item.name)
        .sort(),
    );
  });
});
