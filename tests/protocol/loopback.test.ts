import { describe, expect, it } from 'vitest';
import { createHandlers } from '@/src/background/handlers';
import { CofferError } from '@/src/errors/coffer-error';
import { dispatch } from '@/src/protocol/dispatch';
import { PROTOCOL_TAG, isRequest } from '@/src/protocol/envelope';
import type { Handlers, VaultApi } from '@/src/protocol/vault-api';
import { loopbackClient } from '../helpers/loopback';
import { createTestBackground } from '../helpers/background';

describe('VaultApi over the loopback transport', () => {
  it('reports that no account exists yet on a fresh store', async () => {
    const client = (await createTestBackground()).client;
    await expect(client.getStatus()).resolves.toEqual({ state: 'no-account' });
  });

  it('turns a coded handler error back into a CofferError with the same code', async () => {
    const failing = {
      getStatus: async () => {
        throw new CofferError('errorLocked');
      },
    } as unknown as Handlers<VaultApi>;
    const error = await loopbackClient(failing)
      .getStatus()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CofferError);
    expect(error).toMatchObject({
      code: 'ERR_LOCKED',
      key: 'errorLocked',
      message: 'The vault is locked. Unlock it and try again.',
    });
  });

  it('carries the words’ key, substitutions and place across, for the popup to show in its locale', async () => {
    const failing = {
      getStatus: async () => {
        throw new CofferError('errTooManyItems', {
          args: [12345, 10000],
          place: { item: 3, name: 'Bank' },
          field: 'login.password',
        });
      },
    } as unknown as Handlers<VaultApi>;
    const error = await loopbackClient(failing)
      .getStatus()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ERR_TOO_MANY_ITEMS',
      key: 'errTooManyItems',
      args: [12345, 10000],
      place: { item: 3, name: 'Bank' },
      field: 'login.password',
      where: 'item 3 "Bank", login.password',
      message: 'The file has 12,345 items; Coffer imports at most 10,000.',
    });
  });

  it('hides the message of an unexpected error behind ERR_INTERNAL', async () => {
    const failing = {
      getStatus: async () => {
        throw new TypeError('secret detail from a file');
      },
    } as unknown as Handlers<VaultApi>;
    const error = await loopbackClient(failing)
      .getStatus()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_INTERNAL' });
    expect((error as Error).message).not.toContain('secret detail');
  });
});

describe('dispatch', () => {
  it('refuses methods that are not own handlers, including Object.prototype names', async () => {
    const handlers = createHandlers((await createTestBackground()).ctx);
    for (const method of ['noSuchMethod', 'constructor', '__proto__', 'toString']) {
      const reply = await dispatch(handlers, { tag: PROTOCOL_TAG, method } as never);
      expect(reply).toMatchObject({ ok: false, error: { code: 'ERR_UNKNOWN_METHOD' } });
    }
  });

  it('recognises only tagged requests', () => {
    expect(isRequest({ tag: PROTOCOL_TAG, method: 'getStatus' })).toBe(true);
    expect(isRequest({ method: 'getStatus' })).toBe(false);
    expect(isRequest('getStatus')).toBe(false);
    expect(isRequest(null)).toBe(false);
  });
});
