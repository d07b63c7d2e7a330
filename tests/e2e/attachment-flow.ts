/** Attachments in the item view, by the words of ui.md, the same in Chromium and Firefox. */
import { escapeRegExp, type PopupDriver } from './popup-driver';

/** The row of one attachment: a group named by the file's name. */
export function attachmentRow(fileName: string): string {
  return `[role="group"][aria-label="${fileName.replace(/["\\]/g, '\\$&')}"]`;
}

/** Opens the item and attaches the file at `filePath`; resolves once its row is listed. */
export async function addAttachment(
  popup: PopupDriver,
  itemName: string,
  filePath: string,
  fileName: string,
): Promise<void> {
  await popup.click('Vault', { role: 'tab' });
  await popup.openItem(itemName);
  await popup.waitFor('Attachments', { role: 'heading' });
  await popup.chooseFile('Add attachment', filePath);
  await popup.waitForText(new RegExp(`^Added “${escapeRegExp(fileName)}”\\.$`), 'status', 60_000);
  await popup.waitFor('Save', { within: attachmentRow(fileName) });
}

/**
 * Saves the attachment from the open item view; resolves to the name the browser gave the file,
 * from "Saved <name> (<size>)."
 */
export async function saveAttachment(popup: PopupDriver, fileName: string): Promise<string> {
  await popup.click('Save', { within: attachmentRow(fileName) });
  const status = await popup.waitForText(/^Saved .+ \(.+\)\.$/, 'status', 60_000);
  return /^Saved (.+) \([^()]+\)\.$/.exec(status.trim())![1]!;
}
