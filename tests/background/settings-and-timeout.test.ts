import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import {
  POPUP_RECONNECT_GRACE_MS,
  TOUCH_COALESCE_MS,
  VAULT_TIMEOUT_ALARM,
  createVaultTimeout,
} from '@/src/background/vault-timeout';
import { DEFAULT_SETTINGS } from '@/src/vault/settings';
import { createUnlockedBackground } from '../helpers/background';

describe('settings', () => {
  it('start with a 15-minute vault timeout and change', async () => {
    const { client } = await createUnlockedBackground();
    expect(await client.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await client.updateSettings({ vaultTimeout: 60, backupReminderDays: null })).toEqual({
      ...DEFAULT_SETTINGS,
      vaultTimeout: 60,
      backupReminderDays: null,
    });
  });

  it('refuse values outside their choices', async () => {
    const { client } = await createUnlockedBackground();
    await expect(client.updateSettings({ vaultTimeout: 7 as 5 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    await expect(client.updateSettings({ backupReminderDays: 0 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    expect(await client.getSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('vault timeout', () => {
  it('schedules a lock the chosen minutes after the last interaction, and locks when it fires', async () => {
    const { client, ctx } = await createUnlockedBackground();
    await client.updateSettings({ vaultTimeout: 5 });
    const before = Date.now();
    await ctx.timeout.touch();
    const alarm = await fakeBrowser.alarms.get(VAULT_TIMEOUT_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(before + 5 * 60_000);
    await ctx.timeout.expire();
    expect((await client.getStatus()).state).toBe('locked');
    await ctx.timeout.touch();
    expect(await fakeBrowser.alarms.get(VAULT_TIMEOUT_ALARM)).toBeUndefined();
  });

  it('moves the alarm once for touches close together, and again after TOUCH_COALESCE_MS', async () => {
    let clock = 1_000_000;
    const alarms: number[] = [];
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    create.mockImplementation(async (_name, info) => void alarms.push(info?.when ?? 0));
    try {
      const timeout = createVaultTimeout({
        getSettings: async () => ({ ...DEFAULT_SETTINGS, vaultTimeout: 5 }),
        isUnlocked: async () => true,
        lock: async () => undefined,
        now: () => clock,
      });
      // An opening popup's five questions at once.
      await Promise.all([1, 2, 3, 4, 5].map(() => timeout.touch()));
      clock += TOUCH_COALESCE_MS - 1;
      await timeout.touch();
      expect(alarms).toEqual([1_000_000 + 5 * 60_000]);
      clock += 1;
      await timeout.touch();
      // A changed setting (or a lock or an unlock) always moves it.
      await timeout.reschedule();
      const later = 1_000_000 + TOUCH_COALESCE_MS + 5 * 60_000;
      expect(alarms).toEqual([1_000_000 + 5 * 60_000, later, later]);
    } finally {
      create.mockRestore();
    }
  });

  it('sets no alarm for "on browser restart" and "never"', async () => {
    const { client, ctx } = await createUnlockedBackground();
    for (const vaultTimeout of ['onRestart', 'never'] as const) {
      await client.updateSettings({ vaultTimeout });
      await ctx.timeout.touch();
      expect(await fakeBrowser.alarms.get(VAULT_TIMEOUT_ALARM)).toBeUndefined();
    }
  });

  it('"immediately" locks when the last popup closes', async () => {
    const { client, ctx } = await createUnlockedBackground();
    await client.updateSettings({ vaultTimeout: 'immediately' });
    await ctx.timeout.popupClosed(1);
    expect((await client.getStatus()).state).toBe('unlocked');
    await ctx.timeout.popupClosed(0);
    expect((await client.getStatus()).state).toBe('locked');
  });

  it('other timeouts do not lock when the popup closes', async () => {
    const { client, ctx } = await createUnlockedBackground();
    await ctx.timeout.popupClosed(0);
    expect((await client.getStatus()).state).toBe('unlocked');
  });
});

describe('"immediately" across a service-worker restart', () => {
  it('a worker that starts unlocked locks when no popup claims it within the grace', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { client, ctx } = await createUnlockedBackground();
      await client.updateSettings({ vaultTimeout: 'immediately' });
      ctx.timeout.started(() => 0);
      expect((await client.getStatus()).state).toBe('unlocked');
      await vi.advanceTimersByTimeAsync(POPUP_RECONNECT_GRACE_MS);
      await vi.waitFor(async () => expect((await client.getStatus()).state).toBe('locked'));
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['a reconnected popup is open', 'immediately', 1],
    ['another timeout is chosen', 15, 0],
  ] as const)('stays unlocked when %s', async (_, vaultTimeout, popups) => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { client, ctx } = await createUnlockedBackground();
      await client.updateSettings({ vaultTimeout });
      ctx.timeout.started(() => popups);
      await vi.advanceTimersByTimeAsync(POPUP_RECONNECT_GRACE_MS);
      // Give the (not) locking a chance to run before looking.
      await new Promise((resolve) => setImmediate(resolve));
      expect((await client.getStatus()).state).toBe('unlocked');
    } finally {
      vi.useRealTimers();
    }
  });
});
