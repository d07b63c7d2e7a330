/**
 * Renders public/icon/coffer.svg to the PNG sizes the manifest lists, in Debian's Chromium.
 * Run by hand after changing the SVG: `npx tsx tests/tools/render-icons.ts`.
 */
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const SIZES = [16, 32, 48, 96, 128];
const iconDir = path.resolve('public/icon');
const svg = fs.readFileSync(path.join(iconDir, 'coffer.svg'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
for (const size of SIZES) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: path.join(iconDir, `${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
