import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { App } from '@/src/popup/App';
import { TEST_PASSWORD, createUnlockedBackground } from '../helpers/background';
import { EMPTY_DRAFT } from '../helpers/items';

const FORMULA_WARNING =
  'Spreadsheet programs may run cells that start with =, +, - or @ as formulas. Open this file in a text editor or import it, but do not open it in a spreadsheet.';

describe('Export Vault view, .csv', () => {
  it('warns that a spreadsheet may run cells as formulas, for .csv only', async () => {
    const { client } = await createUnlockedBackground();
    render(<App client={client} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export Vault' }));
    const format = (await screen.findByLabelText('File Format')) as HTMLSelectElement;
    expect(screen.queryByText(FORMULA_WARNING)).toBeNull();
    fireEvent.change(format, { target: { value: 'csv' } });
    expect(screen.getByText(FORMULA_WARNING)).toBeTruthy();
    fireEvent.change(format, { target: { value: 'encrypted_json' } });
    expect(screen.queryByText(FORMULA_WARNING)).toBeNull();
  });

  it('leaves the file as Bitwarden writes it: a cell starting with = stays a formula', async () => {
    const { client, downloads } = await createUnlockedBackground();
    await client.saveItem({
      item: {
        ...EMPTY_DRAFT,
        type: 1,
        name: '=HYPERLINK("https://evil.example","x")',
        notes: '@SUM(1+1)',
        login: {
          username: '+1 555',
          password: '-secret',
          totp: null,
          uris: null,
          fido2Credentials: null,
        },
      },
    });
    await client.exportVault({ format: 'csv', masterPassword: TEST_PASSWORD });
    const text = downloads.files.at(-1)!.text;
    expect(text).toContain('"=HYPERLINK(""https://evil.example"",""x"")"');
    expect(text).toContain('@SUM(1+1)');
    expect(text).not.toContain("'=");
  });
});
