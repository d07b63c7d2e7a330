import { describe, expect, it } from 'vitest';
import type { ItemDraft } from '@/src/protocol/vault-api';
import type { Item } from '@/src/vault/item';
import { REPROMPT_GRANT_MS } from '@/src/background/reprompt-grants';
import {
  TEST_PASSWORD,
  createTestBackground,
  createUnlockedBackground,
} from '../helpers/background';
import { sampleDrafts } from '../helpers/items';

/** Every sample item, marked "Master password re-prompt". */
const guardedDrafts = (): ItemDraft[] =>
  sampleDrafts().map((draft) => ({ ...draft, reprompt: 1 }) as ItemDraft);

/** Saves the items in one background, then reads them from a restarted one (no grants yet). */
async function guardedVault(now?: () => Date) {
  const first = await createUnlockedBackground();
  const saved: Item[] = [];
  for (const draft of guardedDrafts()) saved.push(await first.client.saveItem({ item: draft }));
  const background = await (now ? createTestBackground({ now }) : first.restart());
  return { ...background, saved };
}

describe('master password re-prompt, enforced by the background', () => {
  it('withholds every secret of a re-prompt item, and says so', async () => {
    const { client, saved } = await guardedVault();
    for (const item of saved) {
      const withheld = await client.getItem({ id: item.id });
      expect(withheld.secretsWithheld).toBe(true);
      expect(withheld.name).toBe(item.name);
      const text = JSON.stringify(withheld);
      for (const secret of [
        'MARK-password',
        'MARKTOTPSECRET',
        'MARK-key-value',
        'MARK-hidden-value',
        'MARK-old-password',
        'MARK-secure-note',
        'MARK-login-notes',
        '4111111111111111',
        '"123"',
        'MARK-SSN',
        'MARK-PASSPORT',
        'MARKPRIVATE',
      ]) {
        expect(text, `${item.name} leaks ${secret}`).not.toContain(secret);
      }
    }
    // What finds and recognises an item stays.
    const login = await client.getItem({ id: saved[0]!.id });
    expect(login.type === 1 && login.login.username).toBe('MARK-username');
  });

  it('hands out the whole item once the master password is confirmed for it, and only it', async () => {
    const { client, saved } = await guardedVault();
    const [login, note] = saved;
    await expect(
      client.confirmReprompt({ itemId: login!.id, masterPassword: 'not it at all' }),
    ).rejects.toMatchObject({ code: 'ERR_WRONG_MASTER_PASSWORD' });
    expect((await client.getItem({ id: login!.id })).secretsWithheld).toBe(true);
    expect(
      await client.confirmReprompt({ itemId: login!.id, masterPassword: TEST_PASSWORD }),
    ).toEqual(login);
    expect(await client.getItem({ id: login!.id })).toEqual(login);
    expect((await client.getItem({ id: note!.id })).secretsWithheld).toBe(true);
  });

  it('asks again once the confirmation is a few minutes old, and after a lock', async () => {
    const clock = { now: Date.now() };
    const { client, saved } = await guardedVault(() => new Date(clock.now));
    const id = saved[0]!.id;
    await client.confirmReprompt({ itemId: id, masterPassword: TEST_PASSWORD });
    clock.now += REPROMPT_GRANT_MS - 1_000;
    expect((await client.getItem({ id })).secretsWithheld).toBeUndefined();
    clock.now += 2_000;
    expect((await client.getItem({ id })).secretsWithheld).toBe(true);

    await client.confirmReprompt({ itemId: id, masterPassword: TEST_PASSWORD });
    await client.lock();
    await client.unlock({ masterPassword: TEST_PASSWORD });
    expect((await client.getItem({ id })).secretsWithheld).toBe(true);
  });

  it('refuses to save over a re-prompt item without the confirmation, and changes nothing', async () => {
    const { client, saved } = await guardedVault();
    const login = saved[0] as Item & { type: 1 };
    const edit = { ...login, login: { ...login.login, password: 'changed by someone' } };
    await expect(client.saveItem({ item: edit })).rejects.toMatchObject({
      code: 'ERR_REPROMPT_REQUIRED',
    });
    await expect(client.saveItem({ item: { ...edit, reprompt: 0 } })).rejects.toMatchObject({
      code: 'ERR_REPROMPT_REQUIRED',
    });
    await client.confirmReprompt({ itemId: login.id, masterPassword: TEST_PASSWORD });
    expect(await client.getItem({ id: login.id })).toEqual(login);
    const changed = await client.saveItem({ item: edit });
    expect(changed.type === 1 && changed.login.password).toBe('changed by someone');
  });

  it('never saves a copy fetched without its secrets over the real item, even once confirmed', async () => {
    const { client, saved } = await guardedVault();
    const login = saved[0]!;
    const withheld = await client.getItem({ id: login.id });
    await client.confirmReprompt({ itemId: login.id, masterPassword: TEST_PASSWORD });
    await expect(client.saveItem({ item: { ...withheld, name: 'renamed' } })).rejects.toMatchObject(
      { code: 'ERR_REPROMPT_REQUIRED' },
    );
    expect(await client.getItem({ id: login.id })).toEqual(login);
  });

  it('still exports re-prompt items whole (the export asks for the master password)', async () => {
    const { client, downloads } = await guardedVault();
    await client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    const text = downloads.files.at(-1)!.text;
    for (const secret of ['MARK-password', 'MARK-hidden-value', 'MARKPRIVATE', 'MARK-SSN']) {
      expect(text).toContain(secret);
    }
  });
});
