/**
 * A copied password leaves the clipboard after the chosen delay, also when the popup has closed
 * by then (Chrome's worker clears it through the offscreen document), and only if the clipboard
 * still holds it.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIPBOARD_ALARM } from '@/src/background/clipboard-clearer';
import { OFFSCREEN_PORT } from '@/src/protocol/offscreen';
import { createAccount } from './account-flow';
import { addItem } from './item-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';

/** The shortest choice, plus slack for the worker's timer and the offscreen document. */
const CLEAR_AFTER_MS = 10_000;
const SLACK_MS = 5_000;

interface WorkerGlobals {
  chrome: {
    runtime: {
      onConnect: {
        addListener(listener: (port: ChromePort) => void): void;
        removeListener(listener: (port: ChromePort) => void): void;
      };
    };
    alarms: { get(name: string): Promise<unknown> };
  };
  cofferClipboardCleared?: Promise<boolean>;
}
interface ChromePort {
  name: string;
  onMessage: { addListener(listener: (message: { op?: string; cleared?: boolean }) => void): void };
}

/**
 * Listens, in the worker, to the offscreen document's port for its answer to the next clipboard
 * clear: whether it found the copied secret and cleared it. The clear is over when it answers.
 */
async function watchNextClear(worker: Worker): Promise<void> {
  await worker.evaluate((portName) => {
    const g = globalThis as unknown as WorkerGlobals;
    g.cofferClipboardCleared = new Promise<boolean>((resolve) => {
      g.chrome.runtime.onConnect.addListener(function onConnect(port) {
        if (port.name !== portName) return;
        port.onMessage.addListener((message) => {
          if (message.op !== 'clipboard-cleared') return;
          g.chrome.runtime.onConnect.removeListener(onConnect);
          resolve(message.cleared === true);
        });
      });
    });
  }, OFFSCREEN_PORT);
}

describe('clearing the clipboard in Chromium', () => {
  let session: ExtensionSession;
  let reader: Page;

  beforeAll(async () => {
    session = await launchExtension();
    // Coffer's own pages may use the clipboard through its clipboardRead/Write permissions.
    const origin = `chrome-extension://${session.extensionId}`;
    const popup = new PopupPage(await session.openPopup());
    await createAccount(popup, 'clipboard@example.com');
    await addItem(popup, {
      type: 'Login',
      name: 'Clipboard login',
      fields: { Username: 'ada', Password: 'clipboard-secret-1' },
    });
    await popup.click('Settings', { role: 'tab' });
    await popup.select('Clear clipboard', '10 seconds');
    await popup.waitForText(/10 seconds/, 'status');
    await popup.page.close();
    // An extension page of Coffer's own, to read and write the clipboard as the test.
    reader = await session.context.newPage();
    await reader.goto(`${origin}/popup.html`);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function readClipboard(): Promise<string> {
    await reader.bringToFront();
    return reader.evaluate(() => navigator.clipboard.readText());
  }

  /**
   * Copies the password, waits until the background has scheduled its clear, and closes the
   * popup; resolves to the clear's answer (true: it cleared) and how long after the copy it came.
   */
  async function copyPasswordAndClose(): Promise<() => Promise<{ cleared: boolean; ms: number }>> {
    const worker = await session.serviceWorker();
    await watchNextClear(worker);
    const popup = new PopupPage(await session.openPopup());
    await popup.page.bringToFront();
    await popup.openItem('Clipboard login');
    await popup.click('Copy password');
    const copiedAt = Date.now();
    await expect
      .poll(() =>
        worker.evaluate(
          (name) => (globalThis as unknown as WorkerGlobals).chrome.alarms.get(name),
          CLIPBOARD_ALARM,
        ),
      )
      .toBeTruthy();
    await popup.page.close();
    return async () => {
      const cleared = await worker.evaluate(
        () => (globalThis as unknown as WorkerGlobals).cofferClipboardCleared!,
      );
      return { cleared, ms: Date.now() - copiedAt };
    };
  }

  it('clears a copied password after the delay, with the popup closed', async () => {
    const clear = await copyPasswordAndClose();
    expect(await readClipboard()).toBe('clipboard-secret-1');
    const { cleared, ms } = await clear();
    expect(cleared).toBe(true);
    expect(ms).toBeLessThan(CLEAR_AFTER_MS + SLACK_MS);
    expect(await readClipboard()).toBe('');
  });

  it('keeps what was copied elsewhere before the delay ended', async () => {
    const clear = await copyPasswordAndClose();
    expect(await readClipboard()).toBe('clipboard-secret-1');
    await reader.bringToFront();
    await reader.evaluate(() => navigator.clipboard.writeText('a recipe, copied meanwhile'));
    // The clear ran to its end and found something else on the clipboard.
    expect((await clear()).cleared).toBe(false);
    expect(await readClipboard()).toBe('a recipe, copied meanwhile');
  });
});
