/**
 * Clearing a copied secret from the clipboard: what is remembered of it (a SHA-256 of the text,
 * never the text), and whether the clipboard may be cleared once the time has come. Someone who
 * copied something else meanwhile keeps it: only text with the same hash is cleared.
 */

/** What the background keeps about the last secret copied: its hash and when to clear it. */
export interface PendingClear {
  /** SHA-256 of the copied text, lowercase hex. */
  hash: string;
  /** Milliseconds since the epoch. */
  due: number;
}

/** The hash that stands for a copied text (WebCrypto, so the popup and Node compute it alike). */
export async function clipboardHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** When a copy made at `now` is to be cleared, or null for "never". */
export function clearDue(now: number, delaySeconds: number | 'never'): number | null {
  return delaySeconds === 'never' ? null : now + delaySeconds * 1000;
}

/** Still waiting, or time to look at the clipboard. */
export function isDue(pending: PendingClear, now: number): boolean {
  return pending.due <= now;
}

/**
 * Whether the clipboard, holding `current`, still holds the copied secret: an empty or unreadable
 * clipboard (null) and any other text are left alone.
 */
export async function stillHoldsSecret(
  pending: PendingClear,
  current: string | null,
): Promise<boolean> {
  if (current === null || current === '') return false;
  return (await clipboardHash(current)) === pending.hash;
}

/** A plausible hash from the popup: 64 hex digits (anything else is refused, not stored). */
export function isClipboardHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
