/**
 * The file-password meter: 0 very weak … 4 very strong. Expected scores are worked out from the
 * estimate's rules: log2(pool) bits per character (a-z 26, A-Z 26, 0-9 10, others 33), a quarter
 * for a repeat or a step of one, minus 3 bits per letter of a common word; thresholds 28/45/60/80.
 */
import { describe, expect, it } from 'vitest';
import { scorePassword } from '@/src/vault/password-strength';

/** Lowercase letters with no repeat, no step of one and no common word: 4.70 bits each. */
const LOWER = 'qzmxkwqzmxkwqzmxkwqzmx';

describe('scorePassword', () => {
  it('scores the empty password 0', () => {
    expect(scorePassword('')).toBe(0);
  });

  it.each([
    [5, 0], // 23.5 bits
    [6, 1], // 28.2
    [9, 1], // 42.3
    [10, 2], // 47.0
    [12, 2], // 56.4
    [13, 3], // 61.1
    [17, 3], // 79.9
    [18, 4], // 84.6
  ])('scores %i varied lowercase letters %i', (length, score) => {
    expect(scorePassword(LOWER.slice(0, length))).toBe(score);
  });

  it('never scores a longer prefix of a password lower than a shorter one', () => {
    const password = 'Tq7#kZ2!mW9$xB4&';
    const scores = [...password].map((_, i) => scorePassword(password.slice(0, i + 1)));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scores.at(-1)).toBe(4);
  });

  it('scores more character classes higher at the same length', () => {
    expect(scorePassword('qzmxkwqz')).toBe(1); // 8 × 4.70 = 37.6 bits
    expect(scorePassword('qZmX4w#z')).toBe(2); // 8 × 6.57 = 52.6 bits
  });

  it('counts repeated characters and runs for little', () => {
    expect(scorePassword('a'.repeat(20))).toBe(0);
    expect(scorePassword('abcdefghijklmnopqrst')).toBe(0);
    expect(scorePassword('98765432109876543210')).toBe(0);
    expect(scorePassword(LOWER.slice(0, 20))).toBe(4);
  });

  it('counts a common password word for little, in any case', () => {
    expect(scorePassword('password')).toBe(0);
    expect(scorePassword('PASSWORD')).toBe(0);
    // 11.25 × 4.70 − 24 = 28.9 bits, where 12 varied letters give 56.4.
    expect(scorePassword('passwordqzmx')).toBe(1);
    expect(scorePassword(LOWER.slice(0, 12))).toBe(2);
  });

  it('counts characters rather than UTF-16 units', () => {
    // Each emoji is one character from the 33-symbol pool: 5.04 bits.
    expect(scorePassword('🔑🐉🌵🎲🚀')).toBe(0);
    expect(scorePassword('🔑🐉🌵🎲🚀🍋')).toBe(1);
  });
});
