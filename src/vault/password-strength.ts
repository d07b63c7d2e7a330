/**
 * A rough strength estimate for file passwords, shown as a meter. It counts the entropy a
 * password of this length and these character classes could have, then discounts what makes
 * passwords guessable: repeats, runs, and words on a short list of the most common ones.
 */

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/** Parts of the most common passwords; a password built on one is barely stronger than it. */
const COMMON = [
  'password',
  'passwort',
  'qwerty',
  'azerty',
  'letmein',
  'welcome',
  'admin',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'master',
  'secret',
  'abc123',
  '123456',
  '111111',
  'bitwarden',
  'coffer',
];

function estimateEntropyBits(password: string): number {
  if (password === '') return 0;
  const chars = [...password];
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(password)) pool += 33;
  let effective = 0;
  for (let i = 0; i < chars.length; i++) {
    const code = chars[i]!.codePointAt(0)!;
    const previous = i > 0 ? chars[i - 1]!.codePointAt(0)! : NaN;
    // A repeat or a step of one (aaa, abc, 321) adds little.
    effective += code === previous || Math.abs(code - previous) === 1 ? 0.25 : 1;
  }
  let bits = effective * Math.log2(Math.max(pool, 2));
  const lower = password.toLowerCase();
  for (const word of COMMON) if (lower.includes(word)) bits -= word.length * 3;
  return Math.max(0, bits);
}

export function scorePassword(password: string): StrengthScore {
  const bits = estimateEntropyBits(password);
  if (bits < 28) return 0;
  if (bits < 45) return 1;
  if (bits < 60) return 2;
  if (bits < 80) return 3;
  return 4;
}
