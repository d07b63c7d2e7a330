/**
 * `npm run screenshots`: the README's pictures of the popup, made by driving the built extension
 * in Chromium at popup size (380 × 600) with Bitwarden's SDK fixture vault (22 items), light and
 * dark, into docs/screenshots/. Needs `npx wxt build` (the script runs it when there is no build).
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBuiltExtension } from '../bench/built-extension';
import { unlockVault } from '../e2e/account-flow';
import { openImportData, submitImportFile } from '../e2e/import-flow';
import { PopupPage } from '../e2e/popup-page';
import { seedTruthVault } from '../e2e/seed-vault';
import { openSettings } from '../e2e/settings-flow';
import { fixturePath } from '../helpers/fixtures';

const OUT = path.resolve('docs/screenshots');
const SIZE = { width: 380, height: 600 };

fs.mkdirSync(OUT, { recursive: true });
const session = await launchBuiltExtension();
try {
  const truth = await seedTruthVault(session, 'pbkdf2');
  const page = await session.openPopup();
  await page.setViewportSize(SIZE);
  const popup = new PopupPage(page);
  await unlockVault(popup, truth.account.masterPassword);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const shot = async (name: string) => {
      // Let a new screen settle (fonts, a status fading in) before the picture.
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `${name}-${scheme}.png`) });
      console.log(`docs/screenshots/${name}-${scheme}.png`);
    };
    await popup.click('Vault', { role: 'tab' });
    await page.evaluate(() => window.scrollTo(0, 0));
    // The first login's quick actions, shown as for the row under the pointer.
    await page.locator('.windowed-list .item-row').first().hover();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('vault-list');
    await popup.openItem('Reddit');
    await popup.waitFor('Reddit', { role: 'heading' });
    await shot('item-view');
    await popup.click('Back');
    await openSettings(popup, 'Export Vault');
    await popup.select('File Format', '.kdbx (Encrypted)');
    await popup.fill('File password', 'correct horse battery staple');
    await popup.fill('Confirm file password', 'correct horse battery staple');
    await shot('export-vault');
    await openImportData(popup);
    await submitImportFile(popup, { path: fixturePath('pbkdf2', 'sdk-plain.json') });
    await popup.waitFor('Confirm import');
    await shot('import-preview');
    await popup.click('Cancel');
  }
} finally {
  await session.close();
}
