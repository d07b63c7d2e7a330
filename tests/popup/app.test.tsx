import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { App } from '@/src/popup/App';
import { createVaultClient } from '@/src/protocol/client';
import { createTestBackground } from '../helpers/background';

describe('App', () => {
  it('shows the first-run screen when the background has no account', async () => {
    const client = (await createTestBackground()).client;
    render(<App client={client} />);
    expect(await screen.findByRole('heading', { name: 'Create your Coffer account' })).toBeTruthy();
  });

  it('says so in an alert when the background cannot be reached', async () => {
    const client = createVaultClient(() =>
      Promise.reject(new Error('Could not establish connection')),
    );
    render(<App client={client} />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not establish connection',
    );
  });
});
