import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import { TEST_PASSWORD, createUnlockedBackground } from '../helpers/background';
import { attach, fileBytes } from '../helpers/attachments';
import { sampleDrafts } from '../helpers/items';

const downloads = (background: { downloads: { files: unknown[] } }) => background.downloads.files;
import { chooseOption, click, field, type } from '../helpers/popup-view';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

async function openExportView() {
  const background = await createUnlockedBackground();
  for (const draft of sampleDrafts()) await background.client.saveItem({ item: draft });
  render(<App client={background.client} />);
  fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
  click('Export Vault');
  await screen.findByRole('heading', { name: 'Export Vault' });
  await screen.findByText('No export made yet.');
  return background;
}

describe('Export Vault view', () => {
  it('offers exactly the six file formats and warns that plain files are unencrypted', async () => {
    await openExportView();
    const options = [...(field('File Format') as HTMLSelectElement).options].map(
      (o) => o.textContent,
    );
    expect(options).toEqual([
      '.json',
      '.csv',
      '.json (Encrypted)',
      '.zip (with attachments)',
      '.zip (Encrypted, with attachments)',
      '.kdbx (Encrypted)',
    ]);
    expect(screen.getByText(/holds your vault in plain, unencrypted text/)).toBeTruthy();
    chooseOption('File Format', '.csv');
    expect(
      screen.getByText(
        "CSV files hold only logins and secure notes: 1 card(s), 1 identity(ies), 1 SSH key(s), 0 bank account(s), 0 driver's license(s) and 0 passport(s) will be left out. Choose .json to keep everything.",
      ),
    ).toBeTruthy();
  });

  it('shows the export types for .json (Encrypted), account restricted first, with their warning', async () => {
    await openExportView();
    chooseOption('File Format', '.json (Encrypted)');
    const group = screen.getByRole('radiogroup', { name: 'Export type' });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.parentElement?.textContent)).toEqual([
      'Account restricted',
      'Password protected',
    ]);
    expect(radios[0]!.checked).toBe(true);
    expect(
      screen.getByText(
        /rotating the account encryption key makes this file impossible to decrypt, and it cannot be imported into another account/,
      ),
    ).toBeTruthy();
    expect(screen.queryByLabelText('File password')).toBeNull();
    fireEvent.click(within(group).getByRole('radio', { name: 'Password protected' }));
    expect(field('File password')).toBeTruthy();
    expect(field('Confirm file password')).toBeTruthy();
  });

  it('rates the file password and generates a strong one into both fields', async () => {
    await openExportView();
    chooseOption('File Format', '.json (Encrypted)');
    fireEvent.click(screen.getByRole('radio', { name: 'Password protected' }));
    type('File password', 'password1');
    expect(screen.getByText('Very weak')).toBeTruthy();
    click('Generate file password');
    const generated = (field('File password') as HTMLInputElement).value;
    expect(generated).toHaveLength(24);
    expect((field('Confirm file password') as HTMLInputElement).value).toBe(generated);
    expect(screen.getByText('Very strong')).toBeTruthy();
    expect(screen.getByLabelText('Generated file password').textContent).toBe(generated);
  });

  it('refuses mismatched file passwords before asking anything of the background', async () => {
    const { downloads } = await openExportView();
    chooseOption('File Format', '.json (Encrypted)');
    fireEvent.click(screen.getByRole('radio', { name: 'Password protected' }));
    type('File password', 'first file password');
    type('Confirm file password', 'second file password');
    type('Master password', TEST_PASSWORD);
    click('Export Vault');
    expect((await screen.findByRole('alert')).textContent).toBe('The file passwords do not match.');
    expect(downloads.files).toEqual([]);
  });

  it('says "Invalid master password" and downloads nothing for a wrong one', async () => {
    const { downloads } = await openExportView();
    type('Master password', 'wrong master password');
    click('Export Vault');
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        'This file is not encrypted: anyone who can read it sees all of your passwords.',
      ),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export Vault' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid master password');
    expect(downloads.files).toEqual([]);
    expect((field('Master password') as HTMLInputElement).value).toBe('');
  });

  it('confirms with words that fit the kind, saves the file and names it, then shows the last export', async () => {
    const { downloads } = await openExportView();
    chooseOption('File Format', '.json (Encrypted)');
    type('Master password', TEST_PASSWORD);
    click('Export Vault');
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        /only be restored into this account, and only until you rotate the account encryption key/,
      ),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export Vault' }));
    const status = await screen.findByText(
      /^Saved coffer_encrypted_export_\d{14}\.json \(5 items\)\.$/,
    );
    expect(status.getAttribute('role')).toBe('status');
    expect(downloads.files).toHaveLength(1);
    await waitFor(() =>
      expect(
        screen.getByText(
          /^Last export: .* — coffer_encrypted_export_\d{14}\.json \(Account restricted, 5 items\)$/,
        ),
      ).toBeTruthy(),
    );
  });

  it('exports a zip with attachments, asking what to do with one it cannot read, and names the ones left out', async () => {
    const background = await openExportView();
    const { items } = await background.client.listVault();
    const note = items.find((i) => i.type === 2)!;
    await attach(background.client, note.id, 'scan.pdf', fileBytes(1000));
    const damaged = await attach(background.client, note.id, 'broken.bin', fileBytes(10, 2));
    const data = (await background.ctx.store.getAttachmentData(damaged.id))!.slice();
    data[40]! ^= 1;
    await background.ctx.store.write({ putAttachmentData: [{ id: damaged.id, data }] });

    expect(
      screen.queryByRole('radiogroup', { name: 'If an attachment cannot be read' }),
    ).toBeNull();
    chooseOption('File Format', '.zip (with attachments)');
    const group = screen.getByRole('radiogroup', { name: 'If an attachment cannot be read' });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => [r.parentElement?.textContent, r.checked])).toEqual([
      ['Leave it out and tell me which', true],
      ['Stop the export and save nothing', false],
    ]);
    expect(screen.getByText(/holds your vault in plain, unencrypted text/)).toBeTruthy();

    type('Master password', TEST_PASSWORD);
    click('Export Vault');
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Export Vault' }),
    );
    const status = await screen.findByText(
      /^Saved coffer_export_\d{14}\.zip \(5 items\)\. Attachments in the file: 1\.$/,
    );
    expect(status.getAttribute('role')).toBe('status');
    expect(
      screen.getByText(
        `These attachments could not be read and are not in the file: “broken.bin” of “${note.name}”`,
      ),
    ).toBeTruthy();
    expect(downloads(background)).toHaveLength(1);

    within(screen.getByRole('radiogroup', { name: 'If an attachment cannot be read' }))
      .getByRole('radio', { name: 'Stop the export and save nothing' })
      .click();
    type('Master password', TEST_PASSWORD);
    click('Export Vault');
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Export Vault' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“broken.bin” of “' + note.name + '” cannot be read');
    expect(downloads(background)).toHaveLength(1);
  });

  it('offers the encrypted archive password protected first, or account restricted without a file password', async () => {
    const background = await openExportView();
    chooseOption('File Format', '.zip (Encrypted, with attachments)');
    const group = screen.getByRole('radiogroup', { name: 'Export type' });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => [r.parentElement?.textContent, r.checked])).toEqual([
      ['Password protected', true],
      ['Account restricted', false],
    ]);
    expect(field('File password')).toBeTruthy();
    expect(screen.getByText(/encrypted with the file password you set below/)).toBeTruthy();

    fireEvent.click(within(group).getByRole('radio', { name: 'Account restricted' }));
    expect(screen.queryByLabelText('File password')).toBeNull();
    expect(screen.getByText(/encrypted with this account’s key/)).toBeTruthy();
    expect(
      screen.getByText(/rotating the account encryption key makes this file impossible to decrypt/),
    ).toBeTruthy();
    type('Master password', TEST_PASSWORD);
    click('Export Vault');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/only be restored into this account/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export Vault' }));
    await screen.findByText(/^Saved coffer_encrypted_export_\d{14}\.coffer \(5 items\)\./);
    expect(downloads(background)).toHaveLength(1);
    await waitFor(() =>
      expect(
        screen.getByText(
          /^Last export: .* — coffer_encrypted_export_\d{14}\.coffer \(Account restricted, 5 items\)$/,
        ),
      ).toBeTruthy(),
    );
  });

  it('exports only the chosen items', async () => {
    const { downloads } = await openExportView();
    fireEvent.click(screen.getByText('Export only part of the vault'));
    fireEvent.click(screen.getByRole('radio', { name: 'Selected items' }));
    fireEvent.click(await screen.findByLabelText('MARK-card-name'));
    fireEvent.click(screen.getByLabelText('MARK-ssh-name'));
    type('Master password', TEST_PASSWORD);
    click('Export Vault');
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Export Vault' }),
    );
    await screen.findByText(/\(2 items\)\.$/);
    const file = JSON.parse(downloads.files[0]!.text);
    expect(file.items.map((i: { name: string }) => i.name)).toEqual([
      'MARK-card-name',
      'MARK-ssh-name',
    ]);
  });
});
