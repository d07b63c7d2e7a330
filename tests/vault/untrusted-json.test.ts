/**
 * One reader of untrusted JSON: every kind of wrong value is refused with one key, named by its
 * field, whether a Bitwarden export, 1Password's export.data or an item sent to the background
 * holds it; and every text is depth-checked before it is parsed.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseOnePassword1pux } from '@/src/formats/importers/onepassword-1pux';
import { parsePlainBitwarden, readBitwardenJson } from '@/src/formats/import-bitwarden-json';
import { normalizeItem } from '@/src/vault/normalize-item';
import {
  optionalBoolean,
  optionalDate,
  optionalId,
  optionalInteger,
  optionalList,
  optionalString,
  own,
  parseUntrustedJson,
  readObject,
} from '@/src/vault/untrusted-json';

const ctx = { newId: () => 'id', now: '2026-01-01T00:00:00.000Z' };
const itemOptions = { maxStringLength: 100, now: ctx.now, newId: ctx.newId };

function thrown(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

function onePux(data: unknown): Uint8Array {
  return zipSync({ 'export.data': strToU8(JSON.stringify(data)) });
}

describe('the shape readers', () => {
  it('refuse each kind of wrong value with its own key, naming the field and what was found', () => {
    expect(thrown(() => readObject([1], 'login'))).toMatchObject({
      code: 'ERR_INVALID_FILE',
      key: 'errExpectedObject',
      field: 'login',
      message: 'Expected an object, found […].',
    });
    expect(thrown(() => optionalList('Work', 'folders'))).toMatchObject({
      key: 'errExpectedList',
      field: 'folders',
      message: 'Expected a list, found "Work".',
    });
    expect(thrown(() => optionalString(42, 'name'))).toMatchObject({
      key: 'errExpectedText',
      args: ['42'],
    });
    expect(thrown(() => optionalString('abcd', 'notes', 3))).toMatchObject({
      code: 'ERR_STRING_TOO_LONG',
      key: 'errValueTooLong',
      args: [4, 3],
    });
    expect(thrown(() => optionalId('x'.repeat(101), 'id'))).toMatchObject({ key: 'errExpectedId' });
    expect(thrown(() => optionalBoolean('yes', 'favorite'))).toMatchObject({
      key: 'errExpectedBoolean',
    });
    expect(thrown(() => optionalInteger(1.5, 'reprompt', 0, 1))).toMatchObject({
      key: 'errExpectedInteger',
      args: [0, 1, '1.5'],
    });
    expect(thrown(() => optionalDate('soon', 'revisionDate'))).toMatchObject({
      key: 'errExpectedDate',
    });
  });

  it('take null and a missing field as nothing, and read own fields only', () => {
    expect(optionalList(null, 'items')).toEqual([]);
    expect(optionalList(undefined, 'items')).toEqual([]);
    expect(optionalString(null, 'name')).toBeNull();
    expect(optionalId('', 'id')).toBeNull();
    expect(optionalDate('', 'date')).toBeNull();
    expect(optionalBoolean(undefined, 'favorite')).toBeNull();
    expect(optionalInteger(null, 'match', 0, 5)).toBeNull();
    const parsed = JSON.parse('{"__proto__":{"items":1}}') as unknown;
    expect(own(parsed, 'items')).toBeUndefined();
    expect(own({}, 'constructor')).toBeUndefined();
    expect(own([1], 'length')).toBeUndefined();
  });

  it('parse text only below the depth limit, and name text that is no JSON by the format', () => {
    expect(parseUntrustedJson('{"a":[1]}', 'errNotJson')).toEqual({ a: [1] });
    expect(thrown(() => parseUntrustedJson('{"a":', 'errNotJson'))).toMatchObject({
      code: 'ERR_NOT_BITWARDEN_JSON',
      key: 'errNotJson',
    });
    expect(
      thrown(() => parseUntrustedJson('['.repeat(65), 'err1puxDataNotJson', 'export.data')),
    ).toMatchObject({ key: 'errJsonTooDeep', where: 'export.data' });
  });
});

describe('the three readers of files and items', () => {
  it('refuse an object where a list belongs with the same words', () => {
    const keys = [
      thrown(() => parsePlainBitwarden({ items: { a: 1 } }, ctx)),
      thrown(() =>
        parseOnePassword1pux({ kind: 'bytes', bytes: onePux({ accounts: [{ vaults: {} }] }) }, ctx),
      ),
      thrown(() => normalizeItem({ type: 1, name: 'A', login: { uris: { a: 1 } } }, itemOptions)),
    ].map((error) => (error as { key: string }).key);
    expect(keys).toEqual(['errExpectedList', 'errExpectedList', 'errExpectedList']);
  });

  it('refuse a list where an object belongs, and a number where text belongs, alike', () => {
    const notObject = [
      thrown(() => parsePlainBitwarden({ items: [[1]] }, ctx)),
      thrown(() =>
        parseOnePassword1pux({ kind: 'bytes', bytes: onePux({ accounts: [[1]] }) }, ctx),
      ),
      thrown(() => normalizeItem({ type: 1, name: 'A', login: [1] }, itemOptions)),
    ];
    expect(notObject).toMatchObject([
      { key: 'errExpectedObject', where: 'item 1' },
      { key: 'errExpectedObject', where: 'accounts[0]' },
      { key: 'errExpectedObject', where: 'login' },
    ]);
    const vault = { attrs: { name: 'V' }, items: [{ overview: { title: 7 } }] };
    const notText = [
      thrown(() => parsePlainBitwarden({ items: [{ type: 2, name: 7 }] }, ctx)),
      thrown(() =>
        parseOnePassword1pux(
          { kind: 'bytes', bytes: onePux({ accounts: [{ vaults: [vault] }] }) },
          ctx,
        ),
      ),
    ];
    expect(notText).toMatchObject([
      { key: 'errExpectedText', where: 'item 1, name' },
      { key: 'errExpectedText', where: 'item 1, overview.title' },
    ]);
  });

  it('check the depth of every text they parse', () => {
    const deep = `{"items":${'['.repeat(100)}${']'.repeat(100)}}`;
    expect(thrown(() => readBitwardenJson(deep))).toMatchObject({ key: 'errJsonTooDeep' });
    const bytes = zipSync({ 'export.data': strToU8(deep) });
    expect(thrown(() => parseOnePassword1pux({ kind: 'bytes', bytes }, ctx))).toMatchObject({
      key: 'errJsonTooDeep',
      where: 'export.data',
    });
  });
});
