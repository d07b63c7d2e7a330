import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import {
  TEST_EMAIL,
  TEST_PASSWORD,
  createTestBackground,
  createUnlockedBackground,
} from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { chooseOption, click, field, type } from '../helpers/popup-view';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

describe('create account view', () => {
  it('creates the account and opens the empty vault', async () => {
    const { client, ctx } = await createTestBackground();
    render(<App client={client} />);
    await screen.findByRole('heading', { name: 'Create your Coffer account' });
    type('Email address', TEST_EMAIL);
    type('Master password', TEST_PASSWORD);
    type('Confirm master password', TEST_PASSWORD);
    type('Master password hint', 'horses');
    click('Create account');
    await screen.findByRole('button', { name: 'New item' }, { timeout: 10_000 });
    expect(screen.getByRole('tab', { name: 'Vault' }).getAttribute('aria-selected')).toBe('true');
    expect((await ctx.store.getAccount())?.masterPasswordHint).toBe('horses');
  });

  it('refuses passwords that differ or are short, and creates nothing', async () => {
    const { client, ctx } = await createTestBackground();
    render(<App client={client} />);
    await screen.findByRole('heading', { name: 'Create your Coffer account' });
    type('Email address', TEST_EMAIL);
    type('Master password', TEST_PASSWORD);
    type('Confirm master password', `${TEST_PASSWORD}!`);
    click('Create account');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The master passwords do not match.',
    );
    type('Master password', 'short');
    type('Confirm master password', 'short');
    click('Create account');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The master password must be at least 12 characters long.',
      ),
    );
    expect(await ctx.store.getAccount()).toBeUndefined();
  });

  it('offers Argon2id with its memory and parallelism', async () => {
    const { client } = await createTestBackground();
    render(<App client={client} />);
    await screen.findByRole('heading', { name: 'Create your Coffer account' });
    chooseOption('KDF algorithm', 'Argon2id');
    expect((field('KDF iterations') as HTMLInputElement).value).toBe('3');
    expect((field('KDF memory (MiB)') as HTMLInputElement).value).toBe('64');
    expect((field('KDF parallelism') as HTMLInputElement).value).toBe('4');
  });
});

describe('unlock view', () => {
  it('says "Invalid master password" for a wrong one and unlocks with the right one', async () => {
    const { client } = await createUnlockedBackground();
    await client.lock();
    render(<App client={client} />);
    await screen.findByRole('button', { name: 'Unlock' });
    type('Master password', 'wrong password here');
    click('Unlock');
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid master password');
    expect((field('Master password') as HTMLInputElement).value).toBe('');
    type('Master password', TEST_PASSWORD);
    click('Unlock');
    await screen.findByRole('button', { name: 'New item' });
  });
});

describe('vault views', () => {
  it('add a login with a custom field of each kind, then show it in the list and the item view', async () => {
    const { client } = await createUnlockedBackground();
    render(<App client={client} />);
    click((await screen.findByRole('button', { name: 'New item' })).textContent!);
    type('Name', 'Bank');
    type('Username', 'alice');
    type('Password', 'hunter2hunter2');
    type('URI', 'https://bank.example');
    for (let i = 0; i < 4; i++) click('New custom field');
    const kinds = screen.getAllByLabelText('Field type', { exact: true });
    fireEvent.change(kinds[1]!, { target: { value: '1' } });
    fireEvent.change(kinds[2]!, { target: { value: '2' } });
    fireEvent.change(kinds[3]!, { target: { value: '3' } });
    const names = screen.getAllByLabelText('Field name', { exact: true });
    ['PIN', 'Secret', 'Active', 'Login name'].forEach((name, i) =>
      fireEvent.input(names[i]!, { target: { value: name } }),
    );
    const values = screen.getAllByLabelText('Field value', { exact: true });
    fireEvent.input(values[0]!, { target: { value: '1234' } });
    fireEvent.input(values[1]!, { target: { value: 's3cret' } });
    fireEvent.click(values[2]!);
    click('Save');
    await screen.findByRole('heading', { name: 'Bank' });
    const saved = (await client.listVault()).items[0]!;
    const item = await client.getItem({ id: saved.id });
    expect(item).toMatchObject({
      name: 'Bank',
      type: 1,
      login: {
        username: 'alice',
        password: 'hunter2hunter2',
        uris: [{ uri: 'https://bank.example', match: null }],
      },
      fields: [
        { name: 'PIN', value: '1234', type: 0, linkedId: null },
        { name: 'Secret', value: 's3cret', type: 1, linkedId: null },
        { name: 'Active', value: 'true', type: 2, linkedId: null },
        { name: 'Login name', value: null, type: 3, linkedId: 100 },
      ],
    });
    expect(screen.getByRole('button', { name: 'Copy username' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy password' })).toBeTruthy();
    click('Back');
    expect((await screen.findByRole('button', { name: /^Bank/ })).textContent).toContain('alice');
  });

  it('search by name, username or website, and filter by folder', async () => {
    const { client } = await createUnlockedBackground();
    const work = await client.saveFolder({ name: 'Work' });
    for (const [name, username, folderId] of [
      ['Mail', 'alice', work.id],
      ['Shop', 'bob', null],
      ['Forum', 'carol', null],
    ] as const) {
      await client.saveItem({
        item: {
          ...sampleDrafts()[0]!,
          name,
          folderId,
          login: { ...(sampleDrafts()[0] as { login: object }).login, username },
        } as never,
      });
    }
    render(<App client={client} />);
    await screen.findByRole('button', { name: /^Mail/ });
    type('Search vault', 'BOB');
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Mail/ })).toBeNull());
    expect(screen.getByRole('button', { name: /^Shop/ })).toBeTruthy();
    type('Search vault', '');
    // The list may come before the folders (each is asked for on its own): a person picks Work
    // once it is there.
    await waitFor(() =>
      expect(field('Filter by folder').querySelector(`[value="${work.id}"]`)).toBeTruthy(),
    );
    fireEvent.change(field('Filter by folder'), { target: { value: work.id } });
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Shop/ })).toBeNull());
    expect(screen.getByRole('button', { name: /^Mail/ })).toBeTruthy();
  });

  it('hide a re-prompt item behind the master password', async () => {
    const { client } = await createUnlockedBackground();
    const note = await client.saveItem({ item: sampleDrafts()[1]! });
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^${note.name}`) }));
    await screen.findByText(
      'This item is protected: enter your master password to see and copy its secrets.',
    );
    expect(screen.queryByText('MARK-secure-note')).toBeNull();
    type('Master password', 'not it at all');
    click('Confirm');
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid master password');
    type('Master password', TEST_PASSWORD);
    click('Confirm');
    await screen.findByText('MARK-secure-note');
  });

  it('delete an item after confirmation', async () => {
    const { client } = await createUnlockedBackground();
    await client.saveItem({ item: sampleDrafts()[2]! });
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: /^MARK-card-name/ }));
    await screen.findByRole('heading', { name: 'MARK-card-name' });
    click('Delete');
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await screen.findByRole('heading', { name: 'Your vault is empty' });
    expect((await client.listVault()).items).toEqual([]);
  });
});

describe('settings views', () => {
  it('change the vault timeout and lock now', async () => {
    const { client } = await createUnlockedBackground();
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Security' });
    fireEvent.change(await screen.findByLabelText('Vault timeout'), { target: { value: '60' } });
    expect((await screen.findByRole('status')).textContent).toBe('Vault timeout: 1 hour');
    expect((await client.getSettings()).vaultTimeout).toBe(60);
    click('Lock now');
    await screen.findByRole('button', { name: 'Unlock' });
  });

  it('create, rename and delete folders', async () => {
    const { client } = await createUnlockedBackground();
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    click('Folders');
    click('New folder');
    type('Folder name', 'Work');
    click('Save');
    expect((await screen.findByRole('status')).textContent).toBe('Folder “Work” saved.');
    fireEvent.click(await screen.findByRole('button', { name: 'Rename folder Work' }));
    type('Folder name', 'Arbeit');
    click('Save');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete folder Arbeit' }));
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }),
    );
    await screen.findByText('No folders yet.');
    expect(await client.listFolders()).toEqual([]);
  });
});
