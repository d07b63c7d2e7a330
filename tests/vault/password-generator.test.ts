/** Generated passwords: their length, their characters, and the randomness they are drawn with. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_OPTIONS,
  generatePassword,
  randomInt,
  type PasswordOptions,
} from '@/src/vault/password-generator';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const SPECIAL = '!@#$%^&*-_=+?';
const SAMPLES = 500;

const only = (set: Partial<PasswordOptions>): PasswordOptions => ({
  length: 20,
  uppercase: false,
  lowercase: false,
  numbers: false,
  special: false,
  avoidAmbiguous: false,
  ...set,
});

function samples(options: PasswordOptions, count = SAMPLES): string[] {
  return Array.from({ length: count }, () => generatePassword(options));
}

const charsOf = (passwords: string[]) => new Set(passwords.join(''));
const sorted = (chars: Iterable<string>) => [...chars].sort().join('');

describe('generatePassword', () => {
  it('makes 20-character passwords from all four sets by default', () => {
    for (const password of samples(DEFAULT_PASSWORD_OPTIONS)) {
      expect(password).toHaveLength(20);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[!@#$%^&*\-_=+?]/);
    }
  });

  it.each([
    [5, 5],
    [64, 64],
    [128, 128],
    [12.4, 12],
    [12.5, 13],
    [4, 5],
    [0, 5],
    [-3, 5],
    [129, 128],
    [10_000, 128],
  ])('asked for length %s, makes a password of %i characters', (length, expected) => {
    expect(generatePassword({ ...DEFAULT_PASSWORD_OPTIONS, length })).toHaveLength(expected);
  });

  it.each([
    ['uppercase', UPPER],
    ['lowercase', LOWER],
    ['numbers', DIGITS],
    ['special', SPECIAL],
  ] as const)(
    'with only %s chosen, uses every character of that set and no other',
    (set, chars) => {
      expect(sorted(charsOf(samples(only({ [set]: true }))))).toBe(sorted(chars));
    },
  );

  it('uses every character of all four sets together and no other', () => {
    const used = charsOf(samples(DEFAULT_PASSWORD_OPTIONS));
    expect(sorted(used)).toBe(sorted(UPPER + LOWER + DIGITS + SPECIAL));
  });

  it('has at least one character of each chosen set even at the shortest length', () => {
    for (const password of samples({ ...DEFAULT_PASSWORD_OPTIONS, length: 5 }, 2000)) {
      expect(password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])(?=.*[!@#$%^&*\-_=+?]).{5}$/);
    }
  });

  it('does not always put the guaranteed characters first', () => {
    const passwords = samples(only({ length: 5, uppercase: true, numbers: true }));
    const firsts = charsOf(passwords.map((p) => p[0]!));
    expect([...firsts].some((c) => DIGITS.includes(c))).toBe(true);
    expect([...firsts].some((c) => UPPER.includes(c))).toBe(true);
  });

  it('leaves out I, l, O, 0 and 1, and only those, when asked to avoid ambiguous characters', () => {
    const used = charsOf(samples({ ...DEFAULT_PASSWORD_OPTIONS, avoidAmbiguous: true }));
    const expected = (UPPER + LOWER + DIGITS + SPECIAL).replace(/[IlO01]/g, '');
    expect(sorted(used)).toBe(sorted(expected));
  });

  it('uses lowercase letters when no set is chosen', () => {
    const passwords = samples(only({ length: 16 }), 100);
    for (const password of passwords) expect(password).toMatch(/^[a-z]{16}$/);
  });
});

describe('randomInt', () => {
  it('draws every value below the bound about equally often', () => {
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[randomInt(6)]!++;
    // Each count is 10,000 ± 91 (one standard deviation); ±500 fails once in tens of millions.
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('returns 0 for a bound of 1 and stays below a bound of 2^32', () => {
    expect(randomInt(1)).toBe(0);
    for (let i = 0; i < 100; i++) {
      const value = randomInt(2 ** 32);
      expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    }
  });

  it.each([0, -1, 1.5, NaN, Infinity, 2 ** 32 + 1])('rejects the bound %s', (bound) => {
    expect(() => randomInt(bound)).toThrow(RangeError);
  });
});
