/**
 * `.kdbx` in the popup's views: Export Vault asks for the file password and the cipher (no KDF:
 * a `.kdbx` always derives with Argon2id) and saves a database Coffer's reader opens; Import Data
 * takes a key file beside the database, and an empty password with it.
 */
import { fireEvent, render, screen, within } from '@testing-library/preact';
import * as kdbxweb from 'kdbxweb';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import { kdbxLibrary } from '@/src/formats/kdbx/kdbx-library';
import { readKdbx } from '@/src/formats/kdbx/kdbx-read';
import { TEST_PASSWORD, createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { chooseFile, chooseOption, click, field, type } from '../helpers/popup-view';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

async function openTool(tool: 'Export Vault' | 'Import Data', drafts = true) {
  const background = await createUnlockedBackground();
  if (drafts) for (const draft of sampleDrafts()) await background.client.saveItem({ item: draft });
  render(<App client={background.client} />);
  fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
  click(tool);
  await screen.findByRole('heading', { name: tool });
  return background;
}

describe('.kdbx (Encrypted) in Export Vault', () => {
  it('asks for the file password and the cipher, and saves a database that opens with it', async () => {
    const background = await openTool('Export Vault');
    chooseOption('File Format', '.kdbx (Encrypted)');
    expect(
      screen.getByText(/KeePassXC, KeePass, KeePassDX, Strongbox and KeePassium/),
    ).toBeTruthy();
    expect(screen.queryByLabelText('File KDF')).toBeNull();
    expect(
      [...(field('Encryption') as HTMLSelectElement).options].map((o) => o.textContent),
    ).toEqual(['AES-256', 'ChaCha20']);
    chooseOption('Encryption', 'ChaCha20');
    type('File password', 'kdbx view password');
    type('Confirm file password', 'kdbx view password');
    type('Master password', TEST_PASSWORD);
    click('Export Vault');
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Export Vault' }),
    );
    await screen.findByText(
      /^Saved coffer_encrypted_export_\d{14}\.kdbx \(5 items\)\./,
      undefined,
      {
        timeout: 20_000,
      },
    );
    const saved = background.downloads.files[0]!;
    expect(saved.content.kind).toBe('bytes');
    const bytes = (saved.content as { bytes: Uint8Array }).bytes;
    const kdbxlib = kdbxLibrary();
    const header = kdbxlib.KdbxHeader.read(
      new kdbxlib.BinaryStream(bytes.slice().buffer),
      new kdbxlib.KdbxContext({ kdbx: new kdbxlib.Kdbx() }),
    );
    expect(header.dataCipherUuid?.toString()).toBe(kdbxweb.Consts.CipherId.ChaCha20);
    const { parsed } = await readKdbx(
      bytes,
      { password: 'kdbx view password' },
      { newId: () => crypto.randomUUID(), now: new Date().toISOString() },
    );
    expect(parsed.items.map((i) => i.name).sort()).toEqual(
      sampleDrafts()
        .map((d) => d.name)
        .sort(),
    );
  });
});

describe('KeePass (kdbx) in Import Data', () => {
  it('takes a key file, and an empty password with it opens a database that has none', async () => {
    const lib = kdbxLibrary();
    const keyFile = new Uint8Array(32).fill(9);
    const db = lib.Kdbx.create(new lib.Credentials(null, keyFile.slice().buffer), 'key only');
    db.setKdf(lib.Consts.KdfId.Argon2id);
    db.header.kdfParameters!.set(
      'M',
      lib.VarDictionary.ValueType.UInt64,
      lib.Int64.from(1024 * 1024),
    );
    const entry = db.createEntry(db.getDefaultGroup());
    entry.fields.set('Title', 'Key file entry');
    entry.fields.set('UserName', 'kf-user');
    const deleted = db.createEntry(db.getDefaultGroup());
    deleted.fields.set('Title', 'In the bin');
    db.remove(deleted);
    const bytes = new Uint8Array(await db.save());

    const background = await openTool('Import Data', false);
    chooseOption('File Format', 'KeePass (kdbx)');
    expect(screen.getByText(/Only if the database is opened with a key file/)).toBeTruthy();
    chooseFile('Choose File', new File([bytes], 'keys.kdbx'));
    chooseFile('Key file', new File([keyFile], 'keys.key'));
    click('Import Data');
    await screen.findByText(/This file is password protected/);
    expect(screen.getByText(/leave it empty if it is opened with the key file alone/)).toBeTruthy();
    click('Confirm');
    await screen.findByText('1 items, 0 folders', undefined, { timeout: 20_000 });
    expect(screen.getByText('1 entries in the KeePass recycle bin are left out.')).toBeTruthy();
    click('Confirm import');
    await screen.findByText(/^Imported 1 item/);
    const vault = await background.client.listVault();
    expect(vault.items.map((i) => i.name)).toEqual(['Key file entry']);
  });
});
