/**
 * The CLI tests compare vaults in a normal form (comparable-item.ts); a value it left out would be
 * a field no test ever looks at. Here every value of the rich vault is changed in turn, and the
 * normal form must change with it, save the ids and the two dates the tests compare on their own.
 */
import { describe, expect, it } from 'vitest';
import { comparableVault } from './comparable-item';
import { makeRichVault } from './rich-vault';
import type { Json, JsonObject } from './standin-vault';

/** Compared outside the normal form: item ids are new on import; dates where a format has them. */
const COMPARED_ELSEWHERE = new Set(['id', 'creationDate', 'revisionDate']);

type Path = (string | number)[];

function leafPaths(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((entry, i) => leafPaths(entry, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([name, entry]) => leafPaths(entry, [...path, name]));
  }
  return value === null ? [] : [path];
}

function changedAt(value: Json, [head, ...rest]: Path): Json {
  if (head === undefined) {
    if (typeof value === 'string') return `${value}~`;
    if (typeof value === 'number') return value + 1;
    return !value;
  }
  const copy = (Array.isArray(value) ? [...value] : { ...(value as JsonObject) }) as Record<
    string | number,
    Json
  >;
  copy[head] = changedAt(copy[head]!, rest);
  return copy as Json;
}

describe('the normal form of the CLI tests', () => {
  const vault = makeRichVault();
  const items = vault.items;
  const paths = items.flatMap((item, i) =>
    leafPaths(item)
      .filter((path) => !COMPARED_ELSEWHERE.has(String(path[0])))
      .map((path) => [i, ...path]),
  );

  it('covers every type and sub-record of the rich vault', () => {
    expect(new Set(items.map((item) => item.type))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(paths.length).toBeGreaterThan(150);
  });

  it('changes with every value of every item', () => {
    const before = comparableVault(vault);
    const unseen = paths.filter((path) => {
      const changed = changedAt(items as Json, path) as JsonObject[];
      return (
        JSON.stringify(comparableVault({ ...vault, items: changed })) === JSON.stringify(before)
      );
    });
    expect(unseen.map((path) => path.join('.'))).toEqual([]);
  });
});
