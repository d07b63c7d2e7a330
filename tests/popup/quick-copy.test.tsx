/**
 * The vault list's quick actions (issue 17, in part): a login's username, password and current
 * verification code copied from its row without opening it, each announced "Copied" in a status;
 * secrets go to the background to be cleared; Ctrl+C on a focused row copies the password; a
 * login without the value says why instead.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { CLIPBOARD_ALARM } from '@/src/background/clipboard-clearer';
import { App } from '@/src/popup/App';
import { totpCode } from '@/src/vault/totp';
import { parseTotpKey } from '@/src/vault/totp-key';
import { createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const TOTP = 'JBSWY3DPEHPK3PXP';

async function listWith(changes: Record<string, unknown> = {}) {
  const background = await createUnlockedBackground();
  const draft = sampleDrafts()[0]! as Extract<ReturnType<typeof sampleDrafts>[number], { type: 1 }>;
  const login = await background.client.saveItem({
    item: { ...draft, login: { ...draft.login, totp: TOTP }, ...changes },
  });
  render(<App client={background.client} />);
  const row = (await screen.findByRole('button', { name: new RegExp(`^${login.name}`) })).closest(
    'li',
  )!;
  const rowButton = row.querySelector('button')!;
  // The actions are there for the row that has the focus (or the pointer).
  expect(within(row as HTMLElement).queryByRole('button', { name: 'Copy password' })).toBeNull();
  fireEvent.focusIn(rowButton);
  await within(row as HTMLElement).findByRole('button', { name: 'Copy password' });
  return { background, row: within(row as HTMLElement), rowButton };
}

describe('quick copy from the vault list', () => {
  it('copies the username, the password and the current code, each announced', async () => {
    const { row } = await listWith();
    fireEvent.click(row.getByRole('button', { name: 'Copy username' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('MARK-username'));
    expect((await screen.findAllByRole('status')).some((s) => s.textContent === 'Copied')).toBe(
      true,
    );

    fireEvent.click(row.getByRole('button', { name: 'Copy password' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('MARK-password'));
    await waitFor(async () => expect(await fakeBrowser.alarms.get(CLIPBOARD_ALARM)).toBeDefined());

    const before = Date.now();
    fireEvent.click(row.getByRole('button', { name: 'Copy verification code' }));
    const key = parseTotpKey(TOTP);
    await waitFor(async () =>
      expect([totpCode(key, before), totpCode(key, Date.now())]).toContain(
        await navigator.clipboard.readText(),
      ),
    );
    // Still the list: nothing was opened.
    expect(screen.getByRole('heading', { name: 'Vault' })).toBeTruthy();
  });

  it('copies the password with Ctrl+C on the focused row', async () => {
    const { rowButton } = await listWith({ name: 'Shortcut login' });
    await navigator.clipboard.writeText('');
    rowButton.focus();
    fireEvent.keyDown(rowButton, { key: 'c', ctrlKey: true });
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('MARK-password'));
  });

  it('says why when there is nothing to copy, and copies nothing', async () => {
    const draft = sampleDrafts()[0]! as Extract<
      ReturnType<typeof sampleDrafts>[number],
      { type: 1 }
    >;
    const { row } = await listWith({
      name: 'Passkey only',
      login: { ...draft.login, password: null, totp: null },
    });
    await navigator.clipboard.writeText('before');
    fireEvent.click(row.getByRole('button', { name: 'Copy password' }));
    await screen.findByText('This login has no password.');
    fireEvent.click(row.getByRole('button', { name: 'Copy verification code' }));
    await screen.findByText('This login has no verification code.');
    expect(await navigator.clipboard.readText()).toBe('before');
  });

  it('offers nothing on rows that are not logins', async () => {
    const background = await createUnlockedBackground();
    await background.client.saveItem({ item: sampleDrafts()[2]! });
    render(<App client={background.client} />);
    const row = (await screen.findByRole('button', { name: /^MARK-card-name/ })).closest('li')!;
    fireEvent.focusIn(row.querySelector('button')!);
    expect(within(row as HTMLElement).getAllByRole('button')).toHaveLength(1);
  });
});
