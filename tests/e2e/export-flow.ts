/**
 * Export Vault driven by the words of ui.md, the same in Chromium and Firefox: choose the format
 * (and the export type and file password), give the master password, confirm, and read the name
 * of the file the status says was saved.
 */
import { savedFileName } from './downloads';
import type { PopupDriver } from './popup-driver';

export type ExportKind =
  | { format: '.json' | '.csv' }
  | { format: '.json (Encrypted)'; type: 'Account restricted' }
  | { format: '.json (Encrypted)'; type: 'Password protected'; filePassword: string };

/** Every kind of export, for tests that try them all. */
export function everyExportKind(filePassword: string): ExportKind[] {
  return [
    { format: '.json' },
    { format: '.csv' },
    { format: '.json (Encrypted)', type: 'Account restricted' },
    { format: '.json (Encrypted)', type: 'Password protected', filePassword },
  ];
}

/** Exports from the Settings tab and returns to it; resolves to the saved file's name. */
export async function exportThroughPopup(
  popup: PopupDriver,
  kind: ExportKind,
  masterPassword: string,
): Promise<string> {
  await popup.click('Settings', { role: 'tab' });
  await popup.click('Export Vault');
  await popup.select('File Format', kind.format);
  if ('type' in kind) await popup.click(kind.type, { role: 'radio' });
  if ('filePassword' in kind) {
    await popup.fill('File password', kind.filePassword);
    await popup.fill('Confirm file password', kind.filePassword);
  }
  await popup.fill('Master password', masterPassword);
  await popup.click('Export Vault', { within: 'form' });
  await popup.click('Export Vault', { within: 'dialog' });
  const name = savedFileName(await popup.waitForText(/^Saved \S+ \(/, 'status'));
  await popup.click('Back');
  return name;
}
