/**
 * The account's screens driven by the words of ui.md, the same in Chromium and Firefox: create
 * an account, unlock (rightly or not), lock.
 */
import type { PopupDriver } from './popup-driver';

export const MASTER_PASSWORD = 'correct horse battery staple';

export interface KdfChoice {
  algorithm: 'PBKDF2 SHA-256' | 'Argon2id';
  iterations?: string;
  memory?: string;
  parallelism?: string;
}

/** Creates the account on the first-run screen; resolves once the vault is open. */
export async function createAccount(
  popup: PopupDriver,
  email: string,
  { kdf = { algorithm: 'PBKDF2 SHA-256' }, password = MASTER_PASSWORD } = {} as {
    kdf?: KdfChoice;
    password?: string;
  },
): Promise<void> {
  await popup.fill('Email address', email);
  await popup.fill('Master password', password);
  await popup.fill('Confirm master password', password);
  await popup.select('KDF algorithm', kdf.algorithm);
  if (kdf.iterations || kdf.memory || kdf.parallelism) {
    await popup.expand('Advanced');
    if (kdf.iterations) await popup.fill('KDF iterations', kdf.iterations);
    if (kdf.memory) await popup.fill('KDF memory (MiB)', kdf.memory);
    if (kdf.parallelism) await popup.fill('KDF parallelism', kdf.parallelism);
  }
  await popup.click('Create account');
  await popup.waitFor('New item');
}

/** Submits the master password on the locked screen; the caller waits for what should follow. */
export async function unlock(popup: PopupDriver, password = MASTER_PASSWORD): Promise<void> {
  await popup.fill('Master password', password);
  await popup.click('Unlock');
}

/** Unlocks with the right master password; resolves once the vault is open. */
export async function unlockVault(popup: PopupDriver, password = MASTER_PASSWORD): Promise<void> {
  await unlock(popup, password);
  await popup.waitFor('New item');
}

/** Locks from the Settings tab; resolves once the locked screen is shown. */
export async function lock(popup: PopupDriver): Promise<void> {
  await popup.click('Settings', { role: 'tab' });
  await popup.click('Lock now');
  await popup.waitFor('Unlock');
}
