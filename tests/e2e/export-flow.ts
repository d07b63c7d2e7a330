/**
 * Export Vault driven by the words of ui.md, the same in Chromium and Firefox: choose the format
 * (and the export type and file password), give the master password, confirm, and read the name
 * of the file the status says was saved.
 */
import { readAttachmentZip } from '@/src/formats/attachment-zip-read';
import { savedFileName } from './downloads';
import type { PopupDriver } from './popup-driver';
import { openSettings } from './settings-flow';

export type ExportKind =
  | { format: '.json' | '.csv' | '.zip (with attachments)' }
  | { format: '.zip (Encrypted, with attachments)'; filePassword: string }
  | { format: '.json (Encrypted)'; type: 'Account restricted' }
  | { format: '.json (Encrypted)'; type: 'Password protected'; filePassword: string }
  | { format: '.kdbx (Encrypted)'; filePassword: string; encryption?: 'AES-256' | 'ChaCha20' };

/** Every kind of export, for tests that try them all. */
export function everyExportKind(filePassword: string): ExportKind[] {
  return [
    { format: '.json' },
    { format: '.csv' },
    { format: '.json (Encrypted)', type: 'Account restricted' },
    { format: '.json (Encrypted)', type: 'Password protected', filePassword },
    { format: '.zip (with attachments)' },
    { format: '.zip (Encrypted, with attachments)', filePassword },
    { format: '.kdbx (Encrypted)', filePassword, encryption: 'ChaCha20' },
  ];
}

/**
 * Opens Export Vault from the Settings tab, fills the form for `kind` and submits it: the
 * confirmation is shown next.
 */
export async function fillExportForm(
  popup: PopupDriver,
  kind: ExportKind,
  masterPassword: string,
): Promise<void> {
  await openSettings(popup, 'Export Vault');
  await popup.select('File Format', kind.format);
  if ('type' in kind) await popup.click(kind.type, { role: 'radio' });
  if ('filePassword' in kind) {
    await popup.fill('File password', kind.filePassword);
    await popup.fill('Confirm file password', kind.filePassword);
  }
  if ('encryption' in kind && kind.encryption) await popup.select('Encryption', kind.encryption);
  await popup.fill('Master password', masterPassword);
  await popup.click('Export Vault', { within: 'form' });
}

/**
 * Waits for the confirmation the form's "Export Vault" opens. A failure names the problem the
 * form showed instead, rather than only the confirmation that did not come.
 */
export async function waitForExportConfirmation(popup: PopupDriver): Promise<void> {
  const problem = popup.waitForText(/\S/, 'alert').then(
    (text) => Promise.reject(new Error(`Export Vault showed "${text}" instead of confirming`)),
    () => new Promise<never>(() => {}),
  );
  await Promise.race([popup.waitFor('Export Vault', { within: 'dialog' }), problem]);
}

/** Confirms the export; resolves to the name of the file the status says was saved. */
export async function confirmExport(popup: PopupDriver): Promise<string> {
  await waitForExportConfirmation(popup);
  await popup.click('Export Vault', { within: 'dialog' });
  return savedFileName(await popup.waitForText(/^Saved \S+ \(/, 'status'));
}

/** Exports from the Settings tab and returns to it; resolves to the saved file's name. */
export async function exportThroughPopup(
  popup: PopupDriver,
  kind: ExportKind,
  masterPassword: string,
): Promise<string> {
  await fillExportForm(popup, kind, masterPassword);
  const name = await confirmExport(popup);
  await popup.click('Back');
  return name;
}

/** Whether the kind's files hold the vault in plain text (a zip's data.json included). */
export function isPlainExport(kind: ExportKind): boolean {
  return !kind.format.includes('Encrypted');
}

/** The text of a downloaded export where the vault would be readable: a zip's data.json. */
export function exportedText(kind: ExportKind, bytes: Uint8Array): string {
  if (kind.format === '.zip (with attachments)') return readAttachmentZip(bytes).dataJson;
  return new TextDecoder().decode(bytes);
}
