/**
 * The live verification code in the item view (ui.md, second round): the code for the stored key,
 * a countdown that follows the clock, a copy that goes through the clipboard-clearing path, and
 * nothing computed for a re-prompt item before its password is confirmed.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLIPBOARD_ALARM } from '@/src/background/clipboard-clearer';
import { REPROMPT_GRANT_MS } from '@/src/background/reprompt-grants';
import type { ItemDraft, VaultClient } from '@/src/protocol/vault-api';
import { ItemView } from '@/src/popup/views/ItemView';
import { VaultClientContext } from '@/src/popup/vault-client-context';
import { clipboardHash } from '@/src/vault/clipboard-clear';
import { totpCode } from '@/src/vault/totp';
import { parseTotpKey } from '@/src/vault/totp-key';
import {
  TEST_EMAIL,
  TEST_KDF,
  TEST_PASSWORD,
  createTestBackground,
  createUnlockedBackground,
} from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { click, type } from '../helpers/popup-view';

/** RFC 6238's SHA-1 seed "12345678901234567890", in base32 groups as sites print it. */
const RFC_KEY = 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ';
/**
 * 2000000000 s (2033-05-18T03:33:20Z): RFC 6238 Appendix B gives 69279037 at 8 digits, so the
 * 6-digit code is 279037. Its period runs from 1999999980 s to 2000000010 s.
 */
const RFC_TIME_MS = 2_000_000_000_000;
const PERIOD_START_MS = 1_999_999_980_000;

const CODE_LABEL = 'Verification code (TOTP)';

function loginWithKey(totp: string, reprompt: 0 | 1 = 0): ItemDraft {
  const login = sampleDrafts()[0]!;
  if (login.type !== 1) throw new Error('the first sample is a login');
  return { ...login, reprompt, login: { ...login.login, totp } };
}

function renderItem(client: VaultClient, id: string) {
  return render(
    <VaultClientContext.Provider value={client}>
      <ItemView id={id} folders={[]} onEdit={() => {}} onBack={() => {}} onDeleted={() => {}} />
    </VaultClientContext.Provider>,
  );
}

/**
 * Renders the item view and waits in real time (setImmediate, which stays real) until the code row
 * is there, so the fake clock stands exactly where the test put it.
 */
async function showItem(client: VaultClient, id: string) {
  const view = renderItem(client, id);
  const deadline = performance.now() + 10_000;
  for (;;) {
    try {
      codeRow();
      return view;
    } catch (error) {
      if (performance.now() > deadline) throw error;
    }
    await act(() => new Promise<void>((resolve) => setImmediate(resolve)));
  }
}

const codeRow = () => screen.getByLabelText(CODE_LABEL);
const shownCode = () => codeRow().querySelector('.totp-code')?.textContent;
const countdown = () => within(codeRow()).getByRole('timer');

/** Moves the fake clock, running the timers due on the way, and lets Preact render. */
async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/**
 * Fakes the clock at `now`. setImmediate stays real: the store (fake-indexeddb) and happy-dom's
 * animation frames, which run Preact's effects, use it, so the view loads while the clock stands
 * still.
 */
function fakeClock(now: number): void {
  vi.useFakeTimers({
    now,
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('verification code in the item view', () => {
  it('shows the code of the stored key for the current time, grouped, with the seconds left', async () => {
    const { client } = await createUnlockedBackground();
    const item = await client.saveItem({ item: loginWithKey(RFC_KEY) });
    fakeClock(RFC_TIME_MS);
    await showItem(client, item.id);
    expect(shownCode()).toBe('279 037');
    expect(countdown().textContent).toBe('10');
    expect(countdown().getAttribute('aria-label')).toBe('10 seconds left');
    // The key itself stays hidden, as before.
    expect(screen.getByText('Authenticator key (TOTP)')).toBeTruthy();
    expect(document.body.textContent).not.toContain('GEZD');
  });

  it('counts down each second and shows the next code when the period ends', async () => {
    const { client } = await createUnlockedBackground();
    const item = await client.saveItem({ item: loginWithKey(RFC_KEY) });
    fakeClock(PERIOD_START_MS + 20_500);
    await showItem(client, item.id);
    expect(countdown().textContent).toBe('10');
    // The next tick comes at the whole second, not a full second after the view opened.
    await advance(499);
    expect(countdown().textContent).toBe('10');
    await advance(1);
    expect(countdown().textContent).toBe('9');
    await advance(8000);
    expect(countdown().textContent).toBe('1');
    expect(countdown().getAttribute('aria-label')).toBe('1 second left');
    expect(shownCode()).toBe('279 037');
    await advance(1000);
    expect(countdown().textContent).toBe('30');
    const next = totpCode(parseTotpKey(RFC_KEY), Date.now());
    expect(next).not.toBe('279037');
    expect(shownCode()).toBe(`${next.slice(0, 3)} ${next.slice(3)}`);
  });

  it('stops its timer when the view closes', async () => {
    const { client } = await createUnlockedBackground();
    const item = await client.saveItem({ item: loginWithKey(RFC_KEY) });
    fakeClock(RFC_TIME_MS);
    const view = await showItem(client, item.id);
    // Mounted, only the clock's next tick is pending; it re-arms itself every second.
    await advance(3000);
    expect(vi.getTimerCount()).toBe(1);
    view.unmount();
    // Unmounting schedules some one-off work of its own; once that has run, nothing is left.
    await advance(5000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('copies the current code without spaces, handing its hash to the background to clear', async () => {
    const { client } = await createUnlockedBackground();
    const item = await client.saveItem({ item: loginWithKey(RFC_KEY) });
    fakeClock(RFC_TIME_MS);
    await showItem(client, item.id);
    fireEvent.click(screen.getByRole('button', { name: 'Copy verification code (totp)' }));
    await vi.waitFor(async () => expect(await navigator.clipboard.readText()).toBe('279037'));
    await vi.waitFor(async () =>
      expect(await fakeBrowser.alarms.get(CLIPBOARD_ALARM)).toBeDefined(),
    );
    const session = JSON.stringify(await fakeBrowser.storage.session.get());
    expect(session).toContain(await clipboardHash('279037'));
    expect(session).not.toContain('279037');
  });

  it('copies Steam codes as their 5 characters', async () => {
    const { client } = await createUnlockedBackground();
    const stored = 'steam://HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ';
    const item = await client.saveItem({ item: loginWithKey(stored) });
    // Bitwarden's published Steam code for this key at 2023-01-01T00:00:00Z (sdk-internal totp.rs).
    fakeClock(Date.UTC(2023, 0, 1));
    await showItem(client, item.id);
    expect(shownCode()).toBe('7W6CJ');
    fireEvent.click(screen.getByRole('button', { name: 'Copy verification code (totp)' }));
    await vi.waitFor(async () => expect(await navigator.clipboard.readText()).toBe('7W6CJ'));
  });

  it('an unreadable key shows why, and the key row stays', async () => {
    const { client } = await createUnlockedBackground();
    const item = await client.saveItem({
      item: loginWithKey('otpauth://hotp/Jane?secret=GEZDGNBV&counter=3'),
    });
    renderItem(client, item.id);
    await screen.findByLabelText(CODE_LABEL);
    expect(codeRow().textContent).toBe(
      'This is an otpauth://hotp link: only time-based links (otpauth://totp) give codes.',
    );
    expect(within(codeRow()).queryByRole('timer')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy verification code (totp)' })).toBeNull();
    // The stored key can still be shown and copied as it is.
    const keyRow = screen.getByLabelText('Authenticator key (TOTP)');
    fireEvent.click(within(keyRow).getByRole('button', { name: 'Show' }));
    expect(keyRow.textContent).toContain('otpauth://hotp/Jane?secret=GEZDGNBV&counter=3');
  });

  it('a login without a key has no code row', async () => {
    const { client } = await createUnlockedBackground();
    const item = await client.saveItem({ item: loginWithKey('') });
    renderItem(client, item.id);
    await screen.findByText('Password');
    expect(screen.queryByText(CODE_LABEL)).toBeNull();
  });

  it('a re-prompt item computes no code until its master password is confirmed', async () => {
    const clock = { now: Date.now() };
    const { client } = await createTestBackground({ now: () => new Date(clock.now) });
    await client.createAccount({ email: TEST_EMAIL, masterPassword: TEST_PASSWORD, kdf: TEST_KDF });
    const item = await client.saveItem({ item: loginWithKey(RFC_KEY, 1) });
    // Saving confirmed the password for a while; opened later, the item comes without secrets.
    clock.now += REPROMPT_GRANT_MS + 1_000;
    // What the popup is handed before the confirmation has no key to compute from.
    const withheld = await client.getItem({ id: item.id });
    expect(withheld).toMatchObject({ secretsWithheld: true, login: { totp: null } });
    renderItem(client, item.id);
    await screen.findByRole('button', { name: 'Confirm' });
    expect(screen.queryByText(CODE_LABEL)).toBeNull();
    expect(screen.queryByRole('timer')).toBeNull();
    type('Master password', TEST_PASSWORD);
    click('Confirm');
    await waitFor(() => expect(screen.getByLabelText(CODE_LABEL)).toBeTruthy(), {
      timeout: 10_000,
    });
    expect(shownCode()).toBe(
      totpCode(parseTotpKey(RFC_KEY), Date.now()).replace(/^(\d{3})(\d{3})$/, '$1 $2'),
    );
  });
});
