/**
 * Export Vault's form rules without a view: the protection a choice means, what is said before
 * exporting, the request built, and the first problem with what was typed. A hypothetical
 * password-only binary format (the .kdbx of ui.md's second round) shows that a registry row is
 * all a new format needs here.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGON2ID, DEFAULT_PBKDF2 } from '@/src/crypto/kdf-config';
import { exportFormat, type ExportFormatId, type ExportFormatInfo } from '@/src/formats/registry';
import type { ExportInfo } from '@/src/protocol/vault-api';
import { MIN_FILE_PASSWORD_LENGTH } from '@/src/vault/policy';
import {
  backupKindLabel,
  buildExportRequest,
  confirmWords,
  exportFormReducer,
  exportNotes,
  generateFilePassword,
  initialExportForm,
  modeChoices,
  protectionOf,
  scopeOf,
  type ExportForm,
  type ExportFormAction,
  type ExportFormEdit,
} from '@/src/popup/views/export-form';

const COUNTS: ExportInfo['counts'] = {
  login: 3,
  secureNote: 1,
  card: 2,
  identity: 0,
  sshKey: 1,
  bankAccount: 0,
  driversLicense: 0,
  passport: 0,
};

/** A password-only, binary format as the registry could list it. */
const KDBX: ExportFormatInfo = {
  id: 'kdbx',
  label: { text: '.kdbx (Encrypted)' },
  content: 'bytes',
  protections: ['password'],
  leavesOut: { kinds: ['sshKey'], warning: 'csvLeavesOut' },
  protectionWords: { password: { hint: 'keepFilePassword' } },
};

function formWith(...actions: ExportFormAction[]): ExportForm {
  return actions.reduce(exportFormReducer, initialExportForm());
}

const edit = (change: ExportFormEdit): ExportFormAction => ({ type: 'edit', change });
const ready = (change: ExportFormEdit = {}) =>
  formWith(edit({ masterPassword: 'master password', ...change }));
const passwordForm = (filePassword: string, confirmFilePassword = filePassword) =>
  ready({ format: 'encrypted_json', mode: 'password', filePassword, confirmFilePassword });

describe('the Export Vault form', () => {
  it('opens on the first format, or on a password-protected file after a key rotation', () => {
    // No protection chosen yet: each format shows its own default.
    expect(initialExportForm()).toMatchObject({ format: 'json', mode: null, scope: 'all' });
    const protectedForm = initialExportForm(true);
    expect(protectedForm).toMatchObject({ format: 'encrypted_json', mode: 'password' });
    expect(protectionOf(protectedForm)).toBe('password');
  });

  it('protects by the chosen mode where the format offers it, else by the format’s own', () => {
    expect(protectionOf(formWith(edit({ mode: 'password' })))).toBe('plain');
    expect(protectionOf(formWith(edit({ format: 'encrypted_json' })))).toBe('account');
    expect(protectionOf(formWith(edit({ format: 'encrypted_zip' })))).toBe('password');
    const form = formWith(edit({ format: 'encrypted_json', mode: 'password' }));
    expect(protectionOf(form)).toBe('password');
    // The choice outlives a look at another format.
    expect(protectionOf(exportFormReducer(form, edit({ format: 'csv' })))).toBe('plain');
    expect(protectionOf(exportFormReducer(form, edit({ format: 'json' })))).toBe('plain');
    expect(protectionOf(form, KDBX)).toBe('password');
    expect(protectionOf(formWith(edit({ mode: 'account' })), KDBX)).toBe('password');
    // A chosen account restriction goes along to the archive, which offers it too.
    const account = formWith(edit({ format: 'encrypted_json', mode: 'account' }));
    expect(protectionOf(exportFormReducer(account, edit({ format: 'encrypted_zip' })))).toBe(
      'account',
    );
  });

  it('offers the Export type radios only for a format with more than one protection', () => {
    expect(modeChoices(exportFormat('encrypted_json'))).toEqual(['account', 'password']);
    expect(modeChoices(exportFormat('encrypted_zip'))).toEqual(['password', 'account']);
    expect(modeChoices(exportFormat('json'))).toEqual([]);
    expect(modeChoices(exportFormat('zip'))).toEqual([]);
    expect(modeChoices(exportFormat('csv'))).toEqual([]);
    expect(modeChoices(KDBX)).toEqual([]);
  });

  describe('says before exporting', () => {
    const notes = (id: ExportFormatId, protection: 'plain' | 'account' | 'password') =>
      exportNotes(exportFormat(id), protection, COUNTS);

    it('that a plain .json is unencrypted', () => {
      expect(notes('json', 'plain')).toEqual([
        { kind: 'warning', key: 'plainExportWarning', args: [] },
      ]);
    });

    it('for .csv: unencrypted, formulas, and how many cards, identities and SSH keys it leaves out', () => {
      expect(notes('csv', 'plain')).toEqual([
        { kind: 'warning', key: 'plainExportWarning', args: [] },
        { kind: 'warning', key: 'csvFormulaWarning', args: [] },
        { kind: 'warning', key: 'csvLeavesOut', args: [2, 0, 1, 0, 0, 0] },
      ]);
    });

    it('nothing about left-out items while the counts are unknown or all zero', () => {
      const csv = exportFormat('csv');
      const none = { ...COUNTS, card: 0, identity: 0, sshKey: 0 };
      for (const counts of [null, none]) {
        expect(exportNotes(csv, 'plain', counts).map((n) => n.key)).toEqual([
          'plainExportWarning',
          'csvFormulaWarning',
        ]);
      }
    });

    it('the account-restricted warning, or the password-protected description', () => {
      expect(notes('encrypted_json', 'account')).toEqual([
        { kind: 'warning', key: 'accountRestrictedWarning', args: [] },
      ]);
      expect(notes('encrypted_json', 'password')).toEqual([
        { kind: 'hint', key: 'passwordProtectedDescription', args: [] },
      ]);
    });

    it('for the encrypted archive, what each protection means for it', () => {
      expect(notes('encrypted_zip', 'password')).toEqual([
        { kind: 'hint', key: 'encryptedArchiveDescription', args: [] },
      ]);
      expect(notes('encrypted_zip', 'account')).toEqual([
        { kind: 'warning', key: 'accountRestrictedWarning', args: [] },
        { kind: 'hint', key: 'encryptedArchiveAccountDescription', args: [] },
      ]);
    });

    it('a new format’s own words for its protection, and what it leaves out', () => {
      expect(exportNotes(KDBX, 'password', COUNTS)).toEqual([
        { kind: 'hint', key: 'keepFilePassword', args: [] },
        { kind: 'warning', key: 'csvLeavesOut', args: [1] },
      ]);
    });
  });

  describe('builds the request', () => {
    it('for a plain file, with the whole vault by default', () => {
      expect(buildExportRequest(ready({ format: 'csv' }))).toEqual({
        ok: true,
        request: { format: 'csv', masterPassword: 'master password', scope: { kind: 'all' } },
      });
    });

    it('for an account-restricted file', () => {
      expect(buildExportRequest(ready({ format: 'encrypted_json' }))).toEqual({
        ok: true,
        request: {
          format: 'encrypted_json',
          mode: 'account',
          masterPassword: 'master password',
          scope: { kind: 'all' },
        },
      });
    });

    it('for an account-restricted encrypted archive, with what to do about unreadable attachments', () => {
      expect(
        buildExportRequest(ready({ format: 'encrypted_zip', mode: 'account', unreadable: 'stop' })),
      ).toEqual({
        ok: true,
        request: {
          format: 'encrypted_zip',
          mode: 'account',
          masterPassword: 'master password',
          scope: { kind: 'all' },
          unreadable: 'stop',
        },
      });
      // Its default is a file password, which must then be typed.
      expect(buildExportRequest(ready({ format: 'encrypted_zip' }))).toMatchObject({
        ok: false,
        error: { key: 'filePasswordTooShort' },
      });
    });

    it('for a password-protected file, with the chosen file KDF or none for the account’s', () => {
      const form = passwordForm('a long file password');
      const request = {
        format: 'encrypted_json',
        mode: 'password',
        masterPassword: 'master password',
        filePassword: 'a long file password',
        scope: { kind: 'all' },
      };
      expect(buildExportRequest(form)).toEqual({ ok: true, request });
      expect(buildExportRequest({ ...form, fileKdf: 'pbkdf2' })).toEqual({
        ok: true,
        request: { ...request, kdf: DEFAULT_PBKDF2 },
      });
      expect(buildExportRequest({ ...form, fileKdf: 'argon2id' })).toEqual({
        ok: true,
        request: { ...request, kdf: DEFAULT_ARGON2ID },
      });
    });

    it('for a new password-only format, from its registry row alone', () => {
      const form = passwordForm('a long file password');
      expect(buildExportRequest({ ...form, mode: 'account' }, KDBX)).toMatchObject({
        ok: true,
        request: { format: 'kdbx', mode: 'password', filePassword: 'a long file password' },
      });
    });

    it('for one folder (none: the items in no folder) or a choice of items', () => {
      expect(scopeOf(ready({ scope: 'folder', folderId: 'f1' }))).toEqual({
        kind: 'folder',
        folderId: 'f1',
      });
      expect(scopeOf(ready({ scope: 'folder' }))).toEqual({ kind: 'folder', folderId: null });
      const chosen = formWith(
        edit({ scope: 'items' }),
        { type: 'choose', id: 'b', on: true },
        { type: 'choose', id: 'a', on: true },
        { type: 'choose', id: 'c', on: true },
        { type: 'choose', id: 'b', on: false },
        { type: 'choose', id: 'a', on: true },
      );
      expect(scopeOf(chosen)).toEqual({ kind: 'items', ids: ['c', 'a'] });
    });
  });

  describe('refuses, first problem first', () => {
    const problem = (form: ExportForm) => {
      const built = buildExportRequest(form);
      if (built.ok) throw new Error('expected a refusal');
      return { code: built.error.code, key: built.error.key, args: built.error.args };
    };

    it('a blank master password before anything else', () => {
      const form = {
        ...passwordForm('short', 'other'),
        masterPassword: '',
        scope: 'items' as const,
      };
      expect(problem(form)).toEqual({
        code: 'ERR_INVALID_INPUT',
        key: 'enterMasterPassword',
        args: [],
      });
    });

    it('an empty choice of items', () => {
      expect(problem(ready({ scope: 'items' })).key).toBe('chooseItems');
    });

    it('a file password shorter than the minimum, counted in characters', () => {
      const short = '🔑'.repeat(MIN_FILE_PASSWORD_LENGTH - 1);
      expect(problem(passwordForm(short))).toMatchObject({
        key: 'filePasswordTooShort',
        args: [MIN_FILE_PASSWORD_LENGTH],
      });
      // Each emoji is two UTF-16 units but one character: long enough at the minimum.
      expect(buildExportRequest(passwordForm('🔑'.repeat(MIN_FILE_PASSWORD_LENGTH))).ok).toBe(true);
    });

    it('a confirmation that differs from the file password', () => {
      expect(problem(passwordForm('first file password', 'second file password')).key).toBe(
        'filePasswordsDiffer',
      );
    });

    it('nothing about file passwords when the file has none', () => {
      expect(buildExportRequest({ ...passwordForm('x', 'y'), mode: 'account' }).ok).toBe(true);
      expect(buildExportRequest({ ...passwordForm('x', 'y'), format: 'json' }).ok).toBe(true);
    });
  });

  it('puts a generated file password in both fields and shows it', () => {
    const password = generateFilePassword();
    expect([...password]).toHaveLength(24);
    const form = formWith({ type: 'generated', password });
    expect(form).toMatchObject({
      filePassword: password,
      confirmFilePassword: password,
      generated: password,
    });
  });

  it('forgets the master password once sent, and the file password once saved', () => {
    const form = passwordForm('a long file password');
    const sent = exportFormReducer(form, { type: 'sent' });
    expect(sent).toMatchObject({ masterPassword: '', filePassword: 'a long file password' });
    expect(exportFormReducer(sent, { type: 'exported' })).toMatchObject({
      masterPassword: '',
      filePassword: '',
      confirmFilePassword: '',
      format: 'encrypted_json',
      mode: 'password',
    });
  });

  it('confirms with the words of the request’s protection', () => {
    const built = (form: ExportForm) => {
      const result = buildExportRequest(form);
      if (!result.ok) throw result.error;
      return result.request;
    };
    expect(confirmWords(built(ready()))).toBe('confirmPlainExport');
    expect(confirmWords(built(ready({ format: 'csv' })))).toBe('confirmPlainExport');
    expect(confirmWords(built(ready({ format: 'encrypted_json' })))).toBe('confirmAccountExport');
    expect(confirmWords(built(passwordForm('a long file password')))).toBe('confirmPasswordExport');
  });

  it('names a backup in the last-export line by its format when plain, else its protection', () => {
    expect(backupKindLabel({ format: 'csv', kind: 'plain' })).toEqual({ text: '.csv' });
    expect(backupKindLabel({ format: 'encrypted_json', kind: 'account' })).toEqual({
      key: 'accountRestricted',
    });
    expect(backupKindLabel({ format: 'encrypted_json', kind: 'password' })).toEqual({
      key: 'passwordProtected',
    });
    expect(backupKindLabel({ format: 'xml' as ExportFormatId, kind: 'plain' })).toEqual({
      text: '.xml',
    });
  });
});
