/**
 * A German browser gets a German Coffer (issue #8: every UI string through browser.i18n): the
 * popup's words and the background's errors, which travel as keys, both come from
 * public/_locales/de. The manifest name stays Coffer.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './launch-extension';
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
    const page = await session.openPopup();
    await page.getByRole('heading', { name: words('firstRunTitle'), exact: true }).waitFor();

    await page.getByLabel(words('emailAddress'), { exact: true }).fill('deutsch@example.com');
    await page.getByLabel(words('masterPassword'), { exact: true }).fill('ein langes Passwort 1');
    await page
      .getByLabel(words('confirmMasterPassword'), { exact: true })
      .fill('ein langes Passwort 1');
    await page.getByRole('button', { name: words('createAccount'), exact: true }).click();
    await page.getByRole('tab', { name: words('settings'), exact: true }).waitFor();

    expect(await sendRequest(page, 'lock')).toMatchObject({ ok: true });
    await page.reload();
    await page.getByLabel(words('masterPassword'), { exact: true }).fill('falsch');
    await page.getByRole('button', { name: words('unlock'), exact: true }).click();
    // Refused by the background, worded by the popup from the German file.
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(words('errorWrongMasterPassword'));
    expect(words('errorWrongMasterPassword')).not.toBe('Invalid master password');

    // A file's problem and its place (a CSV row) in German too.
    await page.getByLabel(words('masterPassword'), { exact: true }).fill('ein langes Passwort 1');
    await page.getByRole('button', { name: words('unlock'), exact: true }).click();
    await page.getByRole('tab', { name: words('settings'), exact: true }).click();
    await page.getByRole('button', { name: words('importData'), exact: true }).click();
    await page.getByLabel(words('fileFormat'), { exact: true }).selectOption('bitwarden_csv');
    await page.getByLabel(words('chooseFile'), { exact: true }).setInputFiles({
      name: 'kaputt.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('folder,favorite,type,name\n,,login,"nie geschlossen\n'),
    });
    await page.getByRole('button', { name: words('importData'), exact: true }).click();
    const expected = words('errorAt')
      .replace('$1', words('errCsvQuote'))
      .replace('$2', words('placeRow').replace('$1', '2'));
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(expected);
  });
});
