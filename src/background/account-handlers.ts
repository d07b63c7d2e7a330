/** Creating, unlocking, locking and deleting the account. */
import { deriveStretchedMasterKey, makeUserKey, protectUserKey } from '@/src/crypto/account-keys';
import { normalizeEmail } from '@/src/crypto/kdf';
import { ACCOUNT_KDF_BOUNDS, assertKdfWithinBounds } from '@/src/crypto/kdf-bounds';
import type { KdfConfig } from '@/src/crypto/kdf-config';
import { CofferError } from '@/src/errors/coffer-error';
import type { CreateAccountParams, VaultStatus } from '@/src/protocol/vault-api';
import { MAX_EMAIL_LENGTH, MAX_HINT_LENGTH, MIN_MASTER_PASSWORD_LENGTH } from '@/src/vault/policy';
import type { BackgroundContext } from './context';
import { checkMasterPassword, requireAccount } from './master-password';

/** The account key made with the account; each rotation counts one more. */
const FIRST_KEY_GENERATION = 1;

export function createAccountHandlers(ctx: BackgroundContext) {
  const status = async (): Promise<VaultStatus> => {
    const account = await ctx.store.getAccount();
    if (!account) return { state: 'no-account' };
    if (await ctx.session.getKey()) return { state: 'unlocked', email: account.email };
    return { state: 'locked', email: account.email, hint: account.masterPasswordHint };
  };

  return {
    getStatus: status,

    async createAccount(params: CreateAccountParams): Promise<VaultStatus> {
      const { email, masterPassword, kdf } = params;
      const hint = params.masterPasswordHint?.trim() || null;
      const normalized = normalizeEmail(email);
      if (!/^[^\s@]+@[^\s@]+$/.test(normalized) || normalized.length > MAX_EMAIL_LENGTH) {
        throw new CofferError('errEmailInvalid', {
          field: 'email',
        });
      }
      checkNewMasterPassword(masterPassword, 'masterPassword');
      checkHint(hint, masterPassword, 'masterPasswordHint');
      assertKdfWithinBounds(kdf, ACCOUNT_KDF_BOUNDS);
      if (await ctx.store.getAccount()) {
        throw new CofferError('errorAccountExists');
      }
      const accountKey = makeUserKey();
      const stretched = await deriveStretchedMasterKey(
        masterPassword,
        normalized,
        kdf,
        ACCOUNT_KDF_BOUNDS,
      );
      const now = ctx.now().toISOString();
      await ctx.store.createAccount({
        email: normalized,
        kdf: copyKdf(kdf),
        protectedUserKey: await protectUserKey(accountKey, stretched),
        keyGeneration: FIRST_KEY_GENERATION,
        keyCreatedAt: now,
        createdAt: now,
        masterPasswordHint: hint,
      });
      await ctx.session.unlock(accountKey, FIRST_KEY_GENERATION);
      await ctx.timeout.reschedule();
      return status();
    },

    async unlock(params: { masterPassword: string }): Promise<VaultStatus> {
      // The list's snapshot is ciphertext: read while the KDF runs, decrypted once it is done.
      ctx.itemList.prefetch();
      const { account, accountKey } = await checkMasterPassword(ctx, params.masterPassword);
      await ctx.session.unlock(accountKey, account.keyGeneration);
      await ctx.timeout.reschedule();
      // The popup asks for the list next: its decryption starts now, and the popup's request
      // joins it (a failure is the request's to report).
      const key = await ctx.session.getKey();
      if (key) ctx.itemList.summaries(key).catch(() => undefined);
      return status();
    },

    async lock(): Promise<VaultStatus> {
      await ctx.session.lock();
      await ctx.timeout.reschedule();
      return status();
    },

    async verifyMasterPassword(params: { masterPassword: string }): Promise<true> {
      await checkMasterPassword(ctx, params.masterPassword);
      return true;
    },

    async deleteAccount(params: { masterPassword: string }): Promise<VaultStatus> {
      await requireAccount(ctx);
      await checkMasterPassword(ctx, params.masterPassword);
      await ctx.store.deleteEverything();
      await ctx.session.lock();
      await ctx.timeout.reschedule();
      return status();
    },
  };
}

/** Keeps only the known fields, so nothing else from the request lands in the record. */
function copyKdf(kdf: KdfConfig): KdfConfig {
  return kdf.type === 'pbkdf2'
    ? { type: 'pbkdf2', iterations: kdf.iterations }
    : {
        type: 'argon2id',
        iterations: kdf.iterations,
        memoryMiB: kdf.memoryMiB,
        parallelism: kdf.parallelism,
      };
}

/** A new master password (at account creation or a change) is long enough. */
export function checkNewMasterPassword(password: string, field: string): void {
  if ([...password].length < MIN_MASTER_PASSWORD_LENGTH) {
    throw new CofferError('masterPasswordTooShort', {
      args: [MIN_MASTER_PASSWORD_LENGTH],
      field,
    });
  }
}

/** A hint is short and does not give the password away. */
export function checkHint(hint: string | null, password: string, field: string): void {
  if (hint !== null && (hint.length > MAX_HINT_LENGTH || hint === password)) {
    throw new CofferError('errHint', { field });
  }
}
