/**
 * Issue #16's figures: a `.kdbx` of Bitwarden's SDK-written vault (10,000 items by default),
 * exported through the popup of the built extension in Chromium (click to file on disk) and
 * imported back into an empty vault (confirm to "Imported"), beside KeePassXC's own command line
 * opening the same database (`keepassxc-cli export`, the time of the whole command).
 *
 * COFFER_BENCH_KDBX_SIZES=1000,10000 chooses the sizes (COFFER_BENCH_SMALL=1: 1,000).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { benchSizes, printTable, type Row } from './measure';
import { CHROMIUM, eachSdkVault } from './vault-browsers';
import { exportKind, importFile, median } from './vault-flow';

const SIZES = benchSizes('COFFER_BENCH_KDBX_SIZES', [10_000]);
const FILE_PASSWORD = 'bench kdbx file password';
const RUNS = 3;

export async function benchChromiumKdbx(): Promise<void> {
  const rows: Row[] = [];
  await eachSdkVault(
    SIZES,
    async (sdk, label) => {
      let kdbx = '';
      await CHROMIUM.withVault(sdk, async ({ popup, downloadsDir }) => {
        await importFile(popup, path.join(sdk.dir, 'sdk-plain.json'));
        for (const encryption of ['AES-256', 'ChaCha20'] as const) {
          const before = new Set(fs.readdirSync(downloadsDir));
          const ms = await exportKind(
            popup,
            { format: '.kdbx (Encrypted)', filePassword: FILE_PASSWORD, encryption },
            sdk.truth.account.masterPassword,
          );
          const name = fs.readdirSync(downloadsDir).find((n) => !before.has(n))!;
          const file = path.join(downloadsDir, name);
          const bytes = fs.statSync(file).size;
          rows.push({
            measure: `${label}: export .kdbx (${encryption}), click to file on disk`,
            Coffer: `${ms.toFixed(0)} ms`,
            'keepassxc-cli': '',
            file: `${(bytes / 1024 / 1024).toFixed(1)} MiB`,
          });
          if (encryption === 'AES-256') {
            kdbx = `${file}.copy`;
            fs.copyFileSync(file, kdbx);
          }
        }
      });
      const cli: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        execFileSync('keepassxc-cli', ['export', '-q', '-f', 'xml', kdbx], {
          input: `${FILE_PASSWORD}\n`,
          stdio: ['pipe', 'ignore', 'ignore'],
        });
        cli.push(performance.now() - started);
      }
      await CHROMIUM.withVault(sdk, async ({ popup }) => {
        const { confirm, preview } = await importFile(popup, kdbx, FILE_PASSWORD, 'KeePass (kdbx)');
        rows.push({
          measure: `${label}: import that .kdbx (AES-256), confirm to "Imported" (choose to preview)`,
          Coffer: `${confirm.toFixed(0)} ms (${preview.toFixed(0)} ms)`,
          'keepassxc-cli': `${median(cli).toFixed(0)} ms (export to XML, median of ${RUNS})`,
          file: '',
        });
      });
    },
    (label, message) =>
      rows.push({ measure: `${label}: stopped`, Coffer: message, 'keepassxc-cli': '', file: '' }),
  );
  printTable('KeePass .kdbx in Chromium beside keepassxc-cli (issue #16)', rows);
}
