/**
 * Wires the popup's typed client straight to the background's dispatcher in one process. The
 * request and reply go through JSON, as Chrome's runtime messages do, so anything that would not
 * survive the real channel fails here too.
 */
import { createVaultClient } from '@/src/protocol/client';
import { dispatch } from '@/src/protocol/dispatch';
import type { Handlers, VaultApi, VaultClient } from '@/src/protocol/vault-api';

/**
 * The master password the account last took through a loopback client. A test holds one
 * account at a time (the store and browser storage are fresh for each), so helpers that read the
 * whole vault can confirm re-prompt items as a person would, whichever fixture made the account.
 */
let masterPassword: string | undefined;

export function lastMasterPassword(): string | undefined {
  return masterPassword;
}

export function loopbackClient(handlers: Handlers<VaultApi>): VaultClient {
  return createVaultClient(async (request) => {
    const received = JSON.parse(JSON.stringify(request));
    const reply = await dispatch(handlers, received);
    if (reply.ok) rememberMasterPassword(received);
    return JSON.parse(JSON.stringify(reply));
  });
}

function rememberMasterPassword(request: { method: string; params?: unknown }): void {
  const params = request.params as
    { masterPassword?: string; newMasterPassword?: string } | undefined;
  if (request.method === 'createAccount' || request.method === 'unlock') {
    masterPassword = params?.masterPassword;
  } else if (request.method === 'changeMasterPassword') {
    masterPassword = params?.newMasterPassword;
  }
}
