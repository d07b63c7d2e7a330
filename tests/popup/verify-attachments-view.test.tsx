/**
 * Verify backup's words on attachments, in the popup against the real background: a zip with
 * attachments compared with a vault that changed since, the encrypted archive's file password,
 * a `.json` that holds none of the vault's attachments, and the same words in German.
 */
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import { AttachmentsVerdict } from '@/src/popup/components/AttachmentsVerdict';
import type { ItemDraft } from '@/src/protocol/vault-api';
import { attach, damageAttachment, fileBytes } from '../helpers/attachments';
import {
  TEST_PASSWORD,
  createUnlockedBackground,
  type TestBackground,
} from '../helpers/background';
import { installFakeI18n } from '../helpers/fake-i18n';
import { EMPTY_DRAFT } from '../helpers/items';
import { chooseFile, click, jsonFile, type } from '../helpers/popup-view';

vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

const FILE_PASSWORD = 'archive password 4711';

const note = (name: string): ItemDraft =>
  ({ ...EMPTY_DRAFT, type: 2, name, secureNote: { type: 0 } }) as ItemDraft;

/** Three notes, each with one attachment. */
async function vaultWithAttachments() {
  const background = await createUnlockedBackground();
  const { client } = background;
  const passport = await client.saveItem({ item: note('Passport') });
  const keys = await client.saveItem({ item: note('Keys') });
  const tax = await client.saveItem({ item: note('Tax') });
  const added = {
    scan: await attach(client, passport.id, 'scan.pdf', fileBytes(5000, 1)),
    key: await attach(client, keys.id, 'key.bin', fileBytes(100, 2)),
    report: await attach(client, tax.id, 'report.pdf', fileBytes(4000, 3)),
  };
  return { ...background, passport, keys, tax, added };
}

function lastBytes(background: TestBackground): Uint8Array<ArrayBuffer> {
  const content = background.downloads.files.at(-1)!.content;
  if (content.kind !== 'bytes') throw new Error('expected bytes');
  return new Uint8Array(content.bytes);
}

async function openVerify(background: TestBackground) {
  render(<App client={background.client} />);
  fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
  click('Verify backup');
  await screen.findByRole('heading', { name: 'Verify backup' });
}

describe('Verify backup with attachments', () => {
  it('names what differs in a zip: content changed, and damaged in the vault', async () => {
    const vault = await vaultWithAttachments();
    await vault.client.exportVault({ format: 'zip', masterPassword: TEST_PASSWORD });
    const zip = new File([lastBytes(vault)], 'coffer_export.zip', { type: 'application/zip' });
    const { client } = vault;
    await client.deleteAttachment({ itemId: vault.passport.id, attachmentId: vault.added.scan.id });
    await attach(client, vault.passport.id, 'scan.pdf', fileBytes(5000, 9));
    await damageAttachment(vault.ctx, vault.added.report.id);

    await openVerify(vault);
    expect(screen.getByLabelText('Choose File').getAttribute('accept')).toContain('.coffer');
    chooseFile('Choose File', zip);
    click('Verify backup');
    const verdict = await screen.findByText(/^Attachments:/);
    expect(verdict.textContent).toBe(
      'Attachments: 1 matches the vault. 1 differs: “scan.pdf” of “Passport”. ' +
        '1 cannot be read in the vault (damaged): “report.pdf” of “Tax” (the backup has a copy).',
    );
    const status = verdict.closest('[role="status"]')!;
    expect(status.textContent).toContain(
      'This backup can be decrypted: 3 items, 0 folders. It differs from your vault:',
    );
    // The items themselves are as they were: no list of items.
    expect(status.querySelector('ul')).toBeNull();
  });

  it('asks for the encrypted archive’s file password, then says its attachments match', async () => {
    const vault = await vaultWithAttachments();
    await vault.client.exportVault({
      format: 'encrypted_zip',
      mode: 'password',
      masterPassword: TEST_PASSWORD,
      filePassword: FILE_PASSWORD,
    });
    const archive = new File([lastBytes(vault)], 'coffer_encrypted_export.coffer');
    await openVerify(vault);
    chooseFile('Choose File', archive);
    click('Verify backup');
    await screen.findByText(/^This file is password protected\./);
    type('File password', FILE_PASSWORD);
    click('Confirm');
    const verdict = await screen.findByText('Attachments: 3 match the vault.');
    expect(verdict.closest('[role="status"]')!.textContent).toContain('It matches your vault.');
  });

  it('says a .json holds none of the vault’s attachments', async () => {
    const vault = await vaultWithAttachments();
    await vault.client.exportVault({ format: 'json', masterPassword: TEST_PASSWORD });
    await openVerify(vault);
    chooseFile('Choose File', jsonFile(vault.downloads.files.at(-1)!.text));
    click('Verify backup');
    const line = await screen.findByText(
      'Attachments: this kind of backup holds none (3 in the vault are not in it).',
    );
    expect(line.closest('[role="status"]')!.textContent).toContain('It matches your vault.');
  });
});

describe('the words on attachments', () => {
  it('count and name them in German too', () => {
    installFakeI18n('de');
    render(
      <AttachmentsVerdict
        attachments={{
          held: true,
          same: 12,
          changed: [{ itemName: 'Passport', fileName: 'scan.pdf' }],
          onlyInVault: [
            { itemName: 'Tax', fileName: 'a.txt' },
            { itemName: 'Tax', fileName: 'b.txt' },
          ],
          onlyInFile: [{ itemName: 'Keys', fileName: 'old.bin' }],
          damaged: [{ itemName: 'Tax', fileName: 'lost.pdf', inBackup: false }],
          unplaced: ['attachments/x/stray.txt'],
        }}
      />,
    );
    expect(screen.getByText(/^Anhänge:/).textContent).toBe(
      'Anhänge: 12 stimmen mit dem Tresor überein. 1 weicht ab: „scan.pdf“ von „Passport“. ' +
        '2 im Tresor fehlen im Backup: „a.txt“ von „Tax“, „b.txt“ von „Tax“. ' +
        '1 ist nur im Backup: „old.bin“ von „Keys“. ' +
        '1 kann im Tresor nicht gelesen werden (beschädigt): „lost.pdf“ von „Tax“. ' +
        '1 Datei im Backup gehört zu keinem seiner Einträge: „attachments/x/stray.txt“.',
    );
  });

  it('say in German that a .json holds none, and list at most five names', () => {
    installFakeI18n('de');
    const { unmount } = render(<AttachmentsVerdict attachments={{ held: false, inVault: 1 }} />);
    expect(
      screen.getByText('Anhänge: Diese Art von Backup enthält keine (1 im Tresor fehlt darin).'),
    ).toBeTruthy();
    unmount();
    installFakeI18n('en');
    const many = Array.from({ length: 7 }, (_, i) => ({ itemName: 'Box', fileName: `${i}.txt` }));
    render(
      <AttachmentsVerdict
        attachments={{
          held: true,
          same: 0,
          changed: [],
          onlyInVault: many,
          onlyInFile: [],
          damaged: [],
          unplaced: [],
        }}
      />,
    );
    expect(screen.getByText(/^Attachments:/).textContent).toBe(
      'Attachments: 7 in the vault are not in the backup: “0.txt” of “Box”, “1.txt” of “Box”, ' +
        '“2.txt” of “Box”, “3.txt” of “Box”, “4.txt” of “Box” and 2 more.',
    );
  });
});
