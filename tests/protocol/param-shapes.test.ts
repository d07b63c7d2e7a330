import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { dispatch } from '@/src/protocol/dispatch';
import { PROTOCOL_TAG, type Reply, type Request } from '@/src/protocol/envelope';
import {
  object,
  optional,
  PARAM_SHAPES,
  text,
  type ParamsOf,
  type Shape,
} from '@/src/protocol/param-shapes';
import {
  VAULT_METHODS,
  type Handlers,
  type VaultApi,
  type VaultMethod,
} from '@/src/protocol/vault-api';

/** A handler table that answers null to everything, so only the dispatcher's check can refuse. */
function recordingHandlers() {
  const calls: { method: string; params: unknown }[] = [];
  const handlers = Object.fromEntries(
    Object.keys(VAULT_METHODS).map((method) => [
      method,
      vi.fn(async (params: unknown) => {
        calls.push({ method, params });
        return null;
      }),
    ]),
  ) as unknown as Handlers<VaultApi>;
  return { handlers, calls };
}

async function send(method: VaultMethod, params?: unknown): Promise<Reply> {
  const { handlers } = recordingHandlers();
  return dispatch(handlers, { tag: PROTOCOL_TAG, method, params });
}

const refused = (key: string, ...args: unknown[]) => ({
  ok: false,
  error: { code: 'ERR_BAD_REQUEST', key, args },
});

const IMPORT = { format: 'bitwarden_json', content: '{}' };

describe('parameter shapes', () => {
  it('exist for every VaultApi method, and for nothing else', () => {
    expect(Object.keys(PARAM_SHAPES).sort()).toEqual(Object.keys(VAULT_METHODS).sort());
    expectTypeOf<keyof typeof PARAM_SHAPES>().toEqualTypeOf<VaultMethod>();
  });

  it('are refused by the compiler when one is missing or does not match its method', () => {
    const { getStatus: _left, ...withoutGetStatus } = PARAM_SHAPES;
    // @ts-expect-error: getStatus has no shape.
    withoutGetStatus satisfies { [M in VaultMethod]: Shape<ParamsOf<M>> };
    // @ts-expect-error: saveFolder's `name` is missing.
    object({ id: optional(text()) }) satisfies Shape<ParamsOf<'saveFolder'>>;
    // @ts-expect-error: saveFolder's `id` is optional, not required.
    object({ id: text(), name: text() }) satisfies Shape<ParamsOf<'saveFolder'>>;
    // @ts-expect-error: getItem takes no `extra`.
    object({ id: text(), extra: text() }) satisfies Shape<ParamsOf<'getItem'>>;
    object({ id: optional(text()), name: text() }) satisfies Shape<ParamsOf<'saveFolder'>>;
  });
});

describe('dispatch checks parameters before the handler', () => {
  it('passes well-formed parameters through unchanged, optional ones left out', async () => {
    const { handlers, calls } = recordingHandlers();
    const request: Request = { tag: PROTOCOL_TAG, method: 'saveFolder', params: { name: 'Work' } };
    await expect(dispatch(handlers, request)).resolves.toEqual({ ok: true, value: null });
    expect(calls).toEqual([{ method: 'saveFolder', params: { name: 'Work' } }]);
    await expect(send('getStatus')).resolves.toMatchObject({ ok: true });
    await expect(
      send('exportVault', {
        format: 'encrypted_json',
        mode: 'password',
        masterPassword: 'm',
        filePassword: 'f',
        scope: { kind: 'items', ids: ['a', 'b'] },
      }),
    ).resolves.toMatchObject({ ok: true });
    await expect(
      send('updateSettings', { backupReminderDays: null, clearClipboard: 'never' }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('takes a field sent as undefined as left out, as Firefox’s structured clone keeps it', async () => {
    await expect(send('getItem', { id: 'a', extra: undefined })).resolves.toMatchObject({
      ok: true,
    });
    await expect(
      send('importVault', { ...IMPORT, openedFileToken: undefined }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('never calls the handler for a refused request', async () => {
    const { handlers, calls } = recordingHandlers();
    const reply = await dispatch(handlers, {
      tag: PROTOCOL_TAG,
      method: 'saveFolder',
      params: { name: 7 },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'ERR_BAD_REQUEST' } });
    expect(calls).toEqual([]);
  });

  it('refuses missing parameters, naming them', async () => {
    await expect(send('cancelImport', {})).resolves.toMatchObject(
      refused('errParamMissing', 'requestId'),
    );
    await expect(send('saveItem')).resolves.toMatchObject(refused('errParamMissing', 'params'));
    const reply = await send('cancelImport', {});
    expect(!reply.ok && reply.error.message).toBe('The request lacks the parameter “requestId”.');
  });

  it('refuses parameters a method does not take, at any depth', async () => {
    await expect(send('getStatus', { verbose: true })).resolves.toMatchObject(
      refused('errParamUnexpected', 'params'),
    );
    await expect(send('getItem', { id: 'a', extra: 1 })).resolves.toMatchObject(
      refused('errParamUnexpected', 'extra'),
    );
    await expect(
      send('exportVault', { format: 'json', masterPassword: 'm', filePassword: 'f' }),
    ).resolves.toMatchObject(refused('errParamUnexpected', 'filePassword'));
    await expect(
      send('exportVault', {
        format: 'json',
        masterPassword: 'm',
        scope: { kind: 'all', ids: [] },
      }),
    ).resolves.toMatchObject(refused('errParamUnexpected', 'scope.ids'));
  });

  it('refuses a parameter of the wrong type, with one message per kind of mistake', async () => {
    const cases: [VaultMethod, unknown, string, string][] = [
      ['saveFolder', { name: 5 }, 'errParamNotText', 'name'],
      [
        'previewImport',
        { ...IMPORT, skipUnknownTypes: 'yes' },
        'errParamNotBoolean',
        'skipUnknownTypes',
      ],
      ['previewImport', { ...IMPORT, duplicates: 'some' }, 'errParamNotChoice', 'duplicates'],
      ['saveItem', { item: 'a login' }, 'errParamNotObject', 'item'],
      ['saveItem', { item: [] }, 'errParamNotObject', 'item'],
      ['unlock', 'hunter2', 'errParamNotObject', 'params'],
      [
        'exportVault',
        { format: 'json', masterPassword: 'm', scope: { kind: 'items', ids: 'a' } },
        'errParamNotList',
        'scope.ids',
      ],
      [
        'exportVault',
        { format: 'json', masterPassword: 'm', scope: { kind: 'items', ids: ['a', 3] } },
        'errParamNotText',
        'scope.ids[1]',
      ],
      [
        'exportVault',
        { format: 'csv', masterPassword: 'm', scope: { kind: 'folder', folderId: 4 } },
        'errParamNotText',
        'scope.folderId',
      ],
      [
        'createAccount',
        { email: 'a@b', masterPassword: 'x'.repeat(12), kdf: 600000 },
        'errParamNotObject',
        'kdf',
      ],
    ];
    for (const [method, params, key, name] of cases) {
      await expect(send(method, params), `${method} ${key}`).resolves.toMatchObject(
        refused(key, name),
      );
    }
  });

  it('keeps the words the handlers used for the same mistakes before', async () => {
    await expect(send('getItem', { id: '' })).resolves.toMatchObject(refused('errIdRequired'));
    await expect(
      send('exportVault', { format: 'pdf', masterPassword: 'm' }),
    ).resolves.toMatchObject(refused('errUnknownExportFormat'));
    await expect(
      send('exportVault', { format: 'encrypted_json', mode: 'zip', masterPassword: 'm' }),
    ).resolves.toMatchObject(refused('errUnknownExportType'));
    await expect(send('importVault', { format: 'rtf', content: '' })).resolves.toMatchObject(
      refused('errUnknownImportFormat'),
    );
    await expect(send('updateSettings', { vaultTimeout: 3 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'ERR_INVALID_INPUT', key: 'errUnknownVaultTimeout', field: 'vaultTimeout' },
    });
    await expect(
      send('exportVault', {
        format: 'encrypted_json',
        mode: 'password',
        masterPassword: 'm',
        filePassword: 12345678,
      }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'ERR_INVALID_INPUT', key: 'filePasswordTooShort', args: [8] },
    });
  });

  it('takes an import file in the request or as an upload, exactly one of the two', async () => {
    const upload = { format: 'bitwarden_zip', uploadId: 'upload-1' };
    await expect(send('previewImport', upload)).resolves.toEqual({ ok: true, value: null });
    await expect(
      send('importVault', { ...upload, skipUnplacedAttachments: true }),
    ).resolves.toEqual({ ok: true, value: null });
    await expect(send('importVault', { format: 'bitwarden_zip' })).resolves.toMatchObject(
      refused('errFileMissing'),
    );
    await expect(send('importVault', { ...IMPORT, uploadId: 'upload-1' })).resolves.toMatchObject(
      refused('errParamUnexpected', 'uploadId'),
    );
    await expect(send('importVault', { ...upload, uploadId: '' })).resolves.toMatchObject(
      refused('errIdRequired'),
    );
    await expect(send('beginUpload', { size: 1, purpose: 'import' })).resolves.toMatchObject({
      ok: true,
    });
    await expect(send('beginUpload', { size: 1, purpose: 'backup' })).resolves.toMatchObject(
      refused('errParamNotChoice', 'purpose'),
    );
  });
});
