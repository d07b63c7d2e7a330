/**
 * The background's answer to every VaultApi method. `satisfies` makes a missing or mistyped
 * handler a compile error, and the table reads as the list of what the background can do.
 */
import type { Handlers, VaultApi, VaultStatus } from '@/src/protocol/vault-api';
import type { VaultStore } from '@/src/store/vault-store';

export interface BackgroundDeps {
  store: VaultStore;
}

export function createHandlers(deps: BackgroundDeps) {
  return {
    async getStatus(): Promise<VaultStatus> {
      const account = await deps.store.getAccount();
      if (!account) return { state: 'no-account' };
      return { state: 'locked', email: account.email };
    },
  } satisfies Handlers<VaultApi>;
}
