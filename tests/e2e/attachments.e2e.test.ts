/**
 * Issue #14 in Chromium, through the popup: a 20 MiB and a 1-byte file attached, saved back byte
 * for byte, both zips exported and read here (the encrypted archive with the file password), and
 * a save the browser cannot finish reported as failed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAttachmentZip } from '@/src/formats/attachment-zip-read';
import { openEncryptedArchive } from '@/src/formats/encrypted-archive-reader';
import { bytesSource } from '@/src/formats/encrypted-archive-stream';
import { MASTER_PASSWORD, createAccount } from './account-flow';
import { addAttachment, attachmentRow, saveAttachment } from './attachment-flow';
import { exactly, waitForDownload } from './downloads';
import { exportThroughPopup } from './export-flow';
import { addItem } from './item-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';

const FILE_PASSWORD = 'archive password 4711';
const BIG_BYTES = 20 * 1024 * 1024;

/** Files of known bytes in a temporary folder: a 20 MiB one and a 1-byte one. */
function filesToAttach() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-attach-'));
  const big = new Uint8Array(BIG_BYTES);
  let x = 7;
  for (let i = 0; i < big.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    big[i] = x >>> 24;
  }
  const files = {
    big: { name: 'scan of passport.pdf', bytes: big },
    tiny: { name: 'pin.txt', bytes: Uint8Array.of(0x37) },
  };
  for (const file of Object.values(files)) fs.writeFileSync(path.join(dir, file.name), file.bytes);
  return { dir, ...files, pathOf: (name: string) => path.join(dir, name) };
}

function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(actual), Buffer.from(expected)) === 0;
}

describe('Attachments in Chromium', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('attaches, saves back byte for byte, and exports both zips with every attachment', async () => {
    session = await launchExtension();
    const files = filesToAttach();
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'attachments@example.com');
    await addItem(popup, { type: 'Secure note', name: 'Passport', fields: {}, notes: 'scans' });
    await addItem(popup, { type: 'Login', name: 'Bank', fields: { Username: 'alice' } });
    await addAttachment(popup, 'Passport', files.pathOf(files.big.name), files.big.name);
    expect(await popup.page.locator(attachmentRow(files.big.name)).textContent()).toContain(
      '20 MiB',
    );
    const savedBig = await saveAttachment(popup, files.big.name);
    const big = await waitForDownload(session.downloadsDir, exactly(savedBig));
    expect(sameBytes(fs.readFileSync(big.path), files.big.bytes)).toBe(true);
    await popup.click('Back');
    await addAttachment(popup, 'Bank', files.pathOf(files.tiny.name), files.tiny.name);
    const savedTiny = await saveAttachment(popup, files.tiny.name);
    const tiny = await waitForDownload(session.downloadsDir, exactly(savedTiny));
    expect([...fs.readFileSync(tiny.path)]).toEqual([0x37]);
    await popup.click('Back');

    const zipName = await exportThroughPopup(
      popup,
      { format: '.zip (with attachments)' },
      MASTER_PASSWORD,
    );
    const zipFile = await waitForDownload(session.downloadsDir, exactly(zipName));
    const zip = readAttachmentZip(fs.readFileSync(zipFile.path));
    const data = JSON.parse(zip.dataJson) as { items: { id: string; name: string }[] };
    const idOf = (name: string) => data.items.find((i) => i.name === name)!.id;
    expect(zip.attachments.map((a) => a.path).sort()).toEqual(
      [
        `attachments/${idOf('Bank')}/pin.txt`,
        `attachments/${idOf('Passport')}/scan of passport.pdf`,
      ].sort(),
    );
    const fromZip = zip.attachments.find((a) => a.fileName === files.big.name)!;
    expect(sameBytes(fromZip.read(), files.big.bytes)).toBe(true);

    const archiveName = await exportThroughPopup(
      popup,
      { format: '.zip (Encrypted, with attachments)', filePassword: FILE_PASSWORD },
      MASTER_PASSWORD,
    );
    expect(archiveName).toMatch(/^coffer_encrypted_export_\d{14}\.coffer$/);
    const archiveFile = await waitForDownload(session.downloadsDir, exactly(archiveName));
    const archive = await openEncryptedArchive(
      bytesSource(fs.readFileSync(archiveFile.path)),
      FILE_PASSWORD,
    );
    expect(JSON.parse(await archive.readData()).items).toHaveLength(2);
    const inArchive: Record<string, Uint8Array> = {};
    for await (const attachment of archive.attachments()) {
      inArchive[attachment.fileName] = await attachment.read();
    }
    expect(Object.keys(inArchive).sort()).toEqual([files.tiny.name, files.big.name].sort());
    expect(sameBytes(inArchive[files.big.name]!, files.big.bytes)).toBe(true);
    expect([...inArchive[files.tiny.name]!]).toEqual([0x37]);
  });

  it('reports a save the browser cannot finish, and says nothing was saved', async () => {
    // The downloads "folder" is a file, so Chromium cannot write there: the download is interrupted.
    const blocked = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-e2e-blocked-')),
      'file',
    );
    fs.writeFileSync(blocked, 'this is a file');
    session = await launchExtension({ downloadsDir: blocked });
    const files = filesToAttach();
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'interrupted@example.com');
    await addItem(popup, { type: 'Secure note', name: 'Keys', fields: {}, notes: 'x' });
    await addAttachment(popup, 'Keys', files.pathOf(files.tiny.name), files.tiny.name);
    await popup.click('Save', { within: attachmentRow(files.tiny.name) });
    expect(await popup.waitForText(/interrupted/, 'alert')).toMatch(
      /^.*The download was interrupted/,
    );
    expect(
      await popup.page
        .getByRole('status')
        .filter({ hasText: /^Saved / })
        .count(),
    ).toBe(0);
  });
});
