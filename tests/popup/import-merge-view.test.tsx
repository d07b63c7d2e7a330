/** The import preview names each item to update and what of the vault's version it keeps. */
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { App } from '@/src/popup/App';
import type { LoginItem } from '@/src/vault/item';
import { readFixtureText } from '../helpers/fixtures';
import { loadTruthVault } from '../helpers/truth-vault';
import { chooseOption, click, field } from '../helpers/popup-view';

describe('Import Data preview of updates', () => {
  it('lists the item a CSV updates with what the vault keeps, and the import keeps it', async () => {
    const vault = await loadTruthVault('pbkdf2');
    render(<App client={vault.client} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    click('Import Data');
    await screen.findByRole('heading', { name: 'Import Data' });

    // The vault's own CSV backup, with Reddit's password changed in a spreadsheet.
    const reddit = vault.items.find((i): i is LoginItem => i.name === 'Reddit')!;
    const csv = readFixtureText('pbkdf2', 'sdk.csv');
    const edited = csv.replace(reddit.login.password!, 'changed in the spreadsheet');
    expect(edited).not.toBe(csv);
    chooseOption('File Format', 'Bitwarden (csv)');
    fireEvent.input(field('Or paste the file’s contents'), { target: { value: edited } });
    click('Import Data');

    const list = await screen.findByRole('list', {
      name: 'Updated from the file, keeping what yours has and the file lacks:',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Reddit: keeps hidden field type of “PIN”, checkbox type of “2FA enabled”, checkbox type ' +
        'of “Shared”, linked field type of “Login name (linked)”, linked field type of ' +
        '“Password (linked)”, 4 URI match types, your current password (moved into its ' +
        'password history), 2 password history entries',
    ]);
    expect(screen.getByText(/^Against your vault:/).textContent).toContain(
      '1 newer in the file (update yours, keeping what the file lacks)',
    );

    click('Confirm import');
    // The one new item is a note whose checkbox field a CSV turned into text: another note.
    const status = await screen.findByText(/^Imported 1 item\./);
    expect(status.textContent).toBe('Imported 1 item. 1 updated. 12 duplicate(s) skipped.');
    const stored = (await vault.client.getItem({ id: reddit.id })) as LoginItem;
    expect(stored.login.password).toBe('changed in the spreadsheet');
    expect(stored.fields).toEqual(reddit.fields);
    expect(stored.login.uris).toEqual(reddit.login.uris);
    expect(stored.passwordHistory!.map((e) => e.password)).toEqual([
      reddit.login.password,
      ...reddit.passwordHistory!.map((e) => e.password),
    ]);
  });
});
