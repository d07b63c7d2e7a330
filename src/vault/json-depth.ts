/**
 * Refuses JSON nested deeper than any real export before it is parsed. Every step after
 * JSON.parse (the forbidden-key walk, describing a value in a message, sending a preview through
 * the extension's messaging, which fails from a few thousand levels) would otherwise meet a
 * hostile file's depth; Bitwarden's and 1Password's exports are less than ten levels deep.
 */
import { CofferError } from '@/src/errors/coffer-error';

/** Far above the deepest real export (1Password: about eight levels), far below any stack limit. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * One linear pass counting `[`/`{` outside strings. It does not validate the JSON (JSON.parse does
 * that next), so unbalanced brackets only make the count wrong in a text JSON.parse refuses anyway.
 */
export function assertJsonDepth(text: string, field?: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new CofferError('errJsonTooDeep', {
          args: [MAX_JSON_DEPTH],
          ...(field ? { field } : {}),
        });
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
}
