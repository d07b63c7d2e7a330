/**
 * The popup's typed view of the background. It takes the transport as an argument, so the same
 * client runs over runtime messages in the extension and over a direct call in tests.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { errorFromData, PROTOCOL_TAG, type Reply, type Request } from './envelope';
import { VAULT_METHODS, type VaultClient, type VaultMethod } from './vault-api';

export type Send = (request: Request) => Promise<Reply>;

export function createVaultClient(send: Send): VaultClient {
  const call = async (method: VaultMethod, params?: unknown): Promise<unknown> => {
    const request: Request =
      params === undefined ? { tag: PROTOCOL_TAG, method } : { tag: PROTOCOL_TAG, method, params };
    const reply = await send(request);
    // A missing reply means no listener answered (background not running or crashed).
    if (reply === undefined || reply === null) {
      throw new CofferError('errNoAnswer');
    }
    if (!reply.ok) {
      throw errorFromData(reply.error);
    }
    return reply.value;
  };
  const client: Record<string, (params?: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(VAULT_METHODS) as VaultMethod[]) {
    client[method] = (params?: unknown) => call(method, params);
  }
  return client as unknown as VaultClient;
}
