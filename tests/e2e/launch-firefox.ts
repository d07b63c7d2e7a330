/**
 * Launches Debian's Firefox ESR with the Firefox end-to-end build through puppeteer-core over
 * WebDriver BiDi (toolchain.md §4: there is no geckodriver here). BiDi cannot navigate to
 * moz-extension:// pages, so that build opens its popup in a tab on install, and the tab is found
 * by its URL. Downloads go to a folder of the test's own, under the names Coffer gave them.
 */
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { makeTempDir } from '../helpers/temp-dirs';

const FIREFOX_EXTENSION_DIR = path.resolve('.output/firefox-mv3-e2e');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Matches the gecko id in wxt.config.ts; the fixed UUID gives the extension a known origin. */
const GECKO_ID = 'coffer@coffer-vault.org';
const EXTENSION_UUID = '6f1c2f0e-3b8a-4d5e-9c7a-2b1d4e6f8a90';

export interface FirefoxSession {
  browser: Browser;
  popup: Page;
  downloadsDir: string;
  /** The profile folder: kept after close when the caller chose it, for tests that read it. */
  userDataDir?: string;
  close(): Promise<void>;
}

export async function launchFirefox(
  options: { userDataDir?: string } = {},
): Promise<FirefoxSession> {
  if (!fs.existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox e2e build in ${FIREFOX_EXTENSION_DIR}`);
  }
  const downloadsDir = makeTempDir('ff-downloads');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'browser.download.dir': downloadsDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      // A closed network: no update, telemetry or remote-settings traffic.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const popup = await findPopupTab(browser);
  return {
    browser,
    popup,
    downloadsDir,
    userDataDir: options.userDataDir,
    close: () => browser.close(),
  };
}

async function findPopupTab(browser: Browser): Promise<Page> {
  const prefix = `moz-extension://${EXTENSION_UUID}/popup.html`;
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const page of await browser.pages()) {
      // Puppeteer reports such tabs as about:blank; the document knows its real address.
      const url = await page.evaluate(() => document.URL).catch(() => '');
      if (url.startsWith(prefix)) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The Firefox e2e build did not open its popup tab');
}
