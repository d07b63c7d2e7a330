/**
 * Export Vault's form as data: what a person has chosen and typed, the reducer that changes it,
 * and the rules the view shows and checks, all read from the format registry (registry.ts). No
 * Preact and no browser here, so every rule is unit tested on its own
 * (tests/popup/export-form.test.ts); ExportVaultView is the markup around it.
 */
import { DEFAULT_ARGON2ID, DEFAULT_PBKDF2, type KdfConfig } from '@/src/crypto/kdf-config';
import { CofferError, type MessageKey } from '@/src/errors/coffer-error';
import type { ErrorKeyWithCode } from '@/src/errors/error-codes';
import {
  EXPORT_FORMATS,
  EXPORT_PROTECTIONS,
  exportFormat,
  protectionWords,
  type EncryptedProtection,
  type ExportFormatId,
  type ExportFormatInfo,
  type FormatLabel,
  type KdbxCipher,
} from '@/src/formats/registry';
import type {
  ExportInfo,
  ExportRequest,
  ExportScope,
  UnreadablePolicy,
} from '@/src/protocol/vault-api';
import type { BackupEntry } from '@/src/vault/backup-entry';
import type { FileProtection } from '@/src/vault/file-protection';
import { generatePassword } from '@/src/vault/password-generator';
import { MIN_FILE_PASSWORD_LENGTH } from '@/src/vault/policy';

/** The file's KDF: the account's settings, or one of the defaults by name. */
export type FileKdfChoice = 'account' | KdfConfig['type'];

/** The `File KDF` choices after `account`, with the settings each one stands for. */
export const FILE_KDF_DEFAULTS: { readonly [T in KdfConfig['type']]: KdfConfig } = {
  pbkdf2: DEFAULT_PBKDF2,
  argon2id: DEFAULT_ARGON2ID,
};

export type ScopeKind = ExportScope['kind'];

/** Long enough to be far beyond guessing, short enough to copy into a password manager. */
const GENERATED_FILE_PASSWORD_LENGTH = 24;

export interface ExportForm {
  format: ExportFormatId;
  /**
   * The protection chosen among a format's several; one that offers a single one ignores it.
   * Null until a person chooses: each format then opens with its own default (its first).
   */
  mode: EncryptedProtection | null;
  filePassword: string;
  confirmFilePassword: string;
  /** The last generated file password, shown while the field still holds it. */
  generated: string | null;
  fileKdf: FileKdfChoice;
  /** A `.kdbx`'s cipher. */
  cipher: KdbxCipher;
  masterPassword: string;
  scope: ScopeKind;
  /** The folder of a one-folder export; '' for the items in no folder. */
  folderId: string;
  /** The ids of a choice of items, in the order they were ticked. */
  chosen: readonly string[];
  /** A backup with attachments: what to do about one that cannot be read. */
  unreadable: UnreadablePolicy;
}

/** A change to the fields a person edits directly; the others change through their own actions. */
export type ExportFormEdit = Partial<Omit<ExportForm, 'generated' | 'chosen'>>;

export type ExportFormAction =
  | { type: 'edit'; change: ExportFormEdit }
  | { type: 'choose'; id: string; on: boolean }
  /** A generated file password goes into both fields and is shown until one of them changes. */
  | { type: 'generated'; password: string }
  /** The request left: the master password is used once, whatever the answer. */
  | { type: 'sent' }
  /** The file was saved: its password is not needed on screen any more. */
  | { type: 'exported' };

/** The form as it opens: the first format, or a password-protected file after a key rotation. */
export function initialExportForm(passwordProtected = false): ExportForm {
  const format = passwordProtected
    ? EXPORT_FORMATS.find((f) => offers(f, 'password'))!.id
    : EXPORT_FORMATS[0].id;
  return {
    format,
    mode: passwordProtected ? 'password' : null,
    filePassword: '',
    confirmFilePassword: '',
    generated: null,
    fileKdf: 'account',
    cipher: 'aes256',
    masterPassword: '',
    scope: 'all',
    folderId: '',
    chosen: [],
    unreadable: 'skip',
  };
}

export function exportFormReducer(form: ExportForm, action: ExportFormAction): ExportForm {
  switch (action.type) {
    case 'edit':
      return { ...form, ...action.change };
    case 'choose': {
      const others = form.chosen.filter((id) => id !== action.id);
      return { ...form, chosen: action.on ? [...others, action.id] : others };
    }
    case 'generated':
      return {
        ...form,
        filePassword: action.password,
        confirmFilePassword: action.password,
        generated: action.password,
      };
    case 'sent':
      return { ...form, masterPassword: '' };
    case 'exported':
      return { ...form, filePassword: '', confirmFilePassword: '' };
  }
}

/** A strong file password, for the `Generate file password` button. */
export function generateFilePassword(): string {
  return generatePassword({
    length: GENERATED_FILE_PASSWORD_LENGTH,
    uppercase: true,
    lowercase: true,
    numbers: true,
    special: true,
    avoidAmbiguous: true,
  });
}

function offers(format: ExportFormatInfo, protection: FileProtection): boolean {
  return (format.protections as readonly FileProtection[]).includes(protection);
}

/** How the file will be protected: the chosen mode if the format offers it, else its first. */
export function protectionOf(form: ExportForm, format = exportFormat(form.format)): FileProtection {
  return form.mode !== null && offers(format, form.mode) ? form.mode : format.protections[0]!;
}

/** The `Export type` radios: the format's protections when it offers a choice, else none. */
export function modeChoices(format: ExportFormatInfo): readonly EncryptedProtection[] {
  return format.protections.length > 1
    ? (format.protections as readonly EncryptedProtection[])
    : [];
}

/** A line the view shows about the chosen format and protection. */
export interface ExportNote {
  kind: 'warning' | 'hint';
  key: MessageKey;
  args: number[];
}

/**
 * What the view says before exporting, in order: the protection's warning or description, the
 * format's warnings, and how many items of each kind the format would leave out (only once the
 * vault's counts are known, and only when there are any).
 */
export function exportNotes(
  format: ExportFormatInfo,
  protection: FileProtection,
  counts: ExportInfo['counts'] | null,
): ExportNote[] {
  const words = protectionWords(format, protection);
  const notes: ExportNote[] = [];
  if (words.warning) notes.push({ kind: 'warning', key: words.warning, args: [] });
  if (words.hint) notes.push({ kind: 'hint', key: words.hint, args: [] });
  for (const key of format.warnings ?? []) notes.push({ kind: 'warning', key, args: [] });
  const leftOut = format.leavesOut?.kinds.map((kind) => counts?.[kind] ?? 0) ?? [];
  if (format.leavesOut && leftOut.some((n) => n > 0)) {
    notes.push({ kind: 'warning', key: format.leavesOut.warning, args: leftOut });
  }
  return notes;
}

/** The confirmation dialog's words for a request about to be sent. */
export function confirmWords(request: ExportRequest): MessageKey {
  const protection: FileProtection = 'mode' in request ? request.mode : 'plain';
  return protectionWords(exportFormat(request.format), protection).confirm;
}

/** How the last-export line names a backup's kind: a plain file's format, else its protection. */
export function backupKindLabel(entry: Pick<BackupEntry, 'format' | 'kind'>): FormatLabel {
  if (entry.kind !== 'plain') return { key: EXPORT_PROTECTIONS[entry.kind].label! };
  // A backup the history kept from a format since retired still has a name.
  return EXPORT_FORMATS.find((f) => f.id === entry.format)?.label ?? { text: `.${entry.format}` };
}

export function scopeOf(form: ExportForm): ExportScope {
  switch (form.scope) {
    case 'all':
      return { kind: 'all' };
    case 'folder':
      return { kind: 'folder', folderId: form.folderId === '' ? null : form.folderId };
    case 'items':
      return { kind: 'items', ids: [...form.chosen] };
  }
}

export type BuiltRequest = { ok: true; request: ExportRequest } | { ok: false; error: CofferError };

/**
 * The request the view sends, or the first problem with what was typed, checked in the order a
 * person reads the form's problems: the master password, the choice of items, then the file
 * password and its confirmation. The background checks the same values again.
 */
export function buildExportRequest(
  form: ExportForm,
  format = exportFormat(form.format),
): BuiltRequest {
  const refuse = (key: ErrorKeyWithCode<'ERR_INVALID_INPUT'>, ...args: number[]): BuiltRequest => ({
    ok: false,
    error: new CofferError(key, { args }),
  });
  const { masterPassword } = form;
  if (masterPassword === '') return refuse('enterMasterPassword');
  const scope = scopeOf(form);
  if (scope.kind === 'items' && scope.ids.length === 0) return refuse('chooseItems');
  const protection = protectionOf(form, format);
  const base = {
    format: format.id,
    masterPassword,
    scope,
    ...(format.attachments ? { unreadable: form.unreadable } : {}),
  };
  // The registry row offers `protection` (protectionOf chose it there), which is what makes
  // each of these a member of ExportRequest.
  if (protection === 'plain') return { ok: true, request: base as ExportRequest };
  if (protection === 'account') {
    return { ok: true, request: { ...base, mode: 'account' } as ExportRequest };
  }
  const { filePassword } = form;
  // Code points, as the background counts them: an emoji is one character.
  if ([...filePassword].length < MIN_FILE_PASSWORD_LENGTH) {
    return refuse('filePasswordTooShort', MIN_FILE_PASSWORD_LENGTH);
  }
  if (filePassword !== form.confirmFilePassword) return refuse('filePasswordsDiffer');
  // A `.kdbx` always derives with Argon2id (the background picks its settings); it asks for
  // its cipher instead.
  const kdf =
    format.kdbx || form.fileKdf === 'account' ? undefined : FILE_KDF_DEFAULTS[form.fileKdf];
  return {
    ok: true,
    request: {
      ...base,
      mode: 'password',
      filePassword,
      ...(kdf ? { kdf } : {}),
      ...(format.kdbx ? { cipher: form.cipher } : {}),
    } as ExportRequest,
  };
}
