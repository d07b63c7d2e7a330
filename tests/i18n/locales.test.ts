/**
 * Every locale says everything English says, with the same substitutions: a missing key would
 * show English in the middle of another language, a lost `$1` would drop a count or a name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES_DIR = path.resolve('public/_locales');

type Messages = Record<string, { message: string }>;

function read(locale: string): Messages {
  return JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
}

function placeholders(message: string): string[] {
  return [...new Set(message.match(/\$\d/g) ?? [])].sort();
}

const english = read('en');
const others = fs.readdirSync(LOCALES_DIR).filter((locale) => locale !== 'en');

describe('locales', () => {
  it('English has words for every key, none empty', () => {
    for (const [key, { message }] of Object.entries(english)) {
      expect(message.trim(), key).not.toBe('');
    }
  });

  it.each(others)('%s has exactly the keys of English', (locale) => {
    expect(Object.keys(read(locale)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(others)('%s keeps every substitution of each message', (locale) => {
    const messages = read(locale);
    const lost = Object.keys(english).filter(
      (key) =>
        messages[key] !== undefined &&
        placeholders(messages[key].message).join() !== placeholders(english[key]!.message).join(),
    );
    expect(lost).toEqual([]);
  });

  it.each(others)('%s keeps the product name and has no empty words', (locale) => {
    const messages = read(locale);
    expect(messages.appName?.message).toBe('Coffer');
    const empty = Object.entries(messages).filter(([, { message }]) => message.trim() === '');
    expect(empty).toEqual([]);
  });
});
