/**
 * Errors speak the popup's language: the background sends a key of messages.json and its
 * substitutions, never finished English sentences, and the popup words them through browser.i18n.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import english from '@/public/_locales/en/messages.json';
import german from '@/public/_locales/de/messages.json';
import { assertKdfWithinBounds } from '@/src/crypto/kdf-bounds';
import { CofferError } from '@/src/errors/coffer-error';
import { errorText, inputError } from '@/src/popup/error-text';
import type { Handlers, VaultApi } from '@/src/protocol/vault-api';
import { loopbackClient } from '../helpers/loopback';

describe('error words', () => {
  it('are the English of messages.json, numbers written for the reader', () => {
    const error = new CofferError('errTooManyItems', {
      args: [12345, 10000],
      field: 'items',
    });
    expect(error.message).toBe('The file has 12,345 items; Coffer imports at most 10,000.');
    expect(errorText(error)).toBe(
      'The file has 12,345 items; Coffer imports at most 10,000. (items)',
    );
  });

  it('name the place in the file in words, and the field as the file writes it', () => {
    const error = new CofferError('errCsvReprompt', {
      args: ['2'],
      place: { row: 1234, column: 'reprompt' },
    });
    expect(error.where).toBe('row 1,234, column reprompt');
    expect(errorText(error)).toBe(
      'Re-prompt must be 0 or 1, not "2". (row 1,234, column reprompt)',
    );
    const inItem = new CofferError('errExpectedDate', {
      args: ['"soon"'],
      field: 'revisionDate',
    }).within({ item: 2, name: 'Bank' });
    expect(errorText(inItem)).toBe('Expected a date, found "soon". (item 2 "Bank", revisionDate)');
  });

  it('follow the browser’s language and its way of writing numbers', () => {
    fakeBrowser.i18n.getUILanguage = () => 'de-DE';
    const getMessage = fakeBrowser.i18n.getMessage;
    fakeBrowser.i18n.getMessage = ((key: string, subs?: string[]) =>
      key === 'errTooManyItems'
        ? `Die Datei enthält ${subs?.[0]} Einträge; Coffer importiert höchstens ${subs?.[1]}.`
        : key === 'placeRow'
          ? `Zeile ${subs?.[0]}`
          : getMessage(key, subs)) as typeof getMessage;
    const error = new CofferError('errTooManyItems', {
      args: [12345, 10000],
      place: { row: 1234 },
    });
    expect(errorText(error)).toBe(
      'Die Datei enthält 12.345 Einträge; Coffer importiert höchstens 10.000. (Zeile 1.234)',
    );
  });

  it('word a substitution that is itself a key in the reader’s language, after the channel', async () => {
    fakeBrowser.i18n.getUILanguage = () => 'de-DE';
    fakeBrowser.i18n.getMessage = ((key: keyof typeof german, subs?: string[]) =>
      german[key].message.replace(
        /\$(\d)/g,
        (_m, n: string) => subs?.[Number(n) - 1] ?? '',
      )) as typeof fakeBrowser.i18n.getMessage;
    const failing = {
      getStatus: async () => assertKdfWithinBounds({ type: 'pbkdf2', iterations: 1e9 }),
    } as unknown as Handlers<VaultApi>;
    const error = await loopbackClient(failing)
      .getStatus()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ERR_KDF_PARAMS',
      args: [{ key: 'kdfParamPbkdf2Iterations' }, 5000, 2_000_000, '1000000000'],
      message: 'PBKDF2 iterations must be a whole number from 5,000 to 2,000,000; got 1000000000.',
    });
    expect(errorText(error)).toBe(
      'Der Wert für PBKDF2-Iterationen muss eine ganze Zahl von 5.000 bis 2.000.000 sein; ' +
        'erhalten: 1000000000.',
    );
  });

  it('fall back to English when the locale lacks the key', () => {
    fakeBrowser.i18n.getMessage = (() => '') as typeof fakeBrowser.i18n.getMessage;
    expect(errorText(inputError('masterPasswordTooShort', 12))).toBe(
      'The master password must be at least 12 characters long.',
    );
  });

  it('hide anything that is not a CofferError behind the generic words', () => {
    expect(errorText(new TypeError('secret detail'))).toBe(english.errorInternal.message);
  });

  it('are never written as sentences in the code: every CofferError names a key', () => {
    // The type checker already refuses a key missing from messages.json; this also catches a
    // sentence smuggled in through a cast.
    const offenders: string[] = [];
    for (const file of sourceFiles(path.resolve('src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new CofferError\(\s*([^,)]+)/g)) {
        const key = match[1]!.trim();
        const literal = /^'([^']*)'$/.exec(key);
        if (literal && !Object.hasOwn(english, literal[1]!)) offenders.push(`${file}: ${key}`);
        if (key.startsWith('`') || key.startsWith('"')) offenders.push(`${file}: ${key}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.tsx?$/.test(entry.name)) yield full;
  }
}
