/**
 * Every file format Coffer reads or writes, as data (the jose habit of algorithm tables): the
 * protocol's format ids, the popup's choices in the order it lists them (ui.md), and what each
 * format's files are. Only metadata lives here, so the popup can import it without the readers
 * and writers; the background finds those by the same ids in format-implementations.ts, whose
 * types make a missing or extra format a compile error.
 */
import type { MessageKey } from '@/src/errors/coffer-error';
import type { FileProtection } from '@/src/vault/file-protection';
import type { ItemKind } from '@/src/vault/item';

/** Words in the reader's language, or a product's or extension's name written as it is. */
export type FormatLabel = { key: MessageKey } | { text: string };

export interface ImportFormatInfo {
  id: string;
  label: FormatLabel;
  /** The file chooser's `accept`. */
  accept: string;
  /**
   * Bytes cannot be pasted: the popup sends the file as an upload, in pieces (beginUpload), since
   * an archive with attachments is far larger than one message may be.
   */
  content: 'text' | 'bytes';
  /** Its files may be password protected: the popup then asks for the file password. */
  filePassword: boolean;
  /** A KeePass database: opened with a file password, a key file, or both. */
  keyFile?: true;
}

/** What Export Vault says about a protection: its radio, its warning or description, its dialog. */
export interface ProtectionWords {
  /** The radio's label when a format offers more than one protection, and the backup line's. */
  label?: MessageKey;
  /** Shown while it is chosen, as a warning. */
  warning?: MessageKey;
  /** Shown while it is chosen, as a plain description. */
  hint?: MessageKey;
  /** The confirmation dialog's words. */
  confirm: MessageKey;
}

/** The encrypted protections: a format offers `plain` alone, or only these. */
export type EncryptedProtection = Exclude<FileProtection, 'plain'>;

export interface ExportFormatInfo {
  id: string;
  label: FormatLabel;
  content: 'text' | 'bytes';
  /**
   * How its files can be protected, the first the default; `password` needs a file password. A
   * plain format has no `mode` in its export request, so it cannot be mixed with the others.
   */
  protections: readonly ['plain'] | readonly EncryptedProtection[];
  /** Warnings about its files whatever the protection, after the protection's own. */
  warnings?: readonly MessageKey[];
  /**
   * Item kinds its files cannot hold: while any are in the vault, `warning` counts them (one
   * argument per kind, in this order) before exporting.
   */
  leavesOut?: { kinds: readonly ItemKind[]; warning: MessageKey };
  /** Where its files need other words than EXPORT_PROTECTIONS' for a protection. */
  protectionWords?: { readonly [P in FileProtection]?: Partial<ProtectionWords> };
  /** Its files carry the items' attachments (Export Vault asks what to do with unreadable ones). */
  attachments?: true;
  /**
   * A `.kdbx`: its key is always derived with Argon2id (the account's settings, else KeePassXC's
   * defaults), so Export Vault offers the cipher instead of the KDF.
   */
  kdbx?: true;
}

/** A `.kdbx`'s ciphers, as Export Vault offers them (the first the default). */
export const KDBX_CIPHERS = ['aes256', 'chacha20'] as const;
export type KdbxCipher = (typeof KDBX_CIPHERS)[number];

/** The words of each protection, for every format that does not say otherwise. */
export const EXPORT_PROTECTIONS: { readonly [P in FileProtection]: ProtectionWords } = {
  plain: { warning: 'plainExportWarning', confirm: 'confirmPlainExport' },
  account: {
    label: 'accountRestricted',
    warning: 'accountRestrictedWarning',
    confirm: 'confirmAccountExport',
  },
  password: {
    label: 'passwordProtected',
    hint: 'passwordProtectedDescription',
    confirm: 'confirmPasswordExport',
  },
};

const CSV = '.csv,text/csv';
/** A `.zip (with attachments)`, Bitwarden's or Coffer's, or Coffer's encrypted archive. */
const ARCHIVE = '.zip,.coffer,application/zip';

/**
 * Import Data's `File Format` choices: Bitwarden (json), Bitwarden (csv), the archives with
 * attachments, then other managers.
 */
export const IMPORT_FORMATS = [
  {
    id: 'bitwarden_json',
    label: { text: 'Bitwarden (json)' },
    accept: '.json,application/json',
    content: 'text',
    filePassword: true,
  },
  {
    id: 'bitwarden_csv',
    label: { text: 'Bitwarden (csv)' },
    accept: CSV,
    content: 'text',
    filePassword: false,
  },
  // One reader serves both (format-implementations.ts): it tells the files apart by their first
  // bytes, so Coffer's zip chosen as `Bitwarden (zip)` is read all the same.
  {
    id: 'bitwarden_zip',
    label: { text: 'Bitwarden (zip)' },
    accept: ARCHIVE,
    content: 'bytes',
    filePassword: true,
  },
  {
    id: 'coffer_zip',
    label: { text: 'Coffer (zip)' },
    accept: ARCHIVE,
    content: 'bytes',
    filePassword: true,
  },
  {
    id: 'chrome_csv',
    label: { text: 'Chrome / Edge (csv)' },
    accept: CSV,
    content: 'text',
    filePassword: false,
  },
  {
    id: 'firefox_csv',
    label: { text: 'Firefox (csv)' },
    accept: CSV,
    content: 'text',
    filePassword: false,
  },
  {
    id: 'safari_csv',
    label: { text: 'Safari / Passwords (csv)' },
    accept: CSV,
    content: 'text',
    filePassword: false,
  },
  {
    id: 'lastpass_csv',
    label: { text: 'LastPass (csv)' },
    accept: CSV,
    content: 'text',
    filePassword: false,
  },
  {
    id: 'onepassword_1pux',
    label: { text: '1Password (1pux)' },
    accept: '.1pux',
    content: 'bytes',
    filePassword: false,
  },
  {
    id: 'keepass_kdbx',
    label: { text: 'KeePass (kdbx)' },
    accept: '.kdbx',
    content: 'bytes',
    filePassword: true,
    keyFile: true,
  },
  {
    id: 'keepassxc_csv',
    label: { text: 'KeePassXC (csv)' },
    accept: CSV,
    content: 'text',
    filePassword: false,
  },
  {
    id: 'protonpass_csv',
    label: { text: 'Proton Pass (csv)' },
    accept: CSV,
    content: 'text',
    filePassword: false,
  },
] as const satisfies readonly ImportFormatInfo[];

/** Export Vault's `File Format` choices, in the order ui.md lists them. */
export const EXPORT_FORMATS = [
  { id: 'json', label: { text: '.json' }, content: 'text', protections: ['plain'] },
  {
    id: 'csv',
    label: { text: '.csv' },
    content: 'text',
    protections: ['plain'],
    // The file stays byte-identical to Bitwarden's, which leaves formula-like cells as they are.
    warnings: ['csvFormulaWarning'],
    leavesOut: {
      kinds: ['card', 'identity', 'sshKey', 'bankAccount', 'driversLicense', 'passport'],
      warning: 'csvLeavesOut',
    },
  },
  {
    id: 'encrypted_json',
    label: { text: '.json (Encrypted)' },
    content: 'text',
    protections: ['account', 'password'],
  },
  {
    id: 'zip',
    label: { text: '.zip (with attachments)' },
    content: 'bytes',
    protections: ['plain'],
    attachments: true,
  },
  {
    id: 'encrypted_zip',
    label: { text: '.zip (Encrypted, with attachments)' },
    content: 'bytes',
    // Password first, its default: the account-restricted one is mainly the automatic backup's.
    protections: ['password', 'account'],
    attachments: true,
    protectionWords: {
      password: { hint: 'encryptedArchiveDescription' },
      account: { hint: 'encryptedArchiveAccountDescription' },
    },
  },
  {
    id: 'kdbx',
    label: { text: '.kdbx (Encrypted)' },
    content: 'bytes',
    protections: ['password'],
    attachments: true,
    kdbx: true,
    protectionWords: { password: { hint: 'kdbxExportDescription' } },
  },
] as const satisfies readonly ExportFormatInfo[];

type ImportFormat = (typeof IMPORT_FORMATS)[number];
type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ImportFormatId = ImportFormat['id'];
export type ExportFormatId = ExportFormat['id'];
/** The protections a format is written with, by its id. */
export type ProtectionsOf<F extends ExportFormatId> = Extract<
  ExportFormat,
  { id: F }
>['protections'][number];

export function importFormat(id: ImportFormatId): ImportFormat {
  return IMPORT_FORMATS.find((f) => f.id === id)!;
}

/** A format's row, seen through what every row may say (its optional properties included). */
export function exportFormat(id: ExportFormatId): ExportFormatInfo {
  return EXPORT_FORMATS.find((f) => f.id === id)!;
}

/** What Export Vault says about `protection` of `format`: the format's own words first. */
export function protectionWords(
  format: ExportFormatInfo,
  protection: FileProtection,
): ProtectionWords {
  return { ...EXPORT_PROTECTIONS[protection], ...format.protectionWords?.[protection] };
}
