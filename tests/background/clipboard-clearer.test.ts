import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it } from 'vitest';
import {
  CLIPBOARD_ALARM,
  createClipboardClearer,
  type ClipboardClearerDeps,
} from '@/src/background/clipboard-clearer';
import { clipboardHash } from '@/src/vault/clipboard-clear';
import { DEFAULT_SETTINGS, type ClearClipboard } from '@/src/vault/settings';
import { createUnlockedBackground } from '../helpers/background';
import { createFakeClipboard } from '../helpers/fake-clipboard';

/** A clearer over a fake clipboard, a clock the test moves and timers it can fire. */
function setUp(clearClipboard: ClearClipboard = 30) {
  const clipboard = createFakeClipboard();
  const clock = { now: 1_000_000 };
  const timers: { ms: number; run(): void; cancelled: boolean }[] = [];
  const deps: ClipboardClearerDeps = {
    clipboard,
    getSettings: async () => ({ ...DEFAULT_SETTINGS, clearClipboard }),
    now: () => clock.now,
    setTimer: (run, ms) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  };
  return { clipboard, clock, timers, deps, clearer: createClipboardClearer(deps) };
}

async function copy(setup: ReturnType<typeof setUp>, text: string) {
  setup.clipboard.text = text;
  await setup.clearer.copied(await clipboardHash(text));
}

describe('clearing the clipboard', () => {
  it('arms a timer and an alarm for the chosen delay, and clears when they fire', async () => {
    const setup = setUp(10);
    await copy(setup, 'hunter2');
    expect(setup.timers.map((t) => t.ms)).toEqual([10_000]);
    expect((await fakeBrowser.alarms.get(CLIPBOARD_ALARM))?.scheduledTime).toBe(1_010_000);
    setup.clock.now += 10_000;
    await setup.clearer.run();
    expect(setup.clipboard.text).toBe('');
    expect(await fakeBrowser.alarms.get(CLIPBOARD_ALARM)).toBeUndefined();
  });

  it('keeps what was copied elsewhere since', async () => {
    const setup = setUp(10);
    await copy(setup, 'hunter2');
    setup.clipboard.text = 'a recipe copied meanwhile';
    setup.clock.now += 10_000;
    await setup.clearer.run();
    expect(setup.clipboard.text).toBe('a recipe copied meanwhile');
  });

  it('does nothing before the time, only re-arms for what is left', async () => {
    const setup = setUp(30);
    await copy(setup, 'hunter2');
    setup.clock.now += 12_000;
    await setup.clearer.run();
    expect(setup.clipboard.text).toBe('hunter2');
    expect(setup.timers.at(-1)?.ms).toBe(18_000);
    expect(setup.timers[0]?.cancelled).toBe(true);
  });

  it('survives a restarted worker: the pending clear is in storage.session, not in memory', async () => {
    const setup = setUp(20);
    await copy(setup, 'hunter2');
    const restarted = createClipboardClearer(setup.deps);
    await restarted.started();
    expect(setup.timers.at(-1)?.ms).toBe(20_000);
    setup.clock.now += 20_000;
    await restarted.run();
    expect(setup.clipboard.text).toBe('');
    expect(JSON.stringify(await fakeBrowser.storage.session.get())).not.toContain('hunter2');
  });

  it('a second copy replaces the first: only its secret and its time count', async () => {
    const setup = setUp(10);
    await copy(setup, 'first secret');
    setup.clock.now += 5_000;
    await copy(setup, 'second secret');
    setup.clock.now += 5_000;
    await setup.clearer.run();
    expect(setup.clipboard.text).toBe('second secret');
    setup.clock.now += 5_000;
    await setup.clearer.run();
    expect(setup.clipboard.text).toBe('');
  });

  it('schedules nothing with "never"', async () => {
    const setup = setUp('never');
    await copy(setup, 'hunter2');
    expect(setup.timers).toEqual([]);
    expect(await fakeBrowser.alarms.get(CLIPBOARD_ALARM)).toBeUndefined();
    setup.clock.now += 3_600_000;
    await setup.clearer.run();
    expect(setup.clipboard.text).toBe('hunter2');
  });

  it('is told through the protocol with the chosen setting, and refuses anything but a hash', async () => {
    const { client, ctx, clipboard } = await createUnlockedBackground();
    await client.updateSettings({ clearClipboard: 10 });
    clipboard.text = 'hunter2';
    expect(await client.clipboardCopied({ hash: await clipboardHash('hunter2') })).toBeNull();
    await expect(client.clipboardCopied({ hash: 'hunter2' })).rejects.toMatchObject({
      code: 'ERR_BAD_REQUEST',
    });
    const alarm = await fakeBrowser.alarms.get(CLIPBOARD_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now() + 5_000);
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(Date.now() + 10_000);
    // Not due yet: the clipboard keeps the secret.
    await ctx.clipboard.run();
    expect(clipboard.text).toBe('hunter2');
  });
});

describe('the clear-clipboard setting', () => {
  it('defaults to 30 seconds, takes each offered choice and refuses others', async () => {
    const { client } = await createUnlockedBackground();
    expect((await client.getSettings()).clearClipboard).toBe(30);
    expect((await client.updateSettings({ clearClipboard: 'never' })).clearClipboard).toBe('never');
    await expect(client.updateSettings({ clearClipboard: 45 as 30 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    expect((await client.getSettings()).clearClipboard).toBe('never');
  });
});
