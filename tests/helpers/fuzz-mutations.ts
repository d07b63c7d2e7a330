/**
 * Mutations of real export files for the import fuzzer (issue 11): characters flipped, cut,
 * inserted; JSON values swapped for objects, lists, huge numbers, deep nesting and
 * `__proto__`/`constructor` keys; CSV rows with unbalanced quotes or huge cells; ZIP archives whose
 * directories lie. Every mutation is a pure function of the seed.
 */
import { strToU8, zipSync } from 'fflate';
import type { Random } from './fuzz-random';
import { withDeclaredSize, withDuplicateEntry, withEndRecord, zip64Claiming } from './hostile-zips';

/** Texts that break parsers: quotes, separators, line ends, NUL, BOM, a lone surrogate, keys. */
const TOKENS = [
  '"',
  '""',
  ',',
  '\n',
  '\r\n',
  '\r',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '🔑',
  '{',
  '}',
  '[',
  ']',
  ':',
  '\\',
  '\\u0000',
  'null',
  '1e999',
  '__proto__',
  'constructor',
  '<img src=x onerror=alert(1)>',
];

/** Large pieces, kept below the limits so they test the parsers, not only the size checks. */
const BIG = {
  cell: () => `"${'x'.repeat(100_001)}"`,
  columns: () => ','.repeat(2_000),
  lines: () => '\n'.repeat(5_000),
  nesting: (depth: number) => '['.repeat(depth) + ']'.repeat(depth),
};

export function mutateText(text: string, random: Random): string {
  let out = text;
  for (let n = 1 + random.int(3); n > 0; n--) out = mutateTextOnce(out, random);
  return out;
}

function mutateTextOnce(text: string, random: Random): string {
  const at = random.int(text.length + 1);
  switch (random.int(8)) {
    case 0: // flip characters
      return [...Array(1 + random.int(5))].reduce<string>((t) => {
        const i = random.int(t.length);
        return t.slice(0, i) + String.fromCharCode(random.int(0x80)) + t.slice(i + 1);
      }, text);
    case 1: // truncate
      return text.slice(0, at);
    case 2: // insert a token
      return text.slice(0, at) + random.pick(TOKENS) + text.slice(at);
    case 3: // delete a slice
      return text.slice(0, at) + text.slice(at + random.int(200));
    case 4: // repeat a slice
      return (
        text.slice(0, at) +
        text.slice(at, at + random.int(100)).repeat(random.int(50)) +
        text.slice(at)
      );
    case 5: // a huge cell, many columns or many empty lines
      return text.slice(0, at) + random.pick([BIG.cell, BIG.columns, BIG.lines])() + text.slice(at);
    case 6: // an unbalanced quote at the start of a line
      return text.replace(/\n/g, (line) => (random.chance(0.1) ? `${line}"` : line));
    default: // line ends swapped
      return random.chance(0.5) ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
  }
}

type Json = unknown;

/** Stand-ins that JSON.stringify cannot write (deep nesting, `__proto__` keys), set as text after. */
const PLACEHOLDER = /"@@(DEEP|PROTO|ESCAPED_PROTO)_(\d+)@@"/g;

/** Replacement values: every JSON type, extremes, and objects made to trip String(). */
function valuePool(random: Random): Json[] {
  return [
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    2 ** 53 + 2,
    4294967295,
    1e20,
    '',
    ' ',
    'x'.repeat(random.int(3) === 0 ? 100_001 : 50),
    '2024-13-45T99:99:99Z',
    'not-a-uuid',
    '2.AAAA|BBBB|CCCC',
    {},
    [],
    [[[]]],
    { toString: 1, valueOf: 2 },
    { constructor: { prototype: { polluted: true } } },
    Array(1 + random.int(2000)).fill(0),
    `@@DEEP_${random.pick([10, 63, 64, 65, 200, 5_000, 50_000])}@@`,
    `@@PROTO_0@@`,
    `@@ESCAPED_PROTO_0@@`,
  ];
}

/** Every container in the document with the keys (or indexes) it holds, up to `limit` of them. */
function containers(root: Json, limit = 5_000): { node: Record<string, Json>; keys: string[] }[] {
  const out: { node: Record<string, Json>; keys: string[] }[] = [];
  const pending = [root];
  while (pending.length > 0 && out.length < limit) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, Json>;
    const keys = Object.keys(record);
    out.push({ node: record, keys });
    for (const key of keys) pending.push(record[key]);
  }
  return out;
}

/** A JSON document with one to three values replaced, removed or added, written as text. */
export function mutateJson(document: Json, random: Random): string {
  const copy = structuredClone(document);
  const all = containers(copy);
  for (let n = 1 + random.int(3); n > 0; n--) {
    const { node, keys } = random.pick(all);
    const key = keys.length > 0 ? random.pick(keys) : '0';
    switch (random.int(4)) {
      case 0:
        if (Array.isArray(node)) node.splice(Number(key), 1);
        else delete node[key];
        break;
      case 1:
        if (Array.isArray(node)) node.push(...Array(random.int(500)).fill(node[Number(key)]));
        else node[random.pick(['constructor', 'prototype', 'toString', 'type', 'items', 'x'])] = 1;
        break;
      default:
        node[key] = random.pick(valuePool(random));
    }
  }
  return JSON.stringify(copy, null, random.chance(0.5) ? 2 : 0).replace(
    PLACEHOLDER,
    (_match, kind: string) =>
      kind === 'DEEP'
        ? BIG.nesting(Number(_match.match(/\d+/)![0]))
        : kind === 'PROTO'
          ? '{"__proto__":{"polluted":true}}'
          : '{"\\u005f_proto__":{"polluted":true}}',
  );
}

/** A .1pux as 1Password writes it, around `exportData`. */
export function onePux(exportData: string, level: 0 | 6 = 6): Uint8Array {
  return zipSync(
    {
      'export.attributes': strToU8('{"version":3,"description":"1Password Unencrypted Export"}'),
      'export.data': strToU8(exportData),
      'files/a.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    },
    { level },
  );
}

/** A hostile archive around (or instead of) a real export.data. */
export function mutateZip(exportData: string, random: Random): Uint8Array {
  const zip = onePux(exportData);
  switch (random.int(11)) {
    case 0:
      return zip64Claiming(
        random.pick([30_000_000n, 100_000_000n, 2n ** 32n - 1n, 2n ** 64n - 1n]),
      );
    case 1:
      return withEndRecord(zip, { count: random.int(0x10000) });
    case 2:
      return withEndRecord(zip, { offset: random.int(2 ** 32), size: random.int(2 ** 32) });
    case 3:
      return withDuplicateEntry({ 'export.data': strToU8(exportData) }, 'export.data');
    case 4:
      return withDeclaredSize(
        zip,
        random.int(3),
        random.pick([0, 1, 100, 0xffffffff, random.int(2 ** 32)]),
      );
    case 5: // a bomb within the limits: megabytes of whitespace after the document
      return onePux(exportData + ' '.repeat(random.int(8 * 1024 * 1024)));
    case 6:
      return zipSync({ 'data.json': strToU8('{"encrypted":false,"items":[]}') });
    case 7:
      return zip.slice(0, random.int(zip.length));
    case 8: {
      const out = zip.slice();
      for (let n = 1 + random.int(8); n > 0; n--) out[random.int(out.length)] = random.int(256);
      return out;
    }
    case 9:
      return onePux(exportData, 0);
    default:
      return zipSync({});
  }
}
