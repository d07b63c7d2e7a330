/**
 * The format registry: every format's metadata, a reader for every import format and a writer
 * for every protection an export format offers, and the popup's choices taken from it in ui.md's
 * order.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_IMPLEMENTATIONS, IMPORT_READERS } from '@/src/formats/format-implementations';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '@/src/formats/registry';

const labels = (formats: readonly { label: { text: string } }[]) =>
  formats.map((f) => f.label.text);

describe('the format registry', () => {
  it('lists the import formats with their labels, files and content, Bitwarden first', () => {
    expect(IMPORT_FORMATS.map((f) => [f.id, f.label, f.accept, f.content, f.filePassword])).toEqual(
      [
        ['bitwarden_json', { text: 'Bitwarden (json)' }, '.json,application/json', 'text', true],
        ['bitwarden_csv', { text: 'Bitwarden (csv)' }, '.csv,text/csv', 'text', false],
        ['chrome_csv', { text: 'Chrome / Edge (csv)' }, '.csv,text/csv', 'text', false],
        ['firefox_csv', { text: 'Firefox (csv)' }, '.csv,text/csv', 'text', false],
        ['safari_csv', { text: 'Safari / Passwords (csv)' }, '.csv,text/csv', 'text', false],
        ['lastpass_csv', { text: 'LastPass (csv)' }, '.csv,text/csv', 'text', false],
        ['onepassword_1pux', { text: '1Password (1pux)' }, '.1pux', 'bytes', false],
        ['keepassxc_csv', { text: 'KeePassXC (csv)' }, '.csv,text/csv', 'text', false],
        ['protonpass_csv', { text: 'Proton Pass (csv)' }, '.csv,text/csv', 'text', false],
      ],
    );
  });

  it('lists the export formats .json, .csv, .json (Encrypted) with their protections', () => {
    expect(EXPORT_FORMATS.map((f) => [f.id, f.label.text, f.content, f.protections])).toEqual([
      ['json', '.json', 'text', ['plain']],
      ['csv', '.csv', 'text', ['plain']],
      ['encrypted_json', '.json (Encrypted)', 'text', ['account', 'password']],
    ]);
  });

  it('has a reader for every import format and nothing else', () => {
    expect(Object.keys(IMPORT_READERS).sort()).toEqual(IMPORT_FORMATS.map((f) => f.id).sort());
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
    ]);
  });

  it('gives the popup its File Format choices in the registry order', () => {
    expect(labels(IMPORT_FORMATS)[0]).toBe('Bitwarden (json)');
    expect(labels(EXPORT_FORMATS)).toEqual(['.json', '.csv', '.json (Encrypted)']);
  });
});
