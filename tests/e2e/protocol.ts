/** Sends one VaultApi request from an extension page, as the popup's client would. */
import type { Page } from 'playwright-core';

interface ChromeRuntime {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export function sendRequest(page: Page, method: string, params?: unknown): Promise<unknown> {
  return page.evaluate(
    ([m, p]) =>
      (globalThis as unknown as { chrome: ChromeRuntime }).chrome.runtime.sendMessage(
        p === undefined
          ? { tag: 'coffer/v1', method: m }
          : { tag: 'coffer/v1', method: m, params: p },
      ),
    [method, params] as const,
  );
}
