import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it } from 'vitest';
import { CLIPBOARD_ALARM } from '@/src/background/clipboard-clearer';
import { App } from '@/src/popup/App';
import { clipboardHash } from '@/src/vault/clipboard-clear';
import { createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';

describe('clear clipboard', () => {
  it('is a Security setting, 30 seconds by default, and saves the choice', async () => {
    const { client } = await createUnlockedBackground();
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    const select = (await screen.findByLabelText('Clear clipboard')) as HTMLSelectElement;
    expect(select.value).toBe('30');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '10 seconds',
      '20 seconds',
      '30 seconds',
      '1 minute',
      '2 minutes',
      '5 minutes',
      'Never',
    ]);
    fireEvent.change(select, { target: { value: '10' } });
    expect((await screen.findByRole('status')).textContent).toBe('Clear clipboard: 10 seconds');
    expect((await client.getSettings()).clearClipboard).toBe(10);
  });

  it('a copied password is handed to the background to clear, by its hash only', async () => {
    const { client } = await createUnlockedBackground();
    const login = await client.saveItem({ item: sampleDrafts()[0]! });
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^${login.name}`) }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy password' }));
    await waitFor(async () => expect(await fakeBrowser.alarms.get(CLIPBOARD_ALARM)).toBeDefined());
    expect(await navigator.clipboard.readText()).toBe('MARK-password');
    const session = JSON.stringify(await fakeBrowser.storage.session.get());
    expect(session).toContain(await clipboardHash('MARK-password'));
    expect(session).not.toContain('MARK-password');
  });

  it('a copied username is not a secret: nothing is scheduled', async () => {
    const { client } = await createUnlockedBackground();
    const login = await client.saveItem({ item: sampleDrafts()[0]! });
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^${login.name}`) }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy username' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('MARK-username'));
    expect(await fakeBrowser.alarms.get(CLIPBOARD_ALARM)).toBeUndefined();
  });
});
