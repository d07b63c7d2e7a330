import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { t } from '@/src/popup/i18n';
import { App } from '@/src/popup/App';
import { readFixtureText } from '../helpers/fixtures';
import { gatedDeriver } from '../helpers/file-key-derivers';
import { loadTruthVault } from '../helpers/truth-vault';
import { chooseFile, chooseOption, click, field, jsonFile, type } from '../helpers/popup-view';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

async function openImport(empty = true, fileKeyDeriver?: ReturnType<typeof gatedDeriver>) {
  const vault = await loadTruthVault('pbkdf2', { empty, fileKeyDeriver });
  render(<App client={vault.client} />);
  fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
  click('Import Data');
  await screen.findByRole('heading', { name: 'Import Data' });
  return vault;
}

describe('Import Data view', () => {
  it('lists Bitwarden (json) first, then Bitwarden (csv), then the other managers', async () => {
    await openImport();
    const options = [...(field('File Format') as HTMLSelectElement).options].map(
      (o) => o.textContent,
    );
    expect(options.slice(0, 2)).toEqual(['Bitwarden (json)', 'Bitwarden (csv)']);
    expect(options).toEqual(
      expect.arrayContaining(['Chrome / Edge (csv)', 'Firefox (csv)', '1Password (1pux)']),
    );
  });

  it('asks for the file password, previews, and imports with a summary in a status', async () => {
    const vault = await openImport();
    chooseFile(
      'Choose File',
      jsonFile(readFixtureText('pbkdf2', 'sdk-password-protected.json'), 'backup.json'),
    );
    click('Import Data');
    await screen.findByText(/This file is password protected/);
    type('File password', 'wrong one');
    click('Confirm');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong file password');
    fireEvent.input(field('File password'), { target: { value: vault.truth.password } });
    click('Confirm');
    await screen.findByText('22 items, 3 folders');
    expect(screen.getByText('11 logins')).toBeTruthy();
    const group = screen.getByRole('radiogroup', { name: 'Duplicates' });
    expect(
      (within(group).getByRole('radio', { name: 'Skip duplicates' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect((await vault.client.listVault()).items).toHaveLength(0);
    click('Confirm import');
    const status = await screen.findByText(/^Imported 22 items\./);
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('Imported 22 items. 3 folder(s) created.');
    expect((await vault.client.listVault()).items).toHaveLength(22);
  });

  it('says it is opening a password-protected file, and Cancel goes back to the file password', async () => {
    const deriver = gatedDeriver();
    const vault = await openImport(true, deriver);
    chooseFile(
      'Choose File',
      jsonFile(readFixtureText('pbkdf2', 'sdk-password-protected.json'), 'backup.json'),
    );
    click('Import Data');
    await screen.findByText(/This file is password protected/);
    fireEvent.input(field('File password'), { target: { value: vault.truth.password } });
    click('Confirm');
    await deriver.started();
    const status = await screen.findByText(
      'Opening the file… this can take a while with strong file settings.',
    );
    expect(status.getAttribute('role')).toBe('status');
    click('Cancel');
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(deriver.signals[0]!.aborted).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
    expect((field('File password') as HTMLInputElement).value).toBe(vault.truth.password);
    expect((screen.getByRole('button', { name: 'Confirm' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    expect((await vault.client.listVault()).items).toHaveLength(0);

    // Confirming again opens the file (once) and imports it without opening it a third time.
    click('Confirm');
    await deriver.started();
    deriver.release();
    await screen.findByText('22 items, 3 folders', undefined, { timeout: 10_000 });
    click('Confirm import');
    await screen.findByText(/^Imported 22 items\./, undefined, { timeout: 10_000 });
    expect(deriver.jobs).toHaveLength(2);
    expect((await vault.client.listVault()).items).toHaveLength(22);
  });

  it('imports pasted CSV text', async () => {
    const vault = await openImport();
    chooseOption('File Format', 'Bitwarden (csv)');
    fireEvent.input(field('Or paste the file’s contents'), {
      target: { value: readFixtureText('pbkdf2', 'sdk.csv') },
    });
    click('Import Data');
    await screen.findByText(/^14 items, 3 folders$/);
    click('Confirm import');
    await screen.findByText(/^Imported 14 items\./);
    expect((await vault.client.listVault()).items).toHaveLength(14);
  });

  it('shows a tampered file’s problem in an alert and changes nothing', async () => {
    const vault = await openImport(false);
    const file = JSON.parse(readFixtureText('pbkdf2', 'assembled-account.json'));
    file.encKeyValidation_DO_NOT_EDIT = file.items[0].name;
    file.items[0].name = file.items[1].name.replace(/^2\.../, '2.AA');
    chooseFile('Choose File', jsonFile(JSON.stringify(file), 'tampered.json'));
    click('Import Data');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/item 1, name/);
    expect((await vault.client.listVault()).items).toHaveLength(22);
  });

  it('needs consent before leaving out items of unknown types', async () => {
    const vault = await openImport();
    const file = JSON.parse(readFixtureText('pbkdf2', 'sdk-plain.json'));
    file.items[0].type = 9;
    chooseFile('Choose File', jsonFile(JSON.stringify(file), 'newer.json'));
    click('Import Data');
    await screen.findByText(/item 1 “Acme, Inc. "Prod"” \(type 9\)/);
    click('Confirm import');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Some items cannot be imported: agree to leave them out first.',
    );
    fireEvent.click(screen.getByLabelText('Import the rest and leave these 1 out'));
    click('Confirm import');
    await waitFor(() =>
      expect(screen.getByText(/^Imported 21 items\./).textContent).toContain('1 left out.'),
    );
    expect((await vault.client.listVault()).items).toHaveLength(21);
  });

  it('words an encrypted name of an unknown type in its own language', async () => {
    await openImport();
    const file = JSON.parse(readFixtureText('pbkdf2', 'assembled-account.json'));
    file.items[0].type = 9;
    chooseFile('Choose File', jsonFile(JSON.stringify(file), 'account.json'));
    click('Import Data');
    await screen.findByText('item 1 “(encrypted name)” (type 9)');
  });

  it('reads a 1Password .1pux as a file (it cannot be pasted)', async () => {
    const vault = await openImport();
    chooseOption('File Format', '1Password (1pux)');
    expect(screen.queryByLabelText('Or paste the file’s contents')).toBeNull();
    click('Import Data');
    expect((await screen.findByRole('alert')).textContent).toBe(t('chooseFileFirst'));
    const exportData = fs.readFileSync(
      path.join(import.meta.dirname, '../fixtures/other-managers/1password-export.data.json'),
    );
    chooseFile(
      'Choose File',
      new File([zipSync({ 'export.data': new Uint8Array(exportData) })], 'a.1pux'),
    );
    click('Import Data');
    const counts = await screen.findByText(/^\d+ items, 2 folders$/);
    const items = Number(counts.textContent!.split(' ')[0]);
    click('Confirm import');
    await screen.findByText(new RegExp(`^Imported ${items} items\\.`));
    expect((await vault.client.listVault()).items).toHaveLength(items);
  });
});
