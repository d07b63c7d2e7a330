/** The popup's File Format choices come from the format registry, in its order. */
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '@/src/formats/registry';
import { App } from '@/src/popup/App';
import { createUnlockedBackground } from '../helpers/background';

async function openTool(name: string) {
  const background = await createUnlockedBackground();
  render(<App client={background.client} />);
  fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
  fireEvent.click(screen.getByRole('button', { name }));
  await screen.findByRole('heading', { name });
}

function choices(): [string, string | null][] {
  const select = screen.getByLabelText('File Format', { selector: 'select' }) as HTMLSelectElement;
  return [...select.options].map((o) => [o.value, o.textContent]);
}

describe('File Format choices', () => {
  it('are the registry import formats in Import Data, Bitwarden (json) first', async () => {
    await openTool('Import Data');
    expect(choices()).toEqual(IMPORT_FORMATS.map((f) => [f.id, f.label.text]));
    expect(choices()[0]).toEqual(['bitwarden_json', 'Bitwarden (json)']);
  });

  it('are .json, .csv, .json (Encrypted), the two zips with attachments, then .kdbx, from the registry in Export Vault', async () => {
    await openTool('Export Vault');
    expect(choices()).toEqual(EXPORT_FORMATS.map((f) => [f.id, f.label.text]));
    expect(choices().map(([, label]) => label)).toEqual([
      '.json',
      '.csv',
      '.json (Encrypted)',
      '.zip (with attachments)',
      '.zip (Encrypted, with attachments)',
      '.kdbx (Encrypted)',
    ]);
  });
});
