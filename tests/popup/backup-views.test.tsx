/**
 * The popup's side of issue #7: Settings entries, Rotate account encryption key, Change master
 * password, Verify backup, the backup reminder and the Export view's warning after a rotation.
 */
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from '@/src/popup/App';
import { TEST_PASSWORD, createUnlockedBackground } from '../helpers/background';
import { sampleDrafts } from '../helpers/items';
import { chooseFile, chooseOption, click, field, jsonFile, type } from '../helpers/popup-view';

// The account's master key is derived once for this file (helpers/memoized-kdf.ts): these tests
// are not about the KDF, and every unlock and master password check would derive it again.
vi.mock('@/src/crypto/kdf', async (original) =>
  (await import('../helpers/memoized-kdf')).memoizeMasterKey(await original()),
);

async function openSettings(items = 3) {
  const background = await createUnlockedBackground();
  for (const draft of sampleDrafts().slice(0, items)) {
    await background.client.saveItem({ item: draft });
  }
  render(<App client={background.client} />);
  fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Backups' });
  return background;
}

async function accountRestrictedBackup(background: Awaited<ReturnType<typeof openSettings>>) {
  await background.client.exportVault({
    format: 'encrypted_json',
    mode: 'account',
    masterPassword: TEST_PASSWORD,
  });
  return background.downloads.files.at(-1)!;
}

describe('Settings for backups and keys', () => {
  it('has the security entries, and saves the reminder and the automatic backup', async () => {
    const background = await openSettings();
    const security = screen.getByRole('heading', { name: 'Security' }).parentElement!;
    for (const name of ['Lock now', 'Change master password', 'Rotate account encryption key']) {
      expect(within(security).getByRole('button', { name })).toBeTruthy();
    }
    const tools = screen.getByRole('heading', { name: 'Tools' }).parentElement!;
    expect(
      within(tools)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Import Data', 'Export Vault', 'Verify backup']);
    expect((field('Backup reminder') as HTMLSelectElement).value).toBe('30');
    chooseOption('Backup reminder', 'Never');
    expect((await screen.findByRole('status')).textContent).toBe('Backup reminder: Never');
    expect((await background.client.getSettings()).backupReminderDays).toBeNull();
    const automatic = field('Automatic backup') as HTMLInputElement;
    expect(automatic.checked).toBe(false);
    fireEvent.click(automatic);
    await screen.findByText('Automatic backup is on.');
    expect((await background.client.getSettings()).autoBackup).toBe(true);
  });
});

describe('Include attachments in the automatic backup', () => {
  it('can be switched on only while the automatic backup is on, and says what it makes', async () => {
    const background = await openSettings();
    const attachments = field('Include attachments') as HTMLInputElement;
    expect(attachments.checked).toBe(false);
    expect(attachments.disabled).toBe(true);
    const hint = document.getElementById(attachments.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toMatch(
      /encrypted archive \(\.coffer\) that only this account can read/,
    );

    fireEvent.click(field('Automatic backup'));
    await screen.findByText('Automatic backup is on.');
    expect(attachments.disabled).toBe(false);
    fireEvent.click(attachments);
    await screen.findByText('The automatic backup includes attachments.');
    expect(await background.client.getSettings()).toMatchObject({
      autoBackup: true,
      autoBackupAttachments: true,
    });
    expect(attachments.checked).toBe(true);

    // Switched off, the automatic backup keeps the choice for when it is on again.
    fireEvent.click(field('Automatic backup'));
    await screen.findByText('Automatic backup is off.');
    expect(attachments.disabled).toBe(true);
    expect(attachments.checked).toBe(true);
    expect((await background.client.getSettings()).autoBackupAttachments).toBe(true);
  });

  it('is refused by the background unless it is true or false', async () => {
    const background = await openSettings(0);
    await expect(
      background.client.updateSettings({ autoBackupAttachments: 'yes' as unknown as boolean }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      key: 'errAutoBackupAttachmentsFlag',
      field: 'autoBackupAttachments',
    });
    expect((await background.client.getSettings()).autoBackupAttachments).toBe(false);
  });
});

describe('Rotate account encryption key', () => {
  it('asks to confirm the consequence, then rotates and names the backups it retired', async () => {
    const background = await openSettings();
    const old = await accountRestrictedBackup(background);
    click('Rotate account encryption key');
    await screen.findByRole('heading', { name: 'Rotate account encryption key' });
    expect(screen.getByText(/can no longer be decrypted, by anyone/)).toBeTruthy();
    type('Master password', TEST_PASSWORD);
    fireEvent.submit(field('Master password').closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Confirm first/);

    fireEvent.click(field('I understand that my account-restricted exports will stop working'));
    type('Master password', 'not my password at all');
    fireEvent.submit(field('Master password').closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid master password');
    expect((await background.ctx.store.getAccount())?.keyGeneration).toBe(1);

    type('Master password', TEST_PASSWORD);
    fireEvent.submit(field('Master password').closest('form')!);
    const rotated = await screen.findByText(
      'Account encryption key rotated: 3 items and 0 folders re-encrypted.',
    );
    expect(rotated.getAttribute('role')).toBe('status');
    const retired = screen.getByRole('heading', {
      name: 'These backups can no longer be decrypted',
    }).parentElement!;
    expect(within(retired).getByRole('listitem').textContent).toContain(old.fileName);

    click('Export a new backup');
    await screen.findByRole('heading', { name: 'Export Vault' });
    expect((field('File Format') as HTMLSelectElement).value).toBe('encrypted_json');
    expect((screen.getByLabelText('Password protected') as HTMLInputElement).checked).toBe(true);
    await screen.findByText(/was made with an earlier account key and can no longer be decrypted/);
  });
});

describe('Change master password', () => {
  it('explains it is not a rotation, checks the confirmation, and changes it', async () => {
    const background = await openSettings();
    click('Change master password');
    await screen.findByRole('heading', { name: 'Change master password' });
    expect(screen.getByText(/This is not a key rotation/)).toBeTruthy();
    type('Master password', TEST_PASSWORD);
    type('New master password', 'a new master password 1');
    type('Confirm new master password', 'a new master password 2');
    click('Change master password');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The master passwords do not match.',
    );
    type('Master password', TEST_PASSWORD);
    type('Confirm new master password', 'a new master password 1');
    click('Change master password');
    expect((await screen.findByRole('status')).textContent).toBe(
      'Master password changed. Use the new one from now on.',
    );
    await background.client.lock();
    await background.client.unlock({ masterPassword: 'a new master password 1' });
  });
});

describe('Verify backup', () => {
  it('says a fresh backup matches the vault and an edited vault differs', async () => {
    const background = await openSettings();
    const backup = await accountRestrictedBackup(background);
    click('Verify backup');
    await screen.findByRole('heading', { name: 'Verify backup' });
    chooseFile('Choose File', jsonFile(backup.text));
    click('Verify backup');
    const verdict = await screen.findByText(
      'This backup can be decrypted: 3 items, 0 folders. It matches your vault.',
    );
    expect(verdict.closest('[role="status"]')).toBeTruthy();
    await background.client.saveItem({ item: sampleDrafts('LATER')[0]! });
    click('Verify backup');
    const difference = await screen.findByText('Only in the vault: LATER-login-name');
    expect(difference.closest('[role="status"]')?.textContent).toContain(
      'It differs from your vault',
    );
  });

  it('says an account-restricted backup from before a rotation cannot be decrypted', async () => {
    const background = await openSettings();
    const backup = await accountRestrictedBackup(background);
    await background.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    click('Verify backup');
    await screen.findByRole('heading', { name: 'Verify backup' });
    chooseFile('Choose File', jsonFile(backup.text));
    click('Verify backup');
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^This backup cannot be decrypted now\. This file was encrypted with a different account key/,
    );
  });
});

describe('the backup reminder', () => {
  it('shows why a backup is due and leads to Export Vault', async () => {
    const background = await openSettings();
    await accountRestrictedBackup(background);
    await background.client.rotateAccountKey({ masterPassword: TEST_PASSWORD });
    fireEvent.click(screen.getByRole('tab', { name: 'Vault' }));
    const reminder = await screen.findByText(/was made before the account key was rotated/);
    expect(reminder.closest('[role="status"]')).toBeTruthy();
    click('Back up now');
    await screen.findByRole('heading', { name: 'Export Vault' });
  });

  it('stays quiet while no backup is due', async () => {
    await openSettings();
    fireEvent.click(screen.getByRole('tab', { name: 'Vault' }));
    await screen.findByRole('button', { name: 'New item' });
    expect(screen.queryByRole('button', { name: 'Back up now' })).toBeNull();
  });
});
