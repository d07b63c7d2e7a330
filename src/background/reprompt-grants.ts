/**
 * Which re-prompt items may leave the worker with their secrets: those whose master password was
 * confirmed, item by item, within the last REPROMPT_GRANT_MS. A grant belongs to the unlocked
 * session it was given in (the account key object): locking, a new unlock, a key rotation or a
 * restarted worker ends every grant, so nothing outlives the vault being open.
 */
import type { SymmetricKey } from '@/src/crypto/symmetric-key';

/** Five minutes: long enough to read, copy and edit an item, short enough to ask again soon. */
export const REPROMPT_GRANT_MS = 5 * 60_000;

export interface RepromptGrants {
  grant(itemId: string, session: SymmetricKey): void;
  has(itemId: string, session: SymmetricKey): boolean;
}

export function createRepromptGrants(now: () => number): RepromptGrants {
  const bySession = new WeakMap<SymmetricKey, Map<string, number>>();
  return {
    grant(itemId, session) {
      const grants = bySession.get(session) ?? new Map<string, number>();
      grants.set(itemId, now() + REPROMPT_GRANT_MS);
      bySession.set(session, grants);
    },
    has(itemId, session) {
      const until = bySession.get(session)?.get(itemId);
      return until !== undefined && now() < until;
    },
  };
}
