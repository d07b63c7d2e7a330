/**
 * The one reader of untrusted JSON: a file's text (Bitwarden's exports, 1Password's export.data)
 * and the values parsed from it or sent by another extension page. Text is parsed only after a
 * depth check; values are read through these shape readers, each of which names the field it
 * refuses as the file writes it (`login.uris[0].uri`) and refuses each kind of wrong value with
 * one message key, whoever reads. Optional readers take null and a missing field as nothing.
 * Only own properties are read, so `__proto__` or `constructor` keys find nothing of Object's.
 */
import { CofferError } from '@/src/errors/coffer-error';
import { describeValue } from '@/src/errors/describe-value';
import type { ErrorMessageKey } from '@/src/errors/error-codes';
import { assertJsonDepth } from './json-depth';

export type JsonObject = Record<string, unknown>;

/** Longest id accepted: Bitwarden's are 36-character UUIDs, other writers' a little longer. */
const MAX_ID_LENGTH = 100;
/** Longest date text accepted: an ISO 8601 date with milliseconds and offset is 29. */
const MAX_DATE_LENGTH = 40;

/**
 * Parses text from outside, refusing nesting deeper than any real export before JSON.parse sees
 * it. Text that is no JSON at all is refused with `notJson`, whose words (and code) say what that
 * means for the format being read; `field` names the file inside an archive, if any.
 */
export function parseUntrustedJson(
  text: string,
  notJson: ErrorMessageKey,
  field?: string,
): unknown {
  assertJsonDepth(text, field);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CofferError(notJson, { ...(field === undefined ? {} : { field }), cause });
  }
}

/** An object with named fields: not null, not a list. */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value's own field `key`; undefined when it has none or is no object. */
export function own(value: unknown, key: string): unknown {
  return isJsonObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

export function readObject(value: unknown, field: string): JsonObject {
  if (!isJsonObject(value)) {
    throw new CofferError('errExpectedObject', { args: [describeValue(value)], field });
  }
  return value;
}

/** A list; null or a missing field is an empty one. */
export function optionalList(value: unknown, field: string): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new CofferError('errExpectedList', { args: [describeValue(value)], field });
  }
  return value;
}

/** Text of at most `maxLength` UTF-16 code units (over it: ERR_STRING_TOO_LONG). */
export function optionalString(
  value: unknown,
  field: string,
  maxLength = Number.POSITIVE_INFINITY,
): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    throw new CofferError('errExpectedText', { args: [describeValue(value)], field });
  }
  if (value.length > maxLength) {
    throw new CofferError('errValueTooLong', { args: [value.length, maxLength], field });
  }
  return value;
}

/** An id; the empty text is none. */
export function optionalId(value: unknown, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_ID_LENGTH) {
    throw new CofferError('errExpectedId', { field });
  }
  return value;
}

export function optionalBoolean(value: unknown, field: string): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'boolean') {
    throw new CofferError('errExpectedBoolean', { args: [describeValue(value)], field });
  }
  return value;
}

/** A whole number from `min` to `max`. */
export function optionalInteger(
  value: unknown,
  field: string,
  min: number,
  max: number,
): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new CofferError('errExpectedInteger', {
      args: [min, max, describeValue(value)],
      field,
    });
  }
  return value;
}

/** A date as text `Date.parse` reads; the empty text is none. */
export function optionalDate(value: unknown, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (
    typeof value !== 'string' ||
    value.length > MAX_DATE_LENGTH ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new CofferError('errExpectedDate', { args: [describeValue(value)], field });
  }
  return value;
}
