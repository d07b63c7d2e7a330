/**
 * The generator's history: the last values a person copied or used from the generator, newest
 * first, so a password generated for a sign-up that was never saved as an item can still be
 * found. The background keeps it encrypted under the account key (one record, re-encrypted at
 * key rotation); this module only shapes and checks the list.
 */
import { MAX_PASSPHRASE_WORDS, MAX_SEPARATOR_LENGTH } from './passphrase-options';
import { MAX_PASSWORD_LENGTH } from './password-generator';

export type GeneratedKind = 'password' | 'passphrase';

export interface GeneratedValue {
  value: string;
  kind: GeneratedKind;
  /** When it was copied or used, ISO 8601. */
  date: string;
}

/** How many values are kept: the oldest goes when one more comes. */
export const GENERATOR_HISTORY_SIZE = 20;

/** EFF's long list has no word over 9 letters; a passphrase's digit adds one character. */
const LONGEST_EFF_WORD = 9;

/** The longest value the generator makes: nothing longer is a generated value. */
export const MAX_GENERATED_LENGTH = Math.max(
  MAX_PASSWORD_LENGTH,
  MAX_PASSPHRASE_WORDS * (LONGEST_EFF_WORD + MAX_SEPARATOR_LENGTH) + 1,
);

/**
 * The history with `entry` at its head. A value already there moves up rather than taking a
 * second place (copied twice, it is one value), and the list stays at its size.
 */
export function withGenerated(
  history: readonly GeneratedValue[],
  entry: GeneratedValue,
): GeneratedValue[] {
  return [entry, ...history.filter((kept) => kept.value !== entry.value)].slice(
    0,
    GENERATOR_HISTORY_SIZE,
  );
}

/**
 * The history from its decrypted JSON, or null when it is not one (a record no Coffer wrote).
 * Only what this module writes is accepted, so a damaged record is told, never half read.
 */
export function parseGeneratorHistory(json: string): GeneratedValue[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length > GENERATOR_HISTORY_SIZE) return null;
  const entries: GeneratedValue[] = [];
  for (const entry of parsed as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return null;
    const { value, kind, date } = entry as Record<string, unknown>;
    if (typeof value !== 'string' || value === '' || value.length > MAX_GENERATED_LENGTH) {
      return null;
    }
    if (kind !== 'password' && kind !== 'passphrase') return null;
    if (typeof date !== 'string' || Number.isNaN(Date.parse(date))) return null;
    entries.push({ value, kind, date });
  }
  return entries;
}
