/**
 * The popup's first questions, asked as its page loads: each view that asks one of them again
 * takes that answer instead of asking anew, but never a stale or failed one.
 */
import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { App } from '@/src/popup/App';
import { EARLY_WINDOW_MS, askEarly, firstQuestions } from '@/src/popup/early-answers';
import { firstPageOf } from '@/src/popup/hooks/use-vault-pages';
import { WHOLE_VAULT } from '@/src/popup/screens';
import { createHandlers } from '@/src/background/handlers';
import { dispatch } from '@/src/protocol/dispatch';
import { createVaultClient, type Send } from '@/src/protocol/client';
import { PROTOCOL_TAG, type Reply, type Request } from '@/src/protocol/envelope';
import { createUnlockedBackground } from '../helpers/background';

const ask = (method: Request['method'], params?: unknown): Request =>
  params === undefined ? { tag: PROTOCOL_TAG, method } : { tag: PROTOCOL_TAG, method, params };

/** A transport that counts what reaches the background and answers from `answer`. */
function countingSend(answer: (request: Request) => Promise<Reply>) {
  const sent: string[] = [];
  const send: Send = (request) => {
    sent.push(request.method);
    return answer(request);
  };
  return { send, sent };
}

describe('early answers', () => {
  it('ask the first questions at once and hand each answer to the first view that asks it', async () => {
    let answers = 0;
    const { send, sent } = countingSend(async () => ({ ok: true, value: ++answers }));
    const early = askEarly(send, [ask('getStatus'), ask('queryVault', { offset: 0 })]);
    expect(sent).toEqual(['getStatus', 'queryVault']);
    expect(await early(ask('queryVault', { offset: 0 }))).toEqual({ ok: true, value: 2 });
    expect(await early(ask('getStatus'))).toEqual({ ok: true, value: 1 });
    // Once only: the same question later is asked anew.
    expect(await early(ask('getStatus'))).toEqual({ ok: true, value: 3 });
    expect(sent).toEqual(['getStatus', 'queryVault', 'getStatus']);
  });

  it('ask again what failed or came back as an error (a locked vault, later unlocked)', async () => {
    let locked = true;
    const { send, sent } = countingSend(async (request) => {
      if (request.method === 'listFolders') throw new Error('no background yet');
      return locked
        ? { ok: false, error: { key: 'errorLocked', args: [] } as never }
        : { ok: true, value: [] };
    });
    const early = askEarly(send, [ask('queryVault', { offset: 0 }), ask('listFolders')]);
    locked = false;
    expect(await early(ask('queryVault', { offset: 0 }))).toEqual({ ok: true, value: [] });
    await expect(early(ask('listFolders'))).rejects.toThrow('no background yet');
    expect(sent).toEqual(['queryVault', 'listFolders', 'queryVault', 'listFolders']);
  });

  it('wait through other reads, and are dropped by a change and when the view asks too late', async () => {
    let clock = 0;
    let answers = 0;
    const { send, sent } = countingSend(async () => ({ ok: true, value: ++answers }));
    const page = (offset: number) => ask('queryVault', { offset });
    const questions = [ask('getStatus'), page(0), ask('listFolders')];
    const early = askEarly(send, questions, () => clock);
    // The list's next page (the same method, other parameters) is asked; the rest still wait.
    expect(await early(page(100))).toEqual({ ok: true, value: 4 });
    expect(await early(page(0))).toEqual({ ok: true, value: 2 });
    // A change drops what is left.
    await early(ask('unlock', { masterPassword: 'x' }));
    expect(await early(ask('getStatus'))).toEqual({ ok: true, value: 6 });
    expect(sent).toEqual([
      'getStatus',
      'queryVault',
      'listFolders',
      'queryVault',
      'unlock',
      'getStatus',
    ]);
    const late = askEarly(send, questions, () => clock);
    clock = EARLY_WINDOW_MS + 1;
    expect(await late(ask('listFolders'))).toEqual({ ok: true, value: 10 });
    expect(sent.slice(6)).toEqual(['getStatus', 'queryVault', 'listFolders', 'listFolders']);
  });

  it('name what the vault screen asks first, and only the status and folders elsewhere', () => {
    const methods = (questions: Request[]) => questions.map((q) => q.method);
    expect(firstQuestions({ name: 'vault' })).toEqual([
      ask('getStatus'),
      ask('queryVault', firstPageOf(WHOLE_VAULT)),
      ask('listFolders'),
      ask('getBackupStatus'),
      ask('folderCounts'),
    ]);
    expect(methods(firstQuestions({ name: 'import' }))).toEqual(['getStatus', 'listFolders']);
  });

  it('are the questions the popup asks: opening on an unlocked vault asks each of them once', async () => {
    const { ctx, client } = await createUnlockedBackground();
    // A favorite first, then more than a page of others: the list asks for its next page too.
    const note = (name: string, favorite = false) =>
      client.saveItem({
        item: { type: 2, name, notes: 'x', favorite, secureNote: { type: 0 } } as never,
      });
    await note('Wifi', true);
    for (let i = 0; i < 110; i++) await note(`Note ${String(i).padStart(3, '0')}`);
    const handlers = createHandlers(ctx);
    const { send, sent } = countingSend(
      async (request) => JSON.parse(JSON.stringify(await dispatch(handlers, request))) as Reply,
    );
    render(<App client={createVaultClient(askEarly(send, firstQuestions({ name: 'vault' })))} />);
    await screen.findByRole('button', { name: /^Wifi/ });
    await screen.findByRole('button', { name: /^Note 000/ });
    await waitFor(() => expect(screen.getByLabelText('Filter by folder')).toBeTruthy());
    // Each asked once: a view's question that missed its early answer would be asked again.
    const times = (method: string) => sent.filter((m) => m === method).length;
    for (const method of ['getStatus', 'listFolders', 'getBackupStatus', 'folderCounts']) {
      expect([method, times(method)]).toEqual([method, 1]);
    }
    // The first page early, and the next one the list asked for itself.
    expect(times('queryVault')).toBeGreaterThanOrEqual(1);
  });
});
