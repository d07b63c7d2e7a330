/** Values from files are described without running anything of theirs (issue 11). */
import { describe, expect, it } from 'vitest';
import { describeValue, scalarOrNull } from '@/src/errors/describe-value';

let deep: unknown = [];
for (let i = 0; i < 100_000; i++) deep = [deep];

describe('describeValue', () => {
  it('writes scalars as the file does and shortens long text', () => {
    expect(describeValue(9)).toBe('9');
    expect(describeValue('login')).toBe('"login"');
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(20)}…"`);
    expect(describeValue(null)).toBe('null');
    expect(describeValue(true)).toBe('true');
  });

  it('never calls a file’s toString and never walks a deep value', () => {
    expect(describeValue(JSON.parse('{"toString":1,"valueOf":2}'))).toBe('{…}');
    expect(describeValue(deep)).toBe('[…]');
  });
});

describe('scalarOrNull', () => {
  it('keeps JSON scalars (text cut at 40) and turns everything else into null', () => {
    expect(scalarOrNull(9)).toBe(9);
    expect(scalarOrNull('y'.repeat(45))).toBe(`${'y'.repeat(40)}…`);
    expect(scalarOrNull({ toString: 1 })).toBeNull();
    expect(scalarOrNull(deep)).toBeNull();
    expect(scalarOrNull(Infinity)).toBeNull();
  });
});
