import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it } from 'vitest';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import {
  TEST_EMAIL,
  TEST_KDF,
  TEST_PASSWORD,
  createTestBackground,
  createUnlockedBackground,
} from '../helpers/background';
import { EMPTY_DRAFT } from '../helpers/items';

describe('accounts', () => {
  it.each<[string, KdfConfig]>([
    ['PBKDF2', TEST_KDF],
    ['Argon2id', { type: 'argon2id', iterations: 3, memoryMiB: 64, parallelism: 4 }],
  ])('are created with %s, start unlocked, lock and unlock again', async (_name, kdf) => {
    const { client, ctx } = await createTestBackground();
    expect(await client.getStatus()).toEqual({ state: 'no-account' });
    expect(
      await client.createAccount({
        email: ` ${TEST_EMAIL.toUpperCase()} `,
        masterPassword: TEST_PASSWORD,
        kdf,
      }),
    ).toEqual({
      state: 'unlocked',
      email: TEST_EMAIL,
    });
    expect((await ctx.store.getAccount())?.kdf).toEqual(kdf);
    expect(await client.lock()).toEqual({ state: 'locked', email: TEST_EMAIL, hint: null });
    await expect(client.listVault()).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    expect(await client.unlock({ masterPassword: TEST_PASSWORD })).toEqual({
      state: 'unlocked',
      email: TEST_EMAIL,
    });
  });

  it('refuse a wrong master password with "Invalid master password" and stay locked', async () => {
    const { client } = await createUnlockedBackground();
    await client.lock();
    await expect(client.unlock({ masterPassword: 'wrong password!!' })).rejects.toMatchObject({
      code: 'ERR_WRONG_MASTER_PASSWORD',
      message: 'Invalid master password',
    });
    expect((await client.getStatus()).state).toBe('locked');
  });

  it('slow down guessing after three wrong passwords, even across a worker restart', async () => {
    let now = new Date('2026-01-01T00:00:00Z').getTime();
    const background = await createTestBackground({ now: () => new Date(now) });
    await background.client.createAccount({
      email: TEST_EMAIL,
      masterPassword: TEST_PASSWORD,
      kdf: TEST_KDF,
    });
    await background.client.lock();
    for (let i = 0; i < 3; i++) {
      await expect(
        background.client.unlock({ masterPassword: `wrong ${i} password` }),
      ).rejects.toMatchObject({
        code: 'ERR_WRONG_MASTER_PASSWORD',
      });
    }
    const restarted = await background.restart();
    // Even the right password must wait now; the wait doubles with each failure.
    await expect(restarted.client.unlock({ masterPassword: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'ERR_TOO_MANY_ATTEMPTS',
      message: 'Too many wrong master passwords. Try again in 1 second.',
    });
    now += 1000;
    await expect(
      restarted.client.unlock({ masterPassword: 'wrong again pass' }),
    ).rejects.toMatchObject({
      code: 'ERR_WRONG_MASTER_PASSWORD',
    });
    await expect(restarted.client.unlock({ masterPassword: TEST_PASSWORD })).rejects.toMatchObject({
      message: 'Too many wrong master passwords. Try again in 2 seconds.',
    });
    now += 2000;
    expect((await restarted.client.unlock({ masterPassword: TEST_PASSWORD })).state).toBe(
      'unlocked',
    );
    // Success resets the count.
    await restarted.client.lock();
    await expect(
      restarted.client.unlock({ masterPassword: 'wrong after ok' }),
    ).rejects.toMatchObject({
      code: 'ERR_WRONG_MASTER_PASSWORD',
    });
  });

  it('stay unlocked when the worker restarts, and are locked when the browser restarts', async () => {
    const background = await createUnlockedBackground();
    await background.client.saveItem({
      item: { ...EMPTY_DRAFT, type: 2, name: 'kept', notes: 'n', secureNote: { type: 0 } },
    });
    const restarted = await background.restart();
    expect((await restarted.client.getStatus()).state).toBe('unlocked');
    expect((await restarted.client.listVault()).items.map((i) => i.name)).toEqual(['kept']);
    // A browser restart empties storage.session; memory is gone with the worker.
    await fakeBrowser.storage.session.clear();
    const afterBrowserRestart = await background.restart();
    expect((await afterBrowserRestart.client.getStatus()).state).toBe('locked');
  });

  it.each([
    [
      'an email without @',
      { email: 'nobody', masterPassword: TEST_PASSWORD },
      'Enter a valid email address.',
    ],
    [
      'a short master password',
      { email: TEST_EMAIL, masterPassword: 'short' },
      'The master password must be at least 12 characters long.',
    ],
    [
      'a hint equal to the password',
      { email: TEST_EMAIL, masterPassword: TEST_PASSWORD, masterPasswordHint: TEST_PASSWORD },
      'The hint must be short and must not be your master password.',
    ],
  ])('refuse %s', async (_name, params, message) => {
    const { client, ctx } = await createTestBackground();
    await expect(client.createAccount({ kdf: TEST_KDF, ...params })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      message,
    });
    expect(await ctx.store.getAccount()).toBeUndefined();
  });

  it('refuse KDF settings below the account minimum', async () => {
    const { client } = await createTestBackground();
    await expect(
      client.createAccount({
        email: TEST_EMAIL,
        masterPassword: TEST_PASSWORD,
        kdf: { type: 'pbkdf2', iterations: 100_000 },
      }),
    ).rejects.toMatchObject({ code: 'ERR_KDF_PARAMS' });
  });

  it('refuse a second account', async () => {
    const { client } = await createUnlockedBackground();
    await expect(
      client.createAccount({
        email: 'other@example.com',
        masterPassword: TEST_PASSWORD,
        kdf: TEST_KDF,
      }),
    ).rejects.toMatchObject({ code: 'ERR_ACCOUNT_EXISTS' });
  });

  it('keep the hint for the lock screen', async () => {
    const { client } = await createTestBackground();
    await client.createAccount({
      email: TEST_EMAIL,
      masterPassword: TEST_PASSWORD,
      masterPasswordHint: ' horses ',
      kdf: TEST_KDF,
    });
    expect(await client.lock()).toEqual({ state: 'locked', email: TEST_EMAIL, hint: 'horses' });
  });

  it('are deleted only with the master password', async () => {
    const { client, ctx } = await createUnlockedBackground();
    await expect(
      client.deleteAccount({ masterPassword: 'not the password' }),
    ).rejects.toMatchObject({
      code: 'ERR_WRONG_MASTER_PASSWORD',
    });
    expect(await ctx.store.getAccount()).toBeDefined();
    expect(await client.deleteAccount({ masterPassword: TEST_PASSWORD })).toEqual({
      state: 'no-account',
    });
    expect(await ctx.store.getAccount()).toBeUndefined();
  });
});
