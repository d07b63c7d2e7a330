/**
 * The questions an opening popup asks before it has drawn anything. Asked one after the other,
 * each waits for the answer before it (the status decides which view asks the rest) and for a
 * paint (Preact runs effects after one): in Chromium, 40–50 ms of the 200 ms from a click on the
 * toolbar icon to the first items. So the page's entry asks them all at once as it loads, and the
 * views, asking the same questions a moment later, take those answers.
 *
 * An early answer is handed out once, and only while it can be trusted to be what asking then
 * would say: within EARLY_WINDOW_MS of asking, only if it is not an error (a locked vault answers
 * the list with one: after Unlock the list is asked again), and not after a question that may
 * change what they would say (an unlock, a save). The early questions only read; so do others
 * of their methods (the list's next page), which leave the answers waiting.
 */
import type { Request, Reply } from '@/src/protocol/envelope';
import { PROTOCOL_TAG } from '@/src/protocol/envelope';
import type { Send } from '@/src/protocol/client';
import { firstPageOf } from './hooks/use-vault-pages';
import { hasReminder } from './screen-table';
import { WHOLE_VAULT, type Screen } from './screens';

/** How long an early answer may wait for the view that asks for it. */
export const EARLY_WINDOW_MS = 2_000;

/**
 * What the popup asks first when it opens on `screen` (the status, then what that view shows):
 * questions that only read, whatever their parameters.
 */
export function firstQuestions(screen: Screen): Request[] {
  const ask = (method: Request['method'], params?: unknown): Request =>
    params === undefined ? { tag: PROTOCOL_TAG, method } : { tag: PROTOCOL_TAG, method, params };
  const vault = screen.name === 'vault';
  // In the order the worker should answer them: it answers one at a time, the list first.
  return [
    ask('getStatus'),
    ...(vault ? [ask('queryVault', firstPageOf(WHOLE_VAULT))] : []),
    // The unlocked popup's folders, on every screen (App.tsx).
    ask('listFolders'),
    ...(hasReminder(screen) ? [ask('getBackupStatus')] : []),
    ...(vault ? [ask('folderCounts')] : []),
  ];
}

/** `send`, with `questions` asked now and their answers kept for the first to ask them again. */
export function askEarly(
  send: Send,
  questions: readonly Request[],
  now: () => number = () => performance.now(),
): Send {
  const asked = now();
  const reads = new Set(questions.map((question) => question.method));
  const early = new Map<string, Promise<Reply>>();
  for (const question of questions) {
    const answer = send(question);
    // Unused or failed, an early answer is simply not handed out.
    answer.catch(() => undefined);
    early.set(keyOf(question), answer);
  }
  return async (request) => {
    const key = keyOf(request);
    const answer = early.get(key);
    if (answer === undefined) {
      if (!reads.has(request.method)) early.clear();
      return send(request);
    }
    early.delete(key);
    if (now() - asked <= EARLY_WINDOW_MS) {
      const reply = await answer.catch(() => undefined);
      if (reply?.ok === true && now() - asked <= EARLY_WINDOW_MS) return reply;
    }
    return send(request);
  };
}

function keyOf(request: Request): string {
  return JSON.stringify([request.method, request.params ?? null]);
}
