/**
 * Issue #14's round trip through the popup, the same in Chromium and Firefox: a 20 MiB and a
 * 1-byte file attached and saved back byte for byte; both zips exported and read here (the
 * encrypted archive with its file password); the items deleted; each zip imported through
 * Import Data; and the attachments saved again from the imported items, byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { readAttachmentZip } from '@/src/formats/attachment-zip-read';
import { openEncryptedArchive } from '@/src/formats/encrypted-archive-reader';
import { bytesSource } from '@/src/formats/encrypted-archive-stream';
import { addAttachment, saveAttachment } from './attachment-flow';
import { exactly, waitForDownload } from './downloads';
import { exportThroughPopup } from './export-flow';
import { importThroughPopup } from './import-flow';
import { addItem } from './item-flow';
import type { PopupDriver } from './popup-driver';
import { makeTempDir } from '../helpers/temp-dirs';

const FILE_PASSWORD = 'archive password 4711';
const BIG_BYTES = 20 * 1024 * 1024;

interface TestFile {
  name: string;
  bytes: Uint8Array;
  path: string;
}

/** Files of known bytes in a temporary folder: a 20 MiB one and a 1-byte one. */
export function filesToAttach(): { big: TestFile; tiny: TestFile } {
  const dir = makeTempDir('attach');
  const big = new Uint8Array(BIG_BYTES);
  let x = 7;
  for (let i = 0; i < big.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    big[i] = x >>> 24;
  }
  const file = (name: string, bytes: Uint8Array): TestFile => {
    const filePath = path.join(dir, name);
    fs.writeFileSync(filePath, bytes);
    return { name, bytes, path: filePath };
  };
  return { big: file('scan of passport.pdf', big), tiny: file('pin.txt', Uint8Array.of(0x37)) };
}

function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  expect(Buffer.compare(Buffer.from(actual), Buffer.from(expected))).toBe(0);
}

/** Saves the attachment from the open item view and compares the file on disk. */
async function saveAndCompare(popup: PopupDriver, downloadsDir: string, file: TestFile) {
  const saved = await saveAttachment(popup, file.name);
  const onDisk = await waitForDownload(downloadsDir, exactly(saved));
  expectSameBytes(fs.readFileSync(onDisk.path), file.bytes);
}

async function deleteItem(popup: PopupDriver, name: string): Promise<void> {
  await popup.click('Vault', { role: 'tab' });
  await popup.openItem(name);
  // The item's own Delete is the first on the view; the attachments' are inside their rows.
  await popup.click('Delete', { within: 'section > .actions' });
  await popup.click('Delete', { within: 'dialog' });
  await popup.waitFor('New item');
}

export async function attachmentRoundTrip(
  popup: PopupDriver,
  downloadsDir: string,
  masterPassword: string,
): Promise<void> {
  const files = filesToAttach();
  await addItem(popup, { type: 'Secure note', name: 'Passport', fields: {}, notes: 'scans' });
  await addItem(popup, { type: 'Login', name: 'Bank', fields: { Username: 'alice' } });
  await addAttachment(popup, 'Passport', files.big.path, files.big.name);
  await popup.waitForText(/^20 MiB$/);
  await saveAndCompare(popup, downloadsDir, files.big);
  await popup.click('Back');
  await addAttachment(popup, 'Bank', files.tiny.path, files.tiny.name);
  await saveAndCompare(popup, downloadsDir, files.tiny);
  await popup.click('Back');

  const zipName = await exportThroughPopup(
    popup,
    { format: '.zip (with attachments)' },
    masterPassword,
  );
  const zipPath = (await waitForDownload(downloadsDir, exactly(zipName))).path;
  const zip = readAttachmentZip(fs.readFileSync(zipPath));
  const data = JSON.parse(zip.dataJson) as { items: { id: string; name: string }[] };
  const idOf = (name: string) => data.items.find((i) => i.name === name)!.id;
  expect(zip.attachments.map((a) => a.path).sort()).toEqual(
    [
      `attachments/${idOf('Bank')}/${files.tiny.name}`,
      `attachments/${idOf('Passport')}/${files.big.name}`,
    ].sort(),
  );
  expectSameBytes(
    zip.attachments.find((a) => a.fileName === files.big.name)!.read(),
    files.big.bytes,
  );

  const archiveName = await exportThroughPopup(
    popup,
    { format: '.zip (Encrypted, with attachments)', filePassword: FILE_PASSWORD },
    masterPassword,
  );
  expect(archiveName).toMatch(/^coffer_encrypted_export_\d{14}\.coffer$/);
  const archivePath = (await waitForDownload(downloadsDir, exactly(archiveName))).path;
  const archive = await openEncryptedArchive(bytesSource(fs.readFileSync(archivePath)), {
    filePassword: FILE_PASSWORD,
  });
  expect((JSON.parse(await archive.readData()) as { items: unknown[] }).items).toHaveLength(2);
  const inArchive = new Map<string, Uint8Array>();
  for await (const attachment of archive.attachments()) {
    inArchive.set(attachment.fileName, await attachment.read());
  }
  expectSameBytes(inArchive.get(files.big.name)!, files.big.bytes);
  expectSameBytes(inArchive.get(files.tiny.name)!, files.tiny.bytes);

  for (const [filePath, filePassword] of [
    [zipPath, undefined],
    [archivePath, FILE_PASSWORD],
  ] as const) {
    await deleteItem(popup, 'Passport');
    await deleteItem(popup, 'Bank');
    const { preview, status } = await importThroughPopup(popup, {
      path: filePath,
      format: 'Coffer (zip)',
      filePassword,
    });
    expect(preview).toBe('2 items, 0 folders');
    expect(status).toMatch(/^Imported 2 items/);
    await popup.click('Vault', { role: 'tab' });
    await popup.openItem('Passport');
    await saveAndCompare(popup, downloadsDir, files.big);
    await popup.click('Back');
    await popup.openItem('Bank');
    await saveAndCompare(popup, downloadsDir, files.tiny);
    await popup.click('Back');
  }
}
