/** Nesting beyond 64 levels is refused by a linear scan, before JSON.parse sees the text. */
import { describe, expect, it } from 'vitest';
import { assertJsonDepth, MAX_JSON_DEPTH } from '@/src/vault/json-depth';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('assertJsonDepth', () => {
  it('accepts 64 levels and refuses 65, naming the bound and the field', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(() => assertJsonDepth(nested(64))).not.toThrow();
    expect(() => assertJsonDepth(`{"a":${nested(64)}}`, 'export.data')).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_FILE',
        key: 'errJsonTooDeep',
        args: [64],
        field: 'export.data',
      }),
    );
  });

  it('counts only brackets outside strings, escaped quotes included', () => {
    const inString = JSON.stringify({ note: `${nested(500)} \\" ${'{'.repeat(500)}` });
    expect(() => assertJsonDepth(inString)).not.toThrow();
    expect(() => assertJsonDepth(`["\\"", ${nested(65)}]`)).toThrow(
      expect.objectContaining({ key: 'errJsonTooDeep' }),
    );
  });

  // Recursion would overflow the stack on a million levels; the timeout guards against a scan
  // that is slow in the depth (wall-clock assertions flake on a loaded machine).
  it('scans a deep hostile text without recursion', { timeout: 5_000 }, () => {
    expect(() => assertJsonDepth(nested(1_000_000))).toThrow(
      expect.objectContaining({ key: 'errJsonTooDeep' }),
    );
  });
});
