/**
 * The shape of every VaultApi method's parameters, checked once by the dispatcher before the
 * handler runs: a message can come from any extension page, and the JSON it carries is not the
 * TypeScript type it claims. A few combinators (text, number, boolean, choices, objects with
 * fields, lists, tagged unions) describe each shape; each is tied to its TypeScript type both
 * ways, so a shape that drifts from the method's parameters, or a method without one, fails to
 * compile. Shapes check structure only. What a person typed (a password too short, a blank name)
 * stays the handler's to judge, with its own codes and words.
 */
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { Substitution } from '@/src/errors/coffer-error';
import type { ErrorKeyWithCode, ErrorMessageKey } from '@/src/errors/error-codes';
import type { FileProtection } from '@/src/vault/file-protection';
import { MAX_GENERATED_LENGTH } from '@/src/vault/generator-history';
import { MIN_FILE_PASSWORD_LENGTH, MIN_MASTER_PASSWORD_LENGTH } from '@/src/vault/policy';
import { CLEAR_CLIPBOARD_CHOICES, VAULT_TIMEOUTS } from '@/src/vault/settings';
import {
  EXPORT_FORMATS,
  IMPORT_FORMATS,
  KDBX_CIPHERS,
  type EncryptedProtection,
  type ExportFormatId,
  type ProtectionsOf,
} from '@/src/formats/registry';
import type { ItemDraft, VaultApi, VaultMethod } from './vault-api';

/** What is wrong with a request, as the dispatcher answers it (the code follows from the key). */
export interface ShapeProblem {
  key: ErrorMessageKey;
  args: Substitution[];
  field?: string;
}

/**
 * The words a parameter is refused with instead of the generic ones: kept where the background
 * refused that parameter in its own words before shapes existed, so the same bad request still
 * gets the same answer.
 */
interface Refusal {
  key: ErrorMessageKey;
  args?: readonly Substitution[];
  field?: string;
}

export interface Shape<T, Optional extends boolean = false> {
  /** The first problem of `value`, named by `path` (a parameter, `scope.ids`); none when it fits. */
  readonly check: (value: unknown, path: string) => ShapeProblem | undefined;
  /** Whether an object may leave this field out. */
  readonly optional: Optional;
  /** Type only, never set: ties the shape to T in both directions (no wider, no narrower). */
  readonly _type?: (value: T) => T;
}

/** Any shape, whatever it describes. */
interface SomeShape {
  readonly check: (value: unknown, path: string) => ShapeProblem | undefined;
  readonly optional: boolean;
}

type TypeOf<S> = S extends Shape<infer T, boolean> ? T : never;

/** The parameters a method takes; undefined for a method without any. */
export type ParamsOf<M extends VaultMethod> =
  Parameters<VaultApi[M]> extends [infer P, ...unknown[]] ? P : undefined;

/** Flattens an intersection into one object type, for readable errors and exact comparisons. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

type ObjectOf<F extends Record<string, SomeShape>> = Flat<
  { [K in keyof F as F[K]['optional'] extends true ? never : K]: TypeOf<F[K]> } & {
    [K in keyof F as F[K]['optional'] extends true ? K : never]?: TypeOf<F[K]>;
  }
>;

/** The request's parameters as a whole are named "params" in messages. */
const nameOf = (path: string): string => path || 'params';

/** The generic words for a parameter of the wrong shape: all ERR_BAD_REQUEST. */
type ParamKey = ErrorKeyWithCode<'ERR_BAD_REQUEST'>;

function problem(key: ParamKey, path: string, refusal?: Refusal): ShapeProblem {
  return refusal
    ? {
        key: refusal.key,
        args: [...(refusal.args ?? [])],
        ...(refusal.field === undefined ? {} : { field: refusal.field }),
      }
    : { key, args: [nameOf(path)] };
}

function shape<T>(check: Shape<T>['check']): Shape<T> {
  return { check, optional: false };
}

/** A method that takes no parameters: anything sent along is refused. */
const none = (): Shape<undefined> =>
  shape((value, path) => (value === undefined ? undefined : problem('errParamUnexpected', path)));

export const text = (refusal?: Refusal): Shape<string> =>
  shape((value, path) =>
    typeof value === 'string'
      ? undefined
      : problem(missingOr('errParamNotText', value), path, refusal),
  );

/** An id: text that is not empty. */
const id = (refusal?: Refusal): Shape<string> =>
  shape((value, path) =>
    typeof value === 'string' && value !== ''
      ? undefined
      : problem(missingOr('errParamNotText', value), path, refusal),
  );

const number = (refusal?: Refusal): Shape<number> =>
  shape((value, path) =>
    typeof value === 'number' && Number.isFinite(value)
      ? undefined
      : problem(missingOr('errParamNotNumber', value), path, refusal),
  );

const boolean = (refusal?: Refusal): Shape<boolean> =>
  shape((value, path) =>
    typeof value === 'boolean'
      ? undefined
      : problem(missingOr('errParamNotBoolean', value), path, refusal),
  );

/** One of a fixed list of values (a literal union). */
const oneOf = <const V extends string | number>(
  choices: readonly V[],
  refusal?: Refusal,
): Shape<V> =>
  shape((value, path) =>
    (choices as readonly unknown[]).includes(value)
      ? undefined
      : problem(missingOr('errParamNotChoice', value), path, refusal),
  );

const nullable = <T>(inner: Shape<T>): Shape<T | null> =>
  shape((value, path) => (value === null ? undefined : inner.check(value, path)));

/** A field an object may leave out (or send as undefined, which JSON drops anyway). */
export const optional = <T>(inner: Shape<T>): Shape<T | undefined, true> => ({
  check: (value, path) => (value === undefined ? undefined : inner.check(value, path)),
  optional: true,
});

const listOf = <T>(inner: Shape<T>): Shape<T[]> =>
  shape((value, path) => {
    if (!Array.isArray(value)) return problem(missingOr('errParamNotList', value), path);
    for (const [i, element] of value.entries()) {
      const found = inner.check(element, `${nameOf(path)}[${i}]`);
      if (found) return found;
    }
    return undefined;
  });

/** An object with exactly these fields: a missing one or one more is refused, by its name. */
export const object = <F extends Record<string, SomeShape>>(
  fields: F,
  refusal?: Refusal,
): Shape<ObjectOf<F>> =>
  shape((value, path) => {
    if (!isPlainObject(value)) return problem(missingOr('errParamNotObject', value), path, refusal);
    return checkFields(fields, value, path);
  });

/** The union `variants` checks: each case's fields, with the tag naming the case. */
type Variants<K extends string, C extends Record<string, SomeShape>> = {
  [V in keyof C & string]: Flat<{ [_ in K]: V } & TypeOf<C[V]>>;
}[keyof C & string];

/**
 * A union told apart by one field (`format`, `mode`, `kind`): the field picks the case, and the
 * case's shape checks the other fields. A case may itself be a union on another field.
 */
const variants = <K extends string, C extends Record<string, SomeShape>>(
  tag: K,
  cases: C,
  refusal?: Refusal,
): Shape<Variants<K, C>> =>
  shape((value, path) => {
    if (!isPlainObject(value)) return problem(missingOr('errParamNotObject', value), path);
    const { [tag]: chosen, ...rest } = value;
    if (typeof chosen !== 'string' || !Object.hasOwn(cases, chosen)) {
      return problem(missingOr('errParamNotChoice', chosen), fieldPath(path, tag), refusal);
    }
    return cases[chosen]!.check(rest, path);
  });

/**
 * An object whose fields `names` (each optional in `inner`) are alternatives: exactly one is
 * given. None is refused in `missing`'s words, two by the second's name.
 */
const exactlyOneOf = <T>(inner: Shape<T>, names: readonly string[], missing: Refusal): Shape<T> =>
  shape((value, path) => {
    const found = inner.check(value, path);
    if (found) return found;
    const given = names.filter((name) => (value as Record<string, unknown>)[name] !== undefined);
    if (given.length === 0) return problem('errParamMissing', fieldPath(path, names[0]!), missing);
    if (given.length > 1) return problem('errParamUnexpected', fieldPath(path, given[1]!));
    return undefined;
  });

/**
 * A value the handler validates itself, field by field and with the codes people see for it (an
 * item from the editor, KDF settings against their bounds): here it only has to be an object.
 */
const checkedByHandler = <T>(): Shape<T> =>
  shape((value, path) =>
    isPlainObject(value) ? undefined : problem(missingOr('errParamNotObject', value), path),
  );

function checkFields(
  fields: Record<string, SomeShape>,
  value: Record<string, unknown>,
  path: string,
): ShapeProblem | undefined {
  for (const [name, given] of Object.entries(value)) {
    // Undefined is absent: JSON drops it, but Firefox's structured clone keeps the key.
    if (given !== undefined && !Object.hasOwn(fields, name)) {
      return problem('errParamUnexpected', fieldPath(path, name));
    }
  }
  for (const [name, field] of Object.entries(fields)) {
    const found = field.check(value[name], fieldPath(path, name));
    if (found) return found;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** A value left out is "missing", whatever type it should have had. */
function missingOr(key: ParamKey, value: unknown): ParamKey {
  return value === undefined ? 'errParamMissing' : key;
}

// --- The table ---

/** The master password of the account, to be checked against it: absent is as if left blank. */
const MASTER_PASSWORD = text({ key: 'enterMasterPassword' });
const masterPassword = { masterPassword: MASTER_PASSWORD };

/** A new master password that is not text is as short as no password at all. */
const newMasterPassword = (field: string) =>
  text({
    key: 'masterPasswordTooShort',
    args: [MIN_MASTER_PASSWORD_LENGTH],
    field,
  });

const ID_REQUIRED: Refusal = { key: 'errIdRequired' };
const FILE_PASSWORD_NOT_TEXT: Refusal = { key: 'errFilePasswordNotText' };

const exportScope = variants(
  'kind',
  {
    all: object({}),
    folder: object({ folderId: nullable(text()) }),
    items: object({ ids: listOf(text()) }),
  },
  { key: 'errUnknownExportScope' },
);

const unreadable = optional(oneOf(['skip', 'stop'] as const));

const plainExport = object({
  masterPassword: MASTER_PASSWORD,
  scope: optional(exportScope),
  unreadable,
});

/** An encrypted export's request, by its protection (`mode`). */
const ENCRYPTED_EXPORTS = {
  account: plainExport,
  password: object({
    masterPassword: MASTER_PASSWORD,
    filePassword: text({
      key: 'filePasswordTooShort',
      args: [MIN_FILE_PASSWORD_LENGTH],
      field: 'filePassword',
    }),
    kdf: optional(checkedByHandler<KdfConfig>()),
    cipher: optional(oneOf(KDBX_CIPHERS)),
    scope: optional(exportScope),
    unreadable,
  }),
};

/** A format's request: a plain one's fields, or a union on `mode` over its protections. */
type FormatExport<P> = [P] extends ['plain']
  ? typeof plainExport
  : Shape<Variants<'mode', Pick<typeof ENCRYPTED_EXPORTS, P & keyof typeof ENCRYPTED_EXPORTS>>>;

/**
 * Export Vault's request for every format of the registry, so a new format needs no shape of its
 * own. The cast ties each row to its protections' type, which the rows are built from.
 */
const exportRequest = variants(
  'format',
  Object.fromEntries(
    EXPORT_FORMATS.map((format) => [format.id, formatExport(format.protections)]),
  ) as { [F in ExportFormatId]: FormatExport<ProtectionsOf<F>> },
  { key: 'errUnknownExportFormat' },
);

function formatExport(protections: readonly FileProtection[]): SomeShape {
  const encrypted = protections.filter((p): p is EncryptedProtection => p !== 'plain');
  if (encrypted.length === 0) return plainExport;
  return variants('mode', Object.fromEntries(encrypted.map((p) => [p, ENCRYPTED_EXPORTS[p]])), {
    key: 'errUnknownExportType',
  });
}

/** The file comes in the message (`content`) or as an upload sent before (`uploadId`). */
const importRequest = exactlyOneOf(
  object({
    format: oneOf(
      IMPORT_FORMATS.map((f) => f.id),
      { key: 'errUnknownImportFormat' },
    ),
    content: optional(text({ key: 'errFileMissing' })),
    uploadId: optional(id(ID_REQUIRED)),
    filePassword: optional(text(FILE_PASSWORD_NOT_TEXT)),
    keyFile: optional(text()),
    duplicates: optional(oneOf(['skip', 'all'])),
    skipUnknownTypes: optional(boolean()),
    skipUnplacedAttachments: optional(boolean()),
    requestId: optional(text()),
    openedFileToken: optional(text()),
  }),
  ['content', 'uploadId'],
  { key: 'errFileMissing' },
);

/**
 * Every method's parameters. The mapped type makes a method without a shape, or a shape that
 * does not describe exactly the method's parameters, a compile error.
 */
export const PARAM_SHAPES = {
  getStatus: none(),
  createAccount: object({
    email: text({ key: 'errEmailInvalid', field: 'email' }),
    masterPassword: newMasterPassword('masterPassword'),
    masterPasswordHint: optional(nullable(text())),
    kdf: checkedByHandler<KdfConfig>(),
  }),
  unlock: object(masterPassword),
  lock: none(),
  verifyMasterPassword: object(masterPassword),
  deleteAccount: object(masterPassword),
  listVault: none(),
  queryVault: object({
    filter: object({ search: text(), folder: text() }),
    offset: number(),
    limit: number(),
  }),
  listFolders: none(),
  folderCounts: none(),
  getItem: object({ id: id(ID_REQUIRED) }),
  confirmReprompt: object({ itemId: id(ID_REQUIRED), masterPassword: MASTER_PASSWORD }),
  saveItem: object({ item: checkedByHandler<ItemDraft>() }),
  deleteItem: object({ id: id(ID_REQUIRED) }),
  setItemArchived: object({ id: id(ID_REQUIRED), archived: boolean() }),
  saveFolder: object({ id: optional(text()), name: text() }),
  deleteFolder: object({ id: id(ID_REQUIRED) }),
  listAttachments: object({ itemId: id(ID_REQUIRED) }),
  beginUpload: object({ size: number(), purpose: optional(oneOf(['attachment', 'import'])) }),
  uploadChunk: object({ uploadId: id(ID_REQUIRED), offset: number(), base64: text() }),
  cancelUpload: object({ uploadId: id(ID_REQUIRED) }),
  addAttachment: object({ itemId: id(ID_REQUIRED), fileName: text(), uploadId: id(ID_REQUIRED) }),
  renameAttachment: object({
    itemId: id(ID_REQUIRED),
    attachmentId: id(ID_REQUIRED),
    fileName: text(),
  }),
  deleteAttachment: object({ itemId: id(ID_REQUIRED), attachmentId: id(ID_REQUIRED) }),
  saveAttachment: object({ itemId: id(ID_REQUIRED), attachmentId: id(ID_REQUIRED) }),
  getExportInfo: none(),
  exportVault: exportRequest,
  previewImport: importRequest,
  importVault: importRequest,
  cancelImport: object({ requestId: text() }),
  getSettings: none(),
  updateSettings: object({
    vaultTimeout: optional(
      oneOf(VAULT_TIMEOUTS, {
        key: 'errUnknownVaultTimeout',
        field: 'vaultTimeout',
      }),
    ),
    backupReminderDays: optional(
      nullable(number({ key: 'errReminderDays', field: 'backupReminderDays' })),
    ),
    autoBackup: optional(boolean({ key: 'errAutoBackupFlag', field: 'autoBackup' })),
    autoBackupAttachments: optional(
      boolean({ key: 'errAutoBackupAttachmentsFlag', field: 'autoBackupAttachments' }),
    ),
    clearClipboard: optional(
      oneOf(CLEAR_CLIPBOARD_CHOICES, {
        key: 'errUnknownClearClipboard',
        field: 'clearClipboard',
      }),
    ),
  }),
  clipboardCopied: object({
    hash: text({ key: 'errClipboardHash' }),
  }),
  generatorHistory: none(),
  rememberGenerated: object({
    value: text({ key: 'errGeneratedValue', args: [MAX_GENERATED_LENGTH] }),
    kind: oneOf(['password', 'passphrase'] as const),
  }),
  clearGeneratorHistory: none(),
  rotateAccountKey: object(masterPassword),
  changeMasterPassword: object({
    masterPassword: MASTER_PASSWORD,
    newMasterPassword: newMasterPassword('newMasterPassword'),
    newMasterPasswordHint: optional(nullable(text())),
  }),
  getBackupStatus: none(),
  verifyBackup: exactlyOneOf(
    object({
      content: optional(text({ key: 'errChooseBackupFile' })),
      uploadId: optional(id(ID_REQUIRED)),
      filePassword: optional(text(FILE_PASSWORD_NOT_TEXT)),
    }),
    ['content', 'uploadId'],
    { key: 'errChooseBackupFile' },
  ),
} satisfies { [M in VaultMethod]: Shape<ParamsOf<M>> };

/** The first problem with a request's parameters for `method`; none when they fit. */
export function checkParams(method: VaultMethod, params: unknown): ShapeProblem | undefined {
  return (PARAM_SHAPES[method] as SomeShape).check(params, '');
}
