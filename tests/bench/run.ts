/**
 * `npm run bench`: Coffer's speed and memory figures beside the reference implementations, in
 * one run on this machine. `npm run bench -- crypto` runs one section.
 */
import { benchCrypto } from './crypto.bench';
import { benchVault } from './vault.bench';
import { benchExport } from './export.bench';
import { benchChromiumExport } from './chromium-export.bench';
import { benchImport } from './import.bench';
import { benchRotation } from './rotation.bench';
import { benchChromiumStartup } from './chromium-startup.bench';
import { benchAttachments } from './attachments.bench';
import { benchChromiumList } from './chromium-list.bench';
import { benchChromiumVault } from './chromium-vault.bench';
import { benchFirefoxVault } from './firefox-vault.bench';
import { benchChromiumKdbx } from './chromium-kdbx.bench';
import { machine } from './measure';
import { removeTempDirs } from '../helpers/temp-dirs';

const SECTIONS: Record<string, () => Promise<void>> = {
  crypto: benchCrypto,
  vault: benchVault,
  export: benchExport,
  'chromium-export': benchChromiumExport,
  import: benchImport,
  rotation: benchRotation,
  'chromium-startup': benchChromiumStartup,
  attachments: benchAttachments,
  'chromium-list': benchChromiumList,
  'chromium-vault': benchChromiumVault,
  'firefox-vault': benchFirefoxVault,
  'chromium-kdbx': benchChromiumKdbx,
};

const wanted = process.argv.slice(2);
console.log(`# Coffer benchmark\n\nMachine: ${machine()}`);
for (const [name, run] of Object.entries(SECTIONS)) {
  if (wanted.length === 0 || wanted.includes(name)) {
    await run();
    // A section's browser profiles and downloads (1.4 GB at 50,000 items) go before the next.
    removeTempDirs();
  }
}
