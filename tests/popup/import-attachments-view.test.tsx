/**
 * Import Data with an archive of attachments, in the popup against the real background: the
 * file sent in pieces with its progress in a status, the preview's attachment line, consent for
 * attachments it cannot place, the encrypted archive's file password, and the summary.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import type { VaultClient } from '@/src/protocol/vault-api';
import { UPLOAD_CHUNK_BYTES } from '@/src/vault/policy';
import { writeArchive } from '../helpers/encrypted-archive';
import { readFixtureText } from '../helpers/fixtures';
import { chooseFile, chooseOption, click, field } from '../helpers/popup-view';
import { loadTruthVault, type TruthVault } from '../helpers/truth-vault';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const DATA_JSON = readFixtureText('pbkdf2', 'sdk-plain.json');
const LOGIN = 'ee263103-4ebc-4da5-94fb-12b733c4ae91';
const CARD = '269cf12f-4a72-46be-95d2-7ad6e34ed19a';
/** Larger than one upload piece, so the file goes in two. */
const SCAN = new Uint8Array(UPLOAD_CHUNK_BYTES + 1024 * 1024).fill(0x5a);
const RECEIPT = strToU8('%PDF-1.7 receipt');

const bitwardenZip = (extra = {}) =>
  new File(
    [
      zipSync({
        'data.json': strToU8(DATA_JSON),
        attachments: {
          [LOGIN]: { 'receipt.pdf': RECEIPT },
          [CARD]: { 'scan.png': [SCAN, { level: 0 }] },
        },
        ...extra,
      }),
    ],
    'bitwarden_export.zip',
    { type: 'application/zip' },
  );

/** The client with each upload piece held until the test lets it go. */
function gatedPieces(client: VaultClient) {
  const waiting: (() => void)[] = [];
  const cancelled: string[] = [];
  const gated: VaultClient = {
    ...client,
    async uploadChunk(params) {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return client.uploadChunk(params);
    },
    async cancelUpload(params) {
      cancelled.push(params.uploadId);
      return client.cancelUpload(params);
    },
  };
  const release = async () => {
    await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
    waiting.shift()!();
  };
  return { gated, release, cancelled };
}

async function openImport(client?: (vault: TruthVault) => VaultClient) {
  const vault = await loadTruthVault('pbkdf2', { empty: true });
  render(<App client={client ? client(vault) : vault.client} />);
  fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
  click('Import Data');
  await screen.findByRole('heading', { name: 'Import Data' });
  return vault;
}

describe('Import Data with attachments', () => {
  it('sends the zip in pieces with its progress, previews its attachments and imports them', async () => {
    let pieces!: ReturnType<typeof gatedPieces>;
    const vault = await openImport((v) => {
      pieces = gatedPieces(v.client);
      return pieces.gated;
    });
    chooseOption('File Format', 'Bitwarden (zip)');
    expect(screen.queryByLabelText('Or paste the file’s contents')).toBeNull();
    chooseFile('Choose File', bitwardenZip());
    click('Import Data');
    const sending = await screen.findByText('Sending the file to Coffer… 0%');
    expect(sending.getAttribute('role')).toBe('status');
    await pieces.release();
    const halfway = await screen.findByText(/^Sending the file to Coffer… [1-9]\d%$/);
    expect(halfway.getAttribute('role')).toBe('status');
    await pieces.release();

    await screen.findByText('22 items, 3 folders');
    expect(screen.getByText('2 attachments (5 MiB)')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect((await vault.client.listVault()).items).toHaveLength(0);
    click('Confirm import');
    const status = await screen.findByText(/^Imported 22 items\./);
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe(
      'Imported 22 items. 3 folder(s) created. 2 attachment(s) added.',
    );
    expect(
      (await vault.client.listAttachments({ itemId: CARD })).map((a) => [a.fileName, a.size]),
    ).toEqual([['scan.png', SCAN.length]]);
    // The upload was used up by the import: nothing was left to cancel.
    expect(pieces.cancelled).toEqual([]);
  });

  it('names attachments it cannot place, and imports without them only when agreed', async () => {
    const vault = await openImport();
    chooseOption('File Format', 'Bitwarden (zip)');
    chooseFile(
      'Choose File',
      bitwardenZip({ 'attachments/not-an-item/orphan.txt': strToU8('whose?') }),
    );
    click('Import Data');
    await screen.findByText('3 attachments (5 MiB)');
    expect(
      screen.getByText(
        'attachments/not-an-item/orphan.txt: its item is not among the items imported',
      ),
    ).toBeTruthy();
    click('Confirm import');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Some attachments cannot be imported: agree to leave them out first.',
    );
    expect((await vault.client.listVault()).items).toHaveLength(0);
    fireEvent.click(screen.getByLabelText('Import without these 1 attachment(s)'));
    click('Confirm import');
    expect((await screen.findByText(/^Imported 22 items\./)).textContent).toBe(
      'Imported 22 items. 3 folder(s) created. 2 attachment(s) added. 1 attachment(s) left out.',
    );
  });

  it('asks for the file password of an encrypted archive chosen as Coffer (zip)', async () => {
    const vault = await openImport();
    const archive = await writeArchive('archive password', {
      data: DATA_JSON,
      attachments: [{ itemId: LOGIN, fileName: 'receipt.pdf', content: RECEIPT }],
    });
    chooseOption('File Format', 'Coffer (zip)');
    chooseFile('Choose File', new File([archive.bytes], 'coffer_encrypted_export.coffer'));
    click('Import Data');
    await screen.findByText(/This file is password protected/);
    fireEvent.input(field('File password'), { target: { value: 'archive password' } });
    click('Confirm');
    await screen.findByText('22 items, 3 folders');
    expect(screen.getByText(`1 attachment (${RECEIPT.length} bytes)`)).toBeTruthy();
    click('Confirm import');
    await screen.findByText('Imported 22 items. 3 folder(s) created. 1 attachment(s) added.');
    expect((await vault.client.listAttachments({ itemId: LOGIN })).map((a) => a.fileName)).toEqual([
      'receipt.pdf',
    ]);
  });

  it('cancels the upload when the preview is cancelled', async () => {
    let pieces!: ReturnType<typeof gatedPieces>;
    const vault = await openImport((v) => {
      pieces = gatedPieces(v.client);
      return pieces.gated;
    });
    chooseOption('File Format', 'Bitwarden (zip)');
    chooseFile('Choose File', bitwardenZip());
    click('Import Data');
    await pieces.release();
    await pieces.release();
    await screen.findByText('22 items, 3 folders');
    click('Cancel');
    await waitFor(() => expect(pieces.cancelled).toHaveLength(1));
    await expect(
      vault.client.importVault({ format: 'bitwarden_zip', uploadId: pieces.cancelled[0]! }),
    ).rejects.toMatchObject({ key: 'errUploadUnknown' });
  });
});
