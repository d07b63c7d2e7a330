/**
 * Launches Debian's Chromium with the built extension (toolchain.md §3), finds the extension id
 * from its service worker, and hands back what a test needs: the context, the id, a downloads
 * folder where files keep the names Coffer gave them, and a way to relaunch on the same profile.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { onTestFailed, type TestContext } from 'vitest';
import { makeTempDir } from '../helpers/temp-dirs';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const ARTIFACTS_DIR = path.resolve('tests/e2e/artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  downloadsDir: string;
  serviceWorker(): Promise<Worker>;
  openPopup(): Promise<Page>;
  /**
   * Stops the service worker as the browser does when it is idle, through the DevTools of `page`
   * (any page of the session); resolves once it has stopped (one not started yet is waited for).
   * An open popup's port starts it again at once.
   */
  stopServiceWorker(page: Page): Promise<void>;
  /**
   * Closes the browser (as a person quitting it would) and starts it again on the same profile;
   * `whileClosed` runs between the two (an update of the extension's files, say).
   */
  relaunch(whileClosed?: () => void): Promise<void>;
  close(): Promise<void>;
}

export async function launchExtension(
  options: {
    downloadsDir?: string;
    locale?: string;
    /** The unpacked extension's folder: the build, unless a test stages one of its own. */
    extensionDir?: string;
  } = {},
): Promise<ExtensionSession> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  // English unless asked: the tests drive the popup by the words of ui.md, whatever this
  // machine's language.
  const locale = options.locale ?? 'en-US';
  const userDataDir = makeTempDir('e2e-profile');
  const downloadsDir = options.downloadsDir ?? makeTempDir('e2e-downloads');
  // Chromium itself handles downloads (not Playwright), so files land under their real names.
  fs.mkdirSync(path.join(userDataDir, 'Default'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'Default', 'Preferences'),
    JSON.stringify({
      download: {
        default_directory: downloadsDir,
        prompt_for_download: false,
        directory_upgrade: true,
      },
    }),
  );

  let context = await startChromium(userDataDir, locale, extensionDir);
  let extensionId = await findExtensionId(context);

  const session: ExtensionSession = {
    get context() {
      return context;
    },
    get extensionId() {
      return extensionId;
    },
    userDataDir,
    downloadsDir,
    async serviceWorker() {
      return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    },
    async openPopup() {
      const page = await context.newPage();
      await page.setViewportSize({ width: 380, height: 600 });
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      screenshotOnFailure(page);
      return page;
    },
    async stopServiceWorker(page) {
      const cdp = await context.newCDPSession(page);
      // Every version the browser knows of must be stopped: after an update there can be two,
      // and the older one, stopped already, says nothing of the one that runs. One that has not
      // started yet (a popup that has just opened wakes it) is waited for.
      const status = new Map<string, string>();
      let seenRunning!: () => void;
      const running = new Promise<void>((resolve) => (seenRunning = resolve));
      let allStopped: (() => void) | undefined;
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const version of versions) status.set(version.versionId, version.runningStatus);
        const statuses = [...status.values()];
        if (statuses.includes('running')) seenRunning();
        if (allStopped && statuses.every((s) => s === 'stopped')) allStopped();
      });
      await cdp.send('ServiceWorker.enable');
      await running;
      const stopped = new Promise<void>((resolve) => (allStopped = resolve));
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
      await cdp.detach();
    },
    async relaunch(whileClosed) {
      await context.close();
      whileClosed?.();
      context = await startChromium(userDataDir, locale, extensionDir);
      extensionId = await findExtensionId(context);
    },
    async close() {
      await context.close();
    },
  };
  return session;
}

async function startChromium(
  userDataDir: string,
  locale: string,
  extensionDir: string,
): Promise<BrowserContext> {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No extension build in ${extensionDir}: run "npm run build" first.`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    // Chromium on Linux takes its UI language (and so the extension's) from LANGUAGE, and only
    // when it has that language's pack (Debian's chromium-l10n); `locale` sets the web-facing one.
    locale,
    env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
    acceptDownloads: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // This machine's network is closed: without these, Chromium keeps trying Google's hosts.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const cdp = await context.browser()!.newBrowserCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  return context;
}

async function findExtensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/** Saves a screenshot of the page under tests/e2e/artifacts when the running test fails. */
export function screenshotOnFailure(page: Page, context?: TestContext): void {
  if (context) {
    context.onTestFailed(saveScreenshot);
    return;
  }
  // Outside a running test (a hook, or a script using this harness) there is nothing to hook.
  try {
    onTestFailed(saveScreenshot);
  } catch {
    return;
  }
  async function saveScreenshot({ task }: { task: { name: string } }): Promise<void> {
    if (page.isClosed()) return;
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    // Best effort: a page closing as the test failed must not add a second failure.
    await page
      .screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true })
      .catch(() => {});
  }
}
