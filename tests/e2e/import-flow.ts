/**
 * Import Data driven by the words of ui.md, the same in Chromium and Firefox: choose the file
 * (and its format), give its file password when it asks, read the preview, confirm.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PopupDriver } from './popup-driver';
import { openSettings } from './settings-flow';
import { makeTempDir } from '../helpers/temp-dirs';

export interface ImportFile {
  path: string;
  /** The File Format to choose; left as it is when not given. */
  format?:
    'Bitwarden (json)' | 'Bitwarden (csv)' | 'Bitwarden (zip)' | 'Coffer (zip)' | 'KeePass (kdbx)';
  /** A KeePass database's key file, chosen beside it. */
  keyFile?: string;
  /** Given when the file asks for one. */
  filePassword?: string;
}

/** Writes `text` to a new temporary file named `name`, to choose in Import Data; returns its path. */
export function fileToImport(name: string, text: string): string {
  const file = path.join(makeTempDir('import'), name);
  fs.writeFileSync(file, text);
  return file;
}

/** The preview's counts, as ui.md words them. */
const PREVIEW_COUNTS = /^\d+ items, \d+ folders$/;

export async function openImportData(popup: PopupDriver): Promise<void> {
  await openSettings(popup, 'Import Data');
}

/** Chooses the file in the open Import Data view and submits it; the caller waits for the answer. */
export async function submitImportFile(popup: PopupDriver, file: ImportFile): Promise<void> {
  if (file.format) await popup.select('File Format', file.format);
  await popup.chooseFile('Choose File', file.path);
  if (file.keyFile) await popup.chooseFile('Key file', file.keyFile);
  await popup.click('Import Data', { within: 'form' });
}

/** Answers the file password question; the caller waits for the answer. */
export async function giveFilePassword(popup: PopupDriver, filePassword: string): Promise<void> {
  await popup.fill('File password', filePassword);
  await popup.click('Confirm');
}

/**
 * Submits the file (and its file password) in the open Import Data view; resolves to the
 * preview's counts ("N items, M folders") once they are shown.
 */
export async function previewImport(popup: PopupDriver, file: ImportFile): Promise<string> {
  await submitImportFile(popup, file);
  if (file.filePassword !== undefined) await giveFilePassword(popup, file.filePassword);
  return popup.waitForText(PREVIEW_COUNTS);
}

/** Confirms the previewed import; resolves to the status that says what was imported. */
export async function confirmImport(popup: PopupDriver): Promise<string> {
  await popup.click('Confirm import');
  return popup.waitForText(/^Imported /, 'status');
}

/** The whole import from the Settings tab; resolves to the preview's counts and the status. */
export async function importThroughPopup(
  popup: PopupDriver,
  file: ImportFile,
): Promise<{ preview: string; status: string }> {
  await openImportData(popup);
  const preview = await previewImport(popup, file);
  return { preview, status: await confirmImport(popup) };
}
