/**
 * A German browser gets a German Coffer (issue #8: every UI string through browser.i18n): the
 * popup's words and the background's errors, which travel as keys, both come from
 * public/_locales/de. The manifest name stays Coffer.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fileToImport } from './import-flow';
import { launchExtension, type ExtensionSession } from './launch-extension';
import { PopupPage } from './popup-page';
import { sendRequest } from './protocol';

type Messages = Record<string, { message: string }>;
const german: Messages = JSON.parse(
  fs.readFileSync('.output/chrome-mv3/_locales/de/messages.json', 'utf8'),
);
const words = (key: string) => german[key]!.message;

describe('Coffer in German', () => {
  let session: ExtensionSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('speaks German in a German browser, the background’s errors included', async () => {
    session = await launchExtension({ locale: 'de' });
    // The popup driven by the German words, as the English tests are driven by ui.md's.
    const popup = new PopupPage(await session.openPopup());
    await popup.waitFor(words('firstRunTitle'), { role: 'heading' });

    await popup.fill(words('emailAddress'), 'deutsch@example.com');
    await popup.fill(words('masterPassword'), 'ein langes Passwort 1');
    await popup.fill(words('confirmMasterPassword'), 'ein langes Passwort 1');
    await popup.click(words('createAccount'));
    await popup.waitFor(words('settings'), { role: 'tab' });

    expect(await sendRequest(popup.page, 'lock')).toMatchObject({ ok: true });
    await popup.page.reload();
    await popup.fill(words('masterPassword'), 'falsch');
    await popup.click(words('unlock'));
    // Refused by the background, worded by the popup from the German file.
    await expect
      .poll(() => popup.page.getByRole('alert').textContent())
      .toBe(words('errorWrongMasterPassword'));
    expect(words('errorWrongMasterPassword')).not.toBe('Invalid master password');

    // A file's problem and its place (a CSV row) in German too.
    await popup.fill(words('masterPassword'), 'ein langes Passwort 1');
    await popup.click(words('unlock'));
    await popup.click(words('settings'), { role: 'tab' });
    await popup.click(words('importData'));
    await popup.select(words('fileFormat'), 'Bitwarden (csv)');
    await popup.chooseFile(
      words('chooseFile'),
      fileToImport('kaputt.csv', 'folder,favorite,type,name\n,,login,"nie geschlossen\n'),
    );
    await popup.click(words('importData'), { within: 'form' });
    const expected = words('errorAt')
      .replace('$1', words('errCsvQuote'))
      .replace('$2', words('placeRow').replace('$1', '2'));
    await expect.poll(() => popup.page.getByRole('alert').textContent()).toBe(expected);
  });
});
