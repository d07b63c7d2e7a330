/**
 * What the importer tests share: the context they parse with, the sample exports, and builders
 * for the items an importer should produce. Every importer fills an item the same way (no
 * organization, no reprompt, `now` where the file has no dates), so each test spells out only
 * what its format sets and passes it as overrides.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportContext, ParsedImport } from '@/src/formats/import-types';
import type { FileContent } from '@/src/formats/file-content';

/** The signature every importer shares. */
type Importer = (input: FileContent, ctx: ImportContext) => ParsedImport;

/** The `now` of `ctx()`: the dates of items whose file has none. */
export const NOW = '2026-01-01T00:00:00.000Z';

/** A fresh context per parse, so ids count from `id-0` in the order the importer asks for them. */
export function ctx(): ImportContext {
  let n = 0;
  return { newId: () => `id-${n++}`, now: NOW };
}

/** The text of a sample export in tests/fixtures/other-managers. */
export function sampleText(name: string): string {
  return fs.readFileSync(
    path.join(import.meta.dirname, '../../fixtures/other-managers', name),
    'utf8',
  );
}

/** A sample export as a CSV importer receives it. */
export function sample(name: string) {
  return textInput(sampleText(name));
}

/** `text` as an importer receives a file read as text. */
function textInput(text: string) {
  return { kind: 'text' as const, text } satisfies FileContent;
}

/** `parse` run on `text` with a fresh context: the inline CSVs of the edge-case tests. */
export function parseText(parse: Importer, text: string): ParsedImport {
  return parse(textInput(text), ctx());
}

/** What `run` throws, for `toMatchObject` on its code and place; fails the test if nothing is. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** What `parse` throws for a file read as `text`. */
export function thrownByText(parse: Importer, text: string): unknown {
  return thrown(() => parseText(parse, text));
}

/** The error of a CSV that does not parse, at `where` (a row, and the column if one is to blame). */
export function invalidCsvAt(where: string) {
  return { code: 'ERR_CSV_INVALID', where };
}

/** What `parse` throws for a file read as bytes; for CSV importers, which take text only. */
export function thrownByBytes(parse: Importer, bytes: Uint8Array = new Uint8Array([1])): unknown {
  return thrown(() => parse({ kind: 'bytes', bytes }, ctx()));
}

/** What every importer writes the same way; `rest` adds the type and overrides the defaults. */
export function base(id: string, name: string, rest: Record<string, unknown> = {}) {
  return {
    id,
    name,
    notes: null,
    folderId: null,
    organizationId: null,
    collectionIds: null,
    favorite: false,
    reprompt: 0,
    passwordHistory: null,
    revisionDate: NOW,
    creationDate: NOW,
    deletedDate: null,
    ...rest,
  };
}

/** A login item: `fields` fill the `login` part, `rest` the item itself (folder, notes, dates…). */
export function login(
  id: string,
  name: string,
  fields: Record<string, unknown> = {},
  rest: Record<string, unknown> = {},
) {
  return base(id, name, {
    type: 1,
    login: {
      username: null,
      password: null,
      uris: [],
      totp: null,
      fido2Credentials: [],
      ...fields,
    },
    ...rest,
  });
}

/** A secure note: formats map what Coffer has no type for to one, so it recurs everywhere. */
export function note(id: string, name: string, rest: Record<string, unknown> = {}) {
  return base(id, name, { type: 2, secureNote: { type: 0 }, ...rest });
}

/** A login URI; importers never set a match rule. */
export const uri = (value: string) => ({ uri: value, match: null });

/** A custom field: text (0) unless hidden (1). */
export const field = (name: string, value: string, type: 0 | 1 = 0) => ({
  name,
  value,
  type,
  linkedId: null,
});
