/**
 * The real toolbar popup (not popup.html in a tab): opened with chrome.action.openPopup() from
 * the service worker. Playwright does not expose popup targets as pages, so scripts run in it
 * through raw CDP messages.
 */
import type { CDPSession } from 'playwright-core';
import type { ExtensionSession } from './launch-extension';

export interface ToolbarPopup {
  /** Rejects with ToolbarPopupClosed when the popup closes before answering. */
  evaluate<T>(expression: string): Promise<T>;
}

/**
 * The popup closed before a script in it answered. A toolbar popup closes when it loses focus,
 * which a loaded machine can make happen right after it opened; CDP then never answers.
 */
export class ToolbarPopupClosed extends Error {
  constructor() {
    super('The toolbar popup closed before the script in it answered');
  }
}

/** A script that answers in this time has answered; none of the tests' scripts take longer. */
const EVALUATE_TIMEOUT_MS = 15_000;

export async function openToolbarPopup(session: ExtensionSession): Promise<ToolbarPopup> {
  const worker = await session.serviceWorker();
  await worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }
    ).chrome.action.openPopup(),
  );
  const cdp = await session.context.browser()!.newBrowserCDPSession();
  const targetId = await waitForPopupTarget(cdp, session.extensionId);
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as {
    sessionId: string;
  };
  let closed = false;
  const whenClosed = new Set<() => void>();
  cdp.on('Target.detachedFromTarget', (event: { sessionId?: string }) => {
    if (event.sessionId !== sessionId) return;
    closed = true;
    for (const reject of whenClosed) reject();
  });
  let nextId = 0;
  return {
    evaluate<T>(expression: string): Promise<T> {
      if (closed) return Promise.reject(new ToolbarPopupClosed());
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        const done = () => {
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          whenClosed.delete(onClosed);
          clearTimeout(timer);
        };
        const onClosed = () => {
          done();
          reject(new ToolbarPopupClosed());
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`The toolbar popup did not answer within ${EVALUATE_TIMEOUT_MS} ms`));
        }, EVALUATE_TIMEOUT_MS);
        const onMessage = (event: { sessionId?: string; message: string }) => {
          if (event.sessionId !== undefined && event.sessionId !== sessionId) return;
          const message = JSON.parse(event.message) as {
            id?: number;
            result?: { result: { value: T }; exceptionDetails?: unknown };
          };
          if (message.id !== id) return;
          done();
          if (message.result?.exceptionDetails)
            reject(new Error(JSON.stringify(message.result.exceptionDetails)));
          else resolve(message.result!.result.value);
        };
        whenClosed.add(onClosed);
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        // A popup closing meanwhile makes this fail too; onClosed (or the timer) answers then.
        void cdp
          .send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({
              id,
              method: 'Runtime.evaluate',
              params: { expression, awaitPromise: true, returnByValue: true },
            }),
          })
          .catch(() => undefined);
      });
    },
  };
}

async function waitForPopupTarget(cdp: CDPSession, extensionId: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const popup = targetInfos.find(
      (t) => t.type === 'page' && t.url === `chrome-extension://${extensionId}/popup.html`,
    );
    if (popup) return popup.targetId;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The toolbar popup did not open');
}
