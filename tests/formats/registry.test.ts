/**
 * The format registry: every format's metadata, a reader for every import format and a writer
 * for every protection an export format offers, and the popup's choices taken from it in ui.md's
 * order.
 */
import { describe, expect, it } from 'vitest';
import { isCsvExportable } from '@/src/formats/export-csv';
import { EXPORT_IMPLEMENTATIONS, IMPORT_READERS } from '@/src/formats/format-implementations';
import {
  EXPORT_FORMATS,
  EXPORT_PROTECTIONS,
  IMPORT_FORMATS,
  exportFormat,
  protectionWords,
  type ExportFormatInfo,
} from '@/src/formats/registry';
import { ITEM_TYPE, type Item, type ItemKind } from '@/src/vault/item';

const labels = (formats: readonly { label: { text: string } }[]) =>
  formats.map((f) => f.label.text);

describe('the format registry', () => {
  it('lists the import formats with their labels, files and content, Bitwarden first', () => {
    const ARCHIVE_ACCEPT = '.zip,.coffer,application/zip';
    expect(IMPORT_FORMATS.map((f) => [f.id, f.label, f.accept, f.content, f.filePassword])).toEqual(
      [
        ['bitwarden_json', { text: 'Bitwarden (json)' }, '.json,application/json', 'text', true],
        ['bitwarden_csv', { text: 'Bitwarden (csv)' }, '.csv,text/csv', 'text', false],
        ['bitwarden_zip', { text: 'Bitwarden (zip)' }, ARCHIVE_ACCEPT, 'bytes', true],
        ['coffer_zip', { text: 'Coffer (zip)' }, ARCHIVE_ACCEPT, 'bytes', true],
        ['chrome_csv', { text: 'Chrome / Edge (csv)' }, '.csv,text/csv', 'text', false],
        ['firefox_csv', { text: 'Firefox (csv)' }, '.csv,text/csv', 'text', false],
        ['safari_csv', { text: 'Safari / Passwords (csv)' }, '.csv,text/csv', 'text', false],
        ['lastpass_csv', { text: 'LastPass (csv)' }, '.csv,text/csv', 'text', false],
        ['onepassword_1pux', { text: '1Password (1pux)' }, '.1pux', 'bytes', false],
        ['keepass_kdbx', { text: 'KeePass (kdbx)' }, '.kdbx', 'bytes', true],
        ['keepassxc_csv', { text: 'KeePassXC (csv)' }, '.csv,text/csv', 'text', false],
        ['protonpass_csv', { text: 'Proton Pass (csv)' }, '.csv,text/csv', 'text', false],
      ],
    );
  });

  it('lists the export formats in ui.md’s order with their protections, the first the default', () => {
    expect(EXPORT_FORMATS.map((f) => [f.id, f.label.text, f.content, f.protections])).toEqual([
      ['json', '.json', 'text', ['plain']],
      ['csv', '.csv', 'text', ['plain']],
      ['encrypted_json', '.json (Encrypted)', 'text', ['account', 'password']],
      ['zip', '.zip (with attachments)', 'bytes', ['plain']],
      ['encrypted_zip', '.zip (Encrypted, with attachments)', 'bytes', ['password', 'account']],
      ['kdbx', '.kdbx (Encrypted)', 'bytes', ['password']],
    ]);
    expect(EXPORT_FORMATS.filter((f) => 'attachments' in f).map((f) => f.id)).toEqual([
      'zip',
      'encrypted_zip',
      'kdbx',
    ]);
    // Only KeePass takes a key file.
    expect(IMPORT_FORMATS.filter((f) => 'keyFile' in f).map((f) => f.id)).toEqual(['keepass_kdbx']);
  });

  it('has a reader for every import format and nothing else', () => {
    expect(Object.keys(IMPORT_READERS).sort()).toEqual(IMPORT_FORMATS.map((f) => f.id).sort());
    // Both archive formats read every archive: the reader tells them apart by their bytes.
    expect(IMPORT_READERS.coffer_zip).toBe(IMPORT_READERS.bitwarden_zip);
    for (const reader of Object.values(IMPORT_READERS)) {
      expect(typeof reader.open).toBe('function');
      expect(typeof reader.read).toBe('function');
    }
  });

  it('has a writer for every protection an export format offers, with its file type', () => {
    expect(Object.keys(EXPORT_IMPLEMENTATIONS)).toEqual(EXPORT_FORMATS.map((f) => f.id));
    for (const format of EXPORT_FORMATS) {
      const implementation = EXPORT_IMPLEMENTATIONS[format.id];
      expect(Object.keys(implementation.writers).sort()).toEqual([...format.protections].sort());
    }
    expect(Object.values(EXPORT_IMPLEMENTATIONS).map((i) => [i.extension, i.mimeType])).toEqual([
      ['json', 'application/json'],
      ['csv', 'text/csv'],
      ['json', 'application/json'],
      ['zip', 'application/zip'],
      ['coffer', 'application/octet-stream'],
      ['kdbx', 'application/octet-stream'],
    ]);
  });

  it('seals the file of every format offering a file password: a sink, or an archive that seals itself', () => {
    for (const format of EXPORT_FORMATS) {
      const implementation = EXPORT_IMPLEMENTATIONS[format.id];
      const offersPassword = (format.protections as readonly string[]).includes('password');
      const hasSeal = 'seal' in implementation && typeof implementation.seal === 'function';
      const hasArchive = typeof implementation.archive === 'function';
      expect(hasSeal || (offersPassword && hasArchive)).toBe(offersPassword);
      expect(hasArchive).toBe('attachments' in format);
    }
    // The archives carry attachments; a plain one writes its zip, an encrypted one seals itself.
    expect(
      Object.keys(EXPORT_IMPLEMENTATIONS).filter(
        (id) => 'archive' in EXPORT_IMPLEMENTATIONS[id as keyof typeof EXPORT_IMPLEMENTATIONS],
      ),
    ).toEqual(['zip', 'encrypted_zip', 'kdbx']);
  });

  it('words the encrypted archive’s protections its own way', () => {
    const archive = exportFormat('encrypted_zip');
    expect(protectionWords(archive, 'password')).toEqual({
      ...EXPORT_PROTECTIONS.password,
      hint: 'encryptedArchiveDescription',
    });
    expect(protectionWords(archive, 'account')).toEqual({
      ...EXPORT_PROTECTIONS.account,
      hint: 'encryptedArchiveAccountDescription',
    });
  });

  it('says which item kinds .csv leaves out, as its writer leaves them out', () => {
    const csv = exportFormat('csv');
    expect(csv.leavesOut).toEqual({
      kinds: ['card', 'identity', 'sshKey', 'bankAccount', 'driversLicense', 'passport'],
      warning: 'csvLeavesOut',
    });
    for (const [kind, type] of Object.entries(ITEM_TYPE) as [ItemKind, Item['type']][]) {
      expect(isCsvExportable({ type } as Item)).toBe(!csv.leavesOut!.kinds.includes(kind));
    }
    expect(EXPORT_FORMATS.filter((f) => 'leavesOut' in f).map((f) => f.id)).toEqual(['csv']);
  });

  it('words each protection, and lets a format word one its own way', () => {
    expect(EXPORT_PROTECTIONS).toEqual({
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
    });
    expect(protectionWords(exportFormat('encrypted_json'), 'password')).toEqual(
      EXPORT_PROTECTIONS.password,
    );
    const kdbx: ExportFormatInfo = {
      id: 'kdbx',
      label: { text: '.kdbx (Encrypted)' },
      content: 'bytes',
      protections: ['password'],
      protectionWords: { password: { hint: 'fileFormat' } },
    };
    expect(protectionWords(kdbx, 'password')).toEqual({
      ...EXPORT_PROTECTIONS.password,
      hint: 'fileFormat',
    });
  });

  it('gives the popup its File Format choices in the registry order', () => {
    expect(labels(IMPORT_FORMATS)[0]).toBe('Bitwarden (json)');
    expect(labels(EXPORT_FORMATS)).toEqual([
      '.json',
      '.csv',
      '.json (Encrypted)',
      '.zip (with attachments)',
      '.zip (Encrypted, with attachments)',
      '.kdbx (Encrypted)',
    ]);
  });
});
