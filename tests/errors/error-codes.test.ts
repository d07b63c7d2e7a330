/**
 * An error's code follows from its words: one table, so the same words never travel with two
 * codes, whichever module throws them and whichever side of a channel rebuilds them.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import { CofferError } from '@/src/errors/coffer-error';
import {
  ERROR_CODES,
  isErrorMessageKey,
  type ErrorCode,
  type ErrorMessageKey,
} from '@/src/errors/error-codes';
import { parsePlainBitwarden } from '@/src/formats/import-bitwarden-json';
import { errorData, errorFromData } from '@/src/protocol/envelope';
import { kdfJobError, kdfJobFailure } from '@/src/protocol/kdf-worker';

const importContext = { newId: () => crypto.randomUUID(), now: '2026-01-01T00:00:00.000Z' };

describe('error codes', () => {
  it('come from the key: the constructor takes words only', () => {
    const error = new CofferError('errCsvReprompt', { args: ['2'], place: { row: 3 } });
    expect(error).toMatchObject({ code: 'ERR_CSV_INVALID', key: 'errCsvReprompt' });
    expect(error.at({ field: 'reprompt' }).code).toBe('ERR_CSV_INVALID');
    expect(error.within({ row: 3 }).code).toBe('ERR_CSV_INVALID');
  });

  it('exist for keys of messages.json only, and every code has words', () => {
    for (const key of Object.keys(ERROR_CODES)) expect(Object.hasOwn(english, key), key).toBe(true);
    expectTypeOf<(typeof ERROR_CODES)[ErrorMessageKey]>().toEqualTypeOf<ErrorCode>();
    // @ts-expect-error: a key without a code cannot be thrown.
    expect(() => new CofferError('appName')).toBeTypeOf('function');
  });

  it('are given to all error words of messages.json, so none lies unused', () => {
    const errorWords = Object.keys(english).filter(
      (key) => /^err(or)?[A-Z0-9]/.test(key) && key !== 'errorAt',
    );
    expect(errorWords.filter((key) => !isErrorMessageKey(key))).toEqual([]);
  });

  it('tell a folder name typed in the popup from a file’s nameless folder', () => {
    expect(new CofferError('errFolderNeedsName').code).toBe('ERR_INVALID_INPUT');
    expect(english.errFileFolderNeedsName.message).toBe(english.errFolderNeedsName.message);
    const file = { folders: [{ id: 'f', name: ' ' }], items: [] };
    expect(() => parsePlainBitwarden(file, importContext)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_FILE',
        key: 'errFileFolderNeedsName',
        where: 'folder 1, name',
      }),
    );
  });

  it('are rebuilt from the key on the other side of a channel, whatever code came along', () => {
    const sent = errorData(new CofferError('errTooManyRows', { args: [9, 5], place: { row: 2 } }));
    const forged = { ...sent, code: 'ERR_INTERNAL' as const };
    expect(errorFromData(forged)).toMatchObject({
      code: 'ERR_TOO_MANY_ITEMS',
      key: 'errTooManyRows',
      args: [9, 5],
      where: 'row 2',
    });
    const unknown = { ...sent, key: 'toString' as ErrorMessageKey };
    expect(isErrorMessageKey('toString')).toBe(false);
    expect(errorFromData(unknown)).toMatchObject({ code: 'ERR_INTERNAL', key: 'errorInternal' });
  });

  it('survive the KDF worker’s message as words, or become "could not derive"', () => {
    const job = kdfJobError(new CofferError('errKdfUnknown'));
    expect(job).toEqual({ key: 'errKdfUnknown', args: [] });
    expect(kdfJobFailure(structuredClone(job))).toMatchObject({ code: 'ERR_KDF_PARAMS' });
    expect(kdfJobFailure(kdfJobError(new TypeError('x')))).toMatchObject({
      code: 'ERR_INTERNAL',
      key: 'errFileKeyFailed',
    });
  });
});
