/** The generator's history as a list: its order, its size, what it accepts from storage. */
import { describe, expect, it } from 'vitest';
import {
  GENERATOR_HISTORY_SIZE,
  MAX_GENERATED_LENGTH,
  parseGeneratorHistory,
  withGenerated,
  type GeneratedValue,
} from '@/src/vault/generator-history';
import { EFF_LONG_WORDLIST, generatePassphrase } from '@/src/vault/passphrase-generator';
import { MAX_PASSPHRASE_WORDS, MAX_SEPARATOR_LENGTH } from '@/src/vault/passphrase-options';
import { MAX_PASSWORD_LENGTH, generatePassword } from '@/src/vault/password-generator';

const entry = (value: string, kind: GeneratedValue['kind'] = 'password'): GeneratedValue => ({
  value,
  kind,
  date: '2026-12-03T12:00:00.000Z',
});

describe("the generator's history", () => {
  it('puts the newest first, keeps 20, and moves a value kept again to the top', () => {
    let history: GeneratedValue[] = [];
    for (let i = 0; i < 25; i++) history = withGenerated(history, entry(`v${i}`));
    expect(history).toHaveLength(GENERATOR_HISTORY_SIZE);
    expect(history.map((e) => e.value).slice(0, 3)).toEqual(['v24', 'v23', 'v22']);
    expect(history.at(-1)!.value).toBe('v5');
    const again = withGenerated(history, entry('v7', 'passphrase'));
    expect(again).toHaveLength(GENERATOR_HISTORY_SIZE);
    expect(again[0]).toEqual(entry('v7', 'passphrase'));
    expect(again.filter((e) => e.value === 'v7')).toHaveLength(1);
    // The list given is not changed.
    expect(history[0]!.value).toBe('v24');
  });

  it('has room for the longest value the generator can make', () => {
    const longestWord = Math.max(...EFF_LONG_WORDLIST.map((word) => word.length));
    const longestPhrase =
      MAX_PASSPHRASE_WORDS * longestWord + (MAX_PASSPHRASE_WORDS - 1) * MAX_SEPARATOR_LENGTH + 1;
    expect(MAX_GENERATED_LENGTH).toBeGreaterThanOrEqual(longestPhrase);
    expect(MAX_GENERATED_LENGTH).toBeGreaterThanOrEqual(MAX_PASSWORD_LENGTH);
    const phrase = generatePassphrase({
      words: MAX_PASSPHRASE_WORDS,
      separator: '+++',
      capitalize: true,
      includeNumber: true,
    });
    expect(phrase.length).toBeLessThanOrEqual(MAX_GENERATED_LENGTH);
    const password = generatePassword({
      length: MAX_PASSWORD_LENGTH,
      uppercase: true,
      lowercase: true,
      numbers: true,
      special: true,
      avoidAmbiguous: false,
    });
    expect(password.length).toBeLessThanOrEqual(MAX_GENERATED_LENGTH);
  });

  it('reads back what it wrote, and nothing else', () => {
    const history = [entry('a'), entry('b c d', 'passphrase')];
    expect(parseGeneratorHistory(JSON.stringify(history))).toEqual(history);
    expect(parseGeneratorHistory('[]')).toEqual([]);
    for (const bad of [
      'not json',
      '{}',
      '[null]',
      JSON.stringify([{ ...entry('a'), kind: 'pin' }]),
      JSON.stringify([{ ...entry('a'), date: 'yesterday' }]),
      JSON.stringify([entry('')]),
      JSON.stringify([entry('x'.repeat(MAX_GENERATED_LENGTH + 1))]),
      JSON.stringify(Array.from({ length: GENERATOR_HISTORY_SIZE + 1 }, (_, i) => entry(`${i}`))),
    ]) {
      expect(parseGeneratorHistory(bad), bad.slice(0, 40)).toBeNull();
    }
  });
});
