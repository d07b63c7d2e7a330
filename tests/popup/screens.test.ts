import { describe, expect, it } from 'vitest';
import { initialScreen, screenHash, type LinkedScreen } from '@/src/popup/screens';

describe('screens a page starts on', () => {
  it('are named in the address and read back from it', () => {
    const screens: LinkedScreen[] = [
      { name: 'import' },
      { name: 'verify' },
      { name: 'item', id: '5c1f8a0e-3b7d-4e0a-9f2c-1d2e3f4a5b6c' },
      { name: 'item', id: 'an id/with #odd? characters' },
    ];
    for (const screen of screens) expect(initialScreen(screenHash(screen))).toEqual(screen);
    expect(screenHash({ name: 'import' })).toBe('#import');
    expect(screenHash({ name: 'item', id: 'abc' })).toBe('#item=abc');
  });

  it('start on the vault for any other address', () => {
    for (const hash of ['', '#', '#item=', '#item=%E0%A4%A', '#settings', '#items=abc']) {
      expect(initialScreen(hash)).toEqual({ name: 'vault' });
    }
  });
});
