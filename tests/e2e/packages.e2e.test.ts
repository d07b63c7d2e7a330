/**
 * The store packages `npm run build` writes (issue #8): the Chrome zip, the Firefox zip and the
 * Firefox sources zip, each holding what its store expects, and the Firefox package rebuilt from
 * the sources zip alone byte for byte (what an AMO reviewer does).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';

const version = JSON.parse(fs.readFileSync('package.json', 'utf8')).version as string;
const pkg = (name: string) => path.resolve('.output', `coffer-${version}-${name}.zip`);

function entries(zip: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(fs.readFileSync(zip)));
}

function manifest(zip: string): Record<string, unknown> {
  return JSON.parse(strFromU8(entries(zip)['manifest.json']!));
}

describe('the store packages', () => {
  it('Chrome: an MV3 service worker, the icons, the English locale', () => {
    const files = entries(pkg('chrome'));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['manifest.json', 'background.js', 'popup.html', 'icon/128.png']),
    );
    const english = JSON.parse(strFromU8(files['_locales/en/messages.json']!));
    expect(manifest(pkg('chrome'))).toMatchObject({
      manifest_version: 3,
      name: 'Coffer',
      default_locale: 'en',
      description: '__MSG_extDescription__',
      background: { service_worker: 'background.js' },
    });
    expect(english.extDescription.message).toMatch(/^A password vault/);
    console.log(`Chrome package: ${fs.statSync(pkg('chrome')).size} bytes`);
  });

  it('Firefox: MV3 with its gecko id and data collection declared', () => {
    expect(manifest(pkg('firefox'))).toMatchObject({
      manifest_version: 3,
      browser_specific_settings: {
        gecko: {
          id: 'coffer@coffer-vault.org',
          data_collection_permissions: { required: ['none'] },
        },
      },
    });
    console.log(`Firefox package: ${fs.statSync(pkg('firefox')).size} bytes`);
  });

  it('Firefox sources: the project to rebuild from, nothing built or left by tests', () => {
    const names = Object.keys(entries(pkg('sources')));
    expect(names).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md']),
    );
    expect(names.some((n) => n.startsWith('src/crypto/'))).toBe(true);
    expect(
      names.filter((n) => /^(node_modules|\.output|\.wxt)\/|tests\/e2e\/artifacts\//.test(n)),
    ).toEqual([]);
    console.log(`Firefox sources package: ${fs.statSync(pkg('sources')).size} bytes`);
  });

  it('rebuilds the Firefox package from the sources zip, byte for byte', () => {
    const out = execFileSync('bash', ['tests/tools/rebuild-from-sources.sh'], { encoding: 'utf8' });
    expect(out).toMatch(/identical to/);
  });
});
