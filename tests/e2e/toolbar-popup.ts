/**
 * The real toolbar popup (not popup.html in a tab): opened with chrome.action.openPopup() from
 * the service worker. Playwright does not expose popup targets as pages, so scripts run in it
 * through raw CDP messages.
 */
import type { CDPSession } from 'playwright-core';
import type { ExtensionSession } from './launch-extension';

export interface ToolbarPopup {
  evaluate<T>(expression: string): Promise<T>;
}

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
  let nextId = 0;
  return {
    evaluate<T>(expression: string): Promise<T> {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        const onMessage = (event: { message: string }) => {
          const message = JSON.parse(event.message) as {
            id?: number;
            result?: { result: { value: T }; exceptionDetails?: unknown };
          };
          if (message.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          if (message.result?.exceptionDetails)
            reject(new Error(JSON.stringify(message.result.exceptionDetails)));
          else resolve(message.result!.result.value);
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({
            id,
            method: 'Runtime.evaluate',
            params: { expression, awaitPromise: true, returnByValue: true },
          }),
        });
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
