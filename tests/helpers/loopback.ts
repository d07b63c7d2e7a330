/**
 * Wires the popup's typed client straight to the background's dispatcher in one process. The
 * request and reply go through JSON, as Chrome's runtime messages do, so anything that would not
 * survive the real channel fails here too.
 */
import { createVaultClient } from '@/src/protocol/client';
import { dispatch } from '@/src/protocol/dispatch';
import type { Handlers, VaultApi, VaultClient } from '@/src/protocol/vault-api';

export function loopbackClient(handlers: Handlers<VaultApi>): VaultClient {
  return createVaultClient(async (request) => {
    const received = JSON.parse(JSON.stringify(request));
    const reply = await dispatch(handlers, received);
    return JSON.parse(JSON.stringify(reply));
  });
}
