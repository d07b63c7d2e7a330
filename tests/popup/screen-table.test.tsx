import { describe, expect, it } from 'vitest';
import { SCREENS, backOf, tabOf, type ScreenTable } from '@/src/popup/screen-table';
import type { Screen } from '@/src/popup/screens';

describe('the screens table', () => {
  it('puts the vault screens under Vault and the rest under Settings', () => {
    const byTab = (tab: string) =>
      Object.entries(SCREENS)
        .filter(([, entry]) => entry.tab === tab)
        .map(([name]) => name);
    expect(byTab('vault')).toEqual(['vault', 'generator', 'item', 'edit']);
    expect(byTab('settings')).toEqual([
      'settings',
      'folders',
      'export',
      'import',
      'verify',
      'rotate-key',
      'change-password',
    ]);
    expect(tabOf({ name: 'edit', id: null })).toBe('vault');
  });

  it('leads Back from each screen where a person expects', () => {
    const cases: [Screen, Screen][] = [
      [{ name: 'item', id: 'a' }, { name: 'vault' }],
      [{ name: 'generator' }, { name: 'vault' }],
      [
        { name: 'edit', id: 'a' },
        { name: 'item', id: 'a' },
      ],
      [{ name: 'edit', id: null }, { name: 'vault' }],
      [{ name: 'export', passwordProtected: true }, { name: 'settings' }],
      [{ name: 'import' }, { name: 'settings' }],
      [{ name: 'vault' }, { name: 'vault' }],
    ];
    for (const [from, to] of cases) expect(backOf(from)).toEqual(to);
  });

  it('does not compile without a row for every screen', () => {
    const { verify: _left, ...incomplete } = SCREENS;
    // @ts-expect-error: the "verify" screen has no row.
    const table: ScreenTable = incomplete;
    expect(Object.keys(table)).not.toContain('verify');
  });
});
