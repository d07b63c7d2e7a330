/**
 * The generator's wordlist is a script of its own, loaded when a passphrase is first wanted: if it
 * cannot be loaded (the extension was updated under an open popup), asking for a passphrase says
 * so, the value shown stays what it was, and passwords are still made.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { PasswordGenerator } from '@/src/popup/components/PasswordGenerator';

vi.mock('@/src/popup/passphrases', () => ({
  loadPassphrases: () => Promise.reject(new Error('the script could not be loaded')),
  loadedPassphrases: () => undefined,
}));

const shown = () => screen.getByLabelText('Generated password').textContent ?? '';

describe('the Generator without its wordlist', () => {
  it('says so when a passphrase is asked for, and still makes passwords', async () => {
    const onUse = vi.fn();
    render(<PasswordGenerator onUse={onUse} />);
    const password = shown();
    expect(password).toHaveLength(20);
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Passphrase' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Something went wrong in Coffer. Nothing was changed.',
    );
    expect(shown()).toBe(password);
    fireEvent.click(screen.getByRole('radio', { name: 'Password' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(shown()).toHaveLength(20);
    expect(shown()).not.toBe(password);
  });
});
