/**
 * Checks a master password by unwrapping the account key with it: a MAC failure means a wrong
 * password. Every check goes through the unlock throttle, whichever feature asks.
 */
import { deriveStretchedMasterKey, unprotectUserKey } from '@/src/crypto/account-keys';
import { CofferError } from '@/src/errors/coffer-error';
import type { SymmetricKey } from '@/src/crypto/symmetric-key';
import type { AccountRecord } from '@/src/store/records';
import type { BackgroundContext } from './context';

export async function requireAccount(ctx: BackgroundContext): Promise<AccountRecord> {
  const account = await ctx.store.getAccount();
  if (!account) throw new CofferError('errorNoAccount');
  return account;
}

export interface CheckedPassword {
  account: AccountRecord;
  accountKey: Uint8Array<ArrayBuffer>;
  /** The key the password protects the account key with. */
  stretched: SymmetricKey;
}

/** Returns the account key bytes when the password is right; throws ERR_WRONG_MASTER_PASSWORD. */
export async function checkMasterPassword(
  ctx: BackgroundContext,
  masterPassword: string,
): Promise<CheckedPassword> {
  const account = await requireAccount(ctx);
  if (masterPassword === '') {
    throw new CofferError('enterMasterPassword');
  }
  await ctx.throttle.check();
  // The account's own KDF settings were checked when they were chosen; files use FILE bounds.
  const stretched = await deriveStretchedMasterKey(masterPassword, account.email, account.kdf);
  try {
    const accountKey = await unprotectUserKey(account.protectedUserKey, stretched);
    await ctx.throttle.recordSuccess();
    return { account, accountKey, stretched };
  } catch (error) {
    if (error instanceof CofferError && error.code === 'ERR_DECRYPT_FAILED') {
      await ctx.throttle.recordFailure();
      throw new CofferError('errorWrongMasterPassword');
    }
    throw error;
  }
}
