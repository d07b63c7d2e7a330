/**
 * The generator's history (issue 17) through the background: kept encrypted under the account
 * key (never as text in IndexedDB), newest first and at most 20, readable after a lock, a worker
 * restart and a key rotation, cleared on request, gone with the account; a bad value or a damaged
 * record is told and changes nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { decryptString, encryptString } from '@/src/crypto/aes-cbc-hmac';
import { DB_NAME } from '@/src/store/schema';
import {
  GENERATOR_HISTORY_SIZE,
  MAX_GENERATED_LENGTH,
  type GeneratedValue,
} from '@/src/vault/generator-history';
import {
  createUnlockedBackground,
  TEST_EMAIL,
  TEST_KDF,
  TEST_PASSWORD,
} from '../helpers/background';
import { dumpDatabase as dumpAll, dumpToJson } from '../helpers/database-dump';
import { sampleDrafts } from '../helpers/items';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

/** Every record IndexedDB holds, as text. */
const dumpDatabase = async (): Promise<string> => dumpToJson(await dumpAll(DB_NAME));

const values = (history: GeneratedValue[]) => history.map((entry) => entry.value);

describe("the generator's history", () => {
  it('keeps values newest first, encrypted under the account key, and never as text', async () => {
    const { client, ctx } = await createUnlockedBackground();
    expect(await client.generatorHistory()).toEqual([]);
    await client.rememberGenerated({ value: 'MARK-first-generated', kind: 'password' });
    const history = await client.rememberGenerated({
      value: 'MARK-correct-horse-battery',
      kind: 'passphrase',
    });
    expect(history).toEqual([
      { value: 'MARK-correct-horse-battery', kind: 'passphrase', date: expect.any(String) },
      { value: 'MARK-first-generated', kind: 'password', date: expect.any(String) },
    ]);
    expect(await client.generatorHistory()).toEqual(history);
    expect(await dumpDatabase()).not.toContain('MARK-');
    const record = await ctx.store.getGeneratorHistory();
    expect(record).toMatch(/^2\./);
    expect(JSON.parse(await decryptString(record!, await ctx.session.requireKey()))).toEqual(
      history,
    );
  });

  it('holds the last 20, and a value kept again moves up instead of taking two places', async () => {
    const { client } = await createUnlockedBackground();
    for (let i = 0; i < GENERATOR_HISTORY_SIZE + 5; i++) {
      await client.rememberGenerated({ value: `value ${i}`, kind: 'password' });
    }
    let history = await client.generatorHistory();
    expect(history).toHaveLength(GENERATOR_HISTORY_SIZE);
    expect(history[0]!.value).toBe('value 24');
    expect(history.at(-1)!.value).toBe('value 5');
    history = await client.rememberGenerated({ value: 'value 10', kind: 'password' });
    expect(history).toHaveLength(GENERATOR_HISTORY_SIZE);
    expect(values(history).filter((v) => v === 'value 10')).toHaveLength(1);
    expect(history[0]!.value).toBe('value 10');
  });

  it('is not a vault write: the list and its snapshot stay', async () => {
    const { client, ctx } = await createUnlockedBackground();
    await client.saveItem({ item: sampleDrafts()[0]! });
    await client.queryVault({ filter: { search: '', folder: 'all' }, offset: 0, limit: 10 });
    await vi.waitFor(async () => expect(await ctx.store.getListSnapshot()).toBeDefined());
    await client.rememberGenerated({ value: 'kept aside', kind: 'password' });
    expect(await ctx.store.getListSnapshot()).toBeDefined();
  });

  it('reads again after a lock and a restarted worker, and is refused while locked', async () => {
    const background = await createUnlockedBackground();
    await background.client.rememberGenerated({ value: 'through a lock', kind: 'password' });
    await background.client.lock();
    await expect(background.client.generatorHistory()).rejects.toMatchObject({
      code: 'ERR_LOCKED',
    });
    await expect(
      background.client.rememberGenerated({ value: 'while locked', kind: 'password' }),
    ).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    await expect(background.client.clearGeneratorHistory()).rejects.toMatchObject({
      code: 'ERR_LOCKED',
    });
    const restarted = await background.restart();
    await restarted.client.unlock({ masterPassword: TEST_PASSWORD });
    expect(values(await restarted.client.generatorHistory())).toEqual(['through a lock']);
  });

  it('refuses what is no generated value, and changes nothing', async () => {
    const { client } = await createUnlockedBackground();
    await client.rememberGenerated({ value: 'kept', kind: 'password' });
    const before = await dumpDatabase();
    await expect(client.rememberGenerated({ value: '', kind: 'password' })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      message: `A generated value is 1 to ${MAX_GENERATED_LENGTH} characters long.`,
    });
    await expect(
      client.rememberGenerated({ value: 'x'.repeat(MAX_GENERATED_LENGTH + 1), kind: 'password' }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    await expect(
      client.rememberGenerated({ value: 'x', kind: 'pin' as 'password' }),
    ).rejects.toMatchObject({ code: 'ERR_BAD_REQUEST' });
    await expect(
      client.rememberGenerated({ value: 42 as unknown as string, kind: 'password' }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    expect(await dumpDatabase()).toBe(before);
  });

  it('says a damaged record cannot be read, keeps it until cleared, then starts anew', async () => {
    const { client, ctx } = await createUnlockedBackground();
    const key = await ctx.session.requireKey();
    for (const damaged of [
      '2.AAAA|BBBB|CCCC',
      await encryptString('not json', key),
      await encryptString(JSON.stringify([{ value: 'x', kind: 'pin', date: 'now' }]), key),
    ]) {
      await ctx.store.putGeneratorHistory(damaged);
      for (const read of [
        () => client.generatorHistory(),
        () => client.rememberGenerated({ value: 'new', kind: 'password' }),
      ]) {
        await expect(read()).rejects.toMatchObject({
          code: 'ERR_DECRYPT_FAILED',
          message: expect.stringMatching(/^The generator history cannot be read\./),
        });
      }
      expect(await ctx.store.getGeneratorHistory()).toBe(damaged);
    }
    expect(await client.clearGeneratorHistory()).toEqual([]);
    expect(await client.generatorHistory()).toEqual([]);
    expect(values(await client.rememberGenerated({ value: 'new', kind: 'password' }))).toEqual([
      'new',
    ]);
  });

  it('is re-encrypted by key rotation, and a damaged one does not hold rotation up', async () => {
    const { client, ctx } = await createUnlockedBackground();
    await client.saveItem({ item: sampleDrafts()[0]! });
    await client.rememberGenerated({ value: 'before rotation', kind: 'passphrase' });
    const before = await ctx.store.getGeneratorHistory();
    await client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    expect(await ctx.store.getGeneratorHistory()).not.toBe(before);
    expect(await client.generatorHistory()).toEqual([
      { value: 'before rotation', kind: 'passphrase', date: expect.any(String) },
    ]);
    await client.lock();
    await client.unlock({ masterPassword: TEST_PASSWORD });
    expect(values(await client.generatorHistory())).toEqual(['before rotation']);

    await ctx.store.putGeneratorHistory('2.AAAA|BBBB|CCCC');
    await client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    expect(await ctx.store.getGeneratorHistory()).toBeUndefined();
    expect(await client.generatorHistory()).toEqual([]);
  });

  it('goes with the account: a new account starts without it', async () => {
    const { client } = await createUnlockedBackground();
    await client.rememberGenerated({ value: 'MARK-old-account', kind: 'password' });
    await client.deleteAccount({ masterPassword: TEST_PASSWORD });
    expect(await dumpDatabase()).not.toContain('MARK-');
    await client.createAccount({ email: TEST_EMAIL, masterPassword: TEST_PASSWORD, kdf: TEST_KDF });
    expect(await client.generatorHistory()).toEqual([]);
  });
});
