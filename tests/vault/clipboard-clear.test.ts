import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  clearDue,
  clipboardHash,
  isClipboardHash,
  isDue,
  stillHoldsSecret,
} from '@/src/vault/clipboard-clear';

describe('clipboard clear decisions', () => {
  it('hashes the copied text as SHA-256 hex, as node:crypto does', async () => {
    const text = 'pässwörd 🔑';
    expect(await clipboardHash(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(isClipboardHash(await clipboardHash(text))).toBe(true);
  });

  it('accepts only 64 lowercase hex digits as a hash', () => {
    expect(isClipboardHash('a'.repeat(64))).toBe(true);
    for (const bad of ['a'.repeat(63), 'A'.repeat(64), 'g'.repeat(64), 'secret', 42, null]) {
      expect(isClipboardHash(bad)).toBe(false);
    }
  });

  it('is due the chosen seconds after the copy, and never for "never"', () => {
    expect(clearDue(1_000, 10)).toBe(11_000);
    expect(clearDue(1_000, 300)).toBe(301_000);
    expect(clearDue(1_000, 'never')).toBeNull();
    expect(isDue({ hash: 'x', due: 5_000 }, 4_999)).toBe(false);
    expect(isDue({ hash: 'x', due: 5_000 }, 5_000)).toBe(true);
  });

  it('clears only a clipboard that still holds the copied text', async () => {
    const pending = { hash: await clipboardHash('hunter2'), due: 0 };
    expect(await stillHoldsSecret(pending, 'hunter2')).toBe(true);
    expect(await stillHoldsSecret(pending, 'hunter2 ')).toBe(false);
    expect(await stillHoldsSecret(pending, 'something copied since')).toBe(false);
    expect(await stillHoldsSecret(pending, '')).toBe(false);
    expect(await stillHoldsSecret(pending, null)).toBe(false);
  });
});
