/**
 * Random passwords for the editor and for export file passwords: characters drawn uniformly
 * (rejection sampling, no modulo bias) from the chosen sets, with at least one from each set.
 */

export interface PasswordOptions {
  length: number;
  uppercase: boolean;
  lowercase: boolean;
  numbers: boolean;
  special: boolean;
  /** Leave out characters that are easy to confuse (I, l, 1, O, 0). */
  avoidAmbiguous: boolean;
}

export const DEFAULT_PASSWORD_OPTIONS: PasswordOptions = {
  length: 20,
  uppercase: true,
  lowercase: true,
  numbers: true,
  special: true,
  avoidAmbiguous: false,
};

export const MIN_PASSWORD_LENGTH = 5;
export const MAX_PASSWORD_LENGTH = 128;

const SETS = {
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  numbers: '0123456789',
  special: '!@#$%^&*-_=+?',
} as const;
const AMBIGUOUS = /[IlO01]/g;

/** A uniformly random integer in [0, bound), by rejection sampling. */
export function randomInt(bound: number): number {
  if (!Number.isInteger(bound) || bound <= 0 || bound > 2 ** 32) {
    throw new RangeError(`randomInt: bound must be an integer in 1..2^32, got ${bound}`);
  }
  const limit = 2 ** 32 - (2 ** 32 % bound);
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    if (word[0]! < limit) return word[0]! % bound;
  }
}

export function generatePassword(options: PasswordOptions): string {
  const length = Math.min(
    MAX_PASSWORD_LENGTH,
    Math.max(MIN_PASSWORD_LENGTH, Math.round(options.length)),
  );
  let sets = (Object.keys(SETS) as (keyof typeof SETS)[])
    .filter((name) => options[name])
    .map((name) => (options.avoidAmbiguous ? SETS[name].replace(AMBIGUOUS, '') : SETS[name]));
  if (sets.length === 0) sets = [SETS.lowercase];
  const all = sets.join('');
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  // Shuffle (Fisher–Yates) so the guaranteed characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
