/**
 * Issue #14's benchmark in the built extension in Chromium: a 10,000-item vault with 200
 * attachments totalling 1 GiB, exported as `.zip (with attachments)` and as the encrypted
 * archive through the popup (click to "Saved", the file on disk), then each imported into a new
 * account through Import Data (choose to preview, confirm to "Imported"). Beside each figure: the
 * file's size and the peak resident memory of the extension's process (service worker and
 * offscreen document) and of the browser process (where Chrome keeps blobs), over their level
 * before the step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAccount } from '../e2e/account-flow';
import { exactly, savedFileName, waitForDownload } from '../e2e/downloads';
import { fillExportForm, type ExportKind } from '../e2e/export-flow';
import { openImportData } from '../e2e/import-flow';
import type { ExtensionSession } from '../e2e/launch-extension';
import { PopupPage } from '../e2e/popup-page';
import { sendRequest } from '../e2e/protocol';
import { openSeededVault } from '../e2e/seed-vault';
import { readTruth } from '../helpers/fixtures';
import { truthFolders, truthItems } from '../helpers/truth-items';
import { launchBuiltExtension } from './built-extension';
import { mib, printTable, type Row } from './measure';
import { measureChromiumPeak, type ProcessPeaks } from './process-memory';
import { syntheticVault } from './synthetic-vault';

/** The sizes; COFFER_BENCH_SMALL=1 runs a small version to check the benchmark itself. */
const SMALL = process.env.COFFER_BENCH_SMALL === '1';
const ITEMS = SMALL ? 1_000 : 10_000;
const ATTACHMENTS = SMALL ? 20 : 200;
const TOTAL_BYTES = (SMALL ? 64 : 1024) * 1024 * 1024;
const FILE_PASSWORD = 'bench archive password';
const STEP_TIMEOUT_MS = 15 * 60_000;

export async function benchAttachments(): Promise<void> {
  const rows: Row[] = [];
  const exported: { kind: ExportKind; path: string }[] = [];
  const session = await launchBuiltExtension();
  try {
    const truth = readTruth('pbkdf2');
    const vault = syntheticVault(ITEMS);
    const popup = await openSeededVault(
      session,
      truth,
      truthItems({ ...truth, items: vault.views }),
      truthFolders(truth),
    );
    await popup.page.locator('.item-list').waitFor({ timeout: 60_000 });
    const added = await addAttachments(popup);
    rows.push({
      measure: `setup: ${ATTACHMENTS} attachments (${mib(TOTAL_BYTES)}) sent and added through the protocol`,
      value: `${(added / 1000).toFixed(1)} s`,
    });

    for (const kind of [
      { format: '.zip (with attachments)' },
      { format: '.zip (Encrypted, with attachments)', filePassword: FILE_PASSWORD },
    ] as ExportKind[]) {
      await fillExportForm(popup, kind, truth.account.masterPassword);
      const start = performance.now();
      const {
        result: status,
        peaks,
        baseline,
      } = await measureChromiumPeak(session.userDataDir, async () => {
        await popup.click('Export Vault', { within: 'dialog' });
        return popup.waitForText(/^Saved /, 'status', STEP_TIMEOUT_MS);
      });
      const ms = performance.now() - start;
      const file = await waitForDownload(session.downloadsDir, exactly(savedFileName(status)), {
        timeoutMs: STEP_TIMEOUT_MS,
        readText: false,
      });
      const size = fs.statSync(file.path).size;
      exported.push({ kind, path: file.path });
      rows.push(
        stepRow(
          `export ${kind.format}, click to "Saved" (file on disk)`,
          ms,
          size,
          peaks,
          baseline,
        ),
      );
      await popup.click('Back');
    }
  } finally {
    await session.close();
  }

  for (const { kind, path: filePath } of exported) {
    const fresh = await launchBuiltExtension();
    try {
      rows.push(...(await importInto(fresh, kind, filePath)));
    } finally {
      await fresh.close();
    }
  }
  printTable(
    `Attachments in Chromium (issue #14): ${ITEMS.toLocaleString('en-US')} items, ${ATTACHMENTS} attachments, ${mib(TOTAL_BYTES)}`,
    rows,
  );
}

function stepRow(
  measure: string,
  ms: number,
  size: number,
  peaks: ProcessPeaks,
  baseline: ProcessPeaks,
): Row {
  return {
    measure,
    value: `${(ms / 1000).toFixed(1)} s`,
    target: `file ${mib(size)}; peak over baseline: extension process ${mib(
      peaks.extensionBytes - baseline.extensionBytes,
    )}, browser process ${mib(peaks.browserBytes - baseline.browserBytes)}`,
  };
}

/** Imports the file into a new account through the popup; the preview's and the import's rows. */
async function importInto(
  session: ExtensionSession,
  kind: ExportKind,
  filePath: string,
): Promise<Row[]> {
  const popup = new PopupPage(await session.openPopup());
  await createAccount(popup, 'bench.import@example.com');
  await openImportData(popup);
  await popup.select('File Format', 'Coffer (zip)');
  await popup.chooseFile('Choose File', filePath);
  const size = fs.statSync(filePath).size;
  const start = performance.now();
  const preview = await measureChromiumPeak(session.userDataDir, async () => {
    await popup.click('Import Data', { within: 'form' });
    if ('filePassword' in kind) {
      // Asked once the whole file has arrived: a minute for a gigabyte.
      await untilShownOrRefused(
        popup,
        popup.page
          .getByLabel('File password', { exact: true })
          .waitFor({ timeout: STEP_TIMEOUT_MS })
          .then(() => ''),
      );
      await popup.fill('File password', kind.filePassword);
      await popup.click('Confirm');
    }
    await untilShownOrRefused(
      popup,
      popup.waitForText(/^\d+ items, \d+ folders$/, undefined, STEP_TIMEOUT_MS),
    );
  });
  const previewMs = performance.now() - start;
  const confirmStart = performance.now();
  const imported = await measureChromiumPeak(session.userDataDir, async () => {
    await popup.click('Confirm import');
    return untilShownOrRefused(popup, popup.waitForText(/^Imported /, 'status', STEP_TIMEOUT_MS));
  });
  const importMs = performance.now() - confirmStart;
  const name = path.basename(filePath);
  return [
    stepRow(
      `import ${kind.format} (${name}): choose to preview (upload included)`,
      previewMs,
      size,
      preview.peaks,
      preview.baseline,
    ),
    stepRow(
      `import ${kind.format}: confirm to "${imported.result.trim()}"`,
      importMs,
      size,
      imported.peaks,
      imported.baseline,
    ),
  ];
}

/** What the popup shows next, or its alert as an error (a refusal must not wait for a timeout). */
async function untilShownOrRefused(popup: PopupPage, shown: Promise<string>): Promise<string> {
  const refused = popup
    .waitForText(/\S/, 'alert', STEP_TIMEOUT_MS)
    .then((alert) => Promise.reject(new Error(`The popup refused: ${alert}`)));
  refused.catch(() => undefined);
  return Promise.race([shown, refused]);
}

/** Adds the attachments from the popup page as the popup does (pieces of 4 MiB); the time taken. */
async function addAttachments(popup: PopupPage): Promise<number> {
  const listing = (await sendRequest(popup.page, 'listVault')) as {
    value: { items: { id: string }[] };
  };
  const ids = listing.value.items.slice(0, ATTACHMENTS).map((i) => i.id);
  const each = Math.floor(TOTAL_BYTES / ATTACHMENTS);
  const sizes = ids.map((_, i) =>
    i === ids.length - 1 ? TOTAL_BYTES - each * (ids.length - 1) : each,
  );
  const start = performance.now();
  // Given as text: tsx names the functions it compiles (`__name`), which the page lacks.
  await popup.page.evaluate(`(${UPLOAD_IN_PAGE})(${JSON.stringify({ ids, sizes })})`);
  return performance.now() - start;
}

/** Runs in the popup page: makes each file's random bytes and sends them as the popup would. */
const UPLOAD_IN_PAGE = `async ({ ids, sizes }) => {
  const send = async (method, params) => {
    const reply = await chrome.runtime.sendMessage({ tag: 'coffer/v1', method, params });
    if (!reply.ok) throw new Error(method + ': ' + JSON.stringify(reply.error));
    return reply.value;
  };
  const CHUNK = 4 * 1024 * 1024;
  for (let i = 0; i < ids.length; i++) {
    const bytes = new Uint8Array(sizes[i]);
    for (let o = 0; o < bytes.length; o += 65536) {
      crypto.getRandomValues(bytes.subarray(o, Math.min(bytes.length, o + 65536)));
    }
    const { uploadId } = await send('beginUpload', { size: bytes.length });
    for (let o = 0; o < bytes.length; o += CHUNK) {
      const part = bytes.subarray(o, o + CHUNK);
      let binary = '';
      for (let j = 0; j < part.length; j += 0x8000) {
        binary += String.fromCharCode(...part.subarray(j, j + 0x8000));
      }
      await send('uploadChunk', { uploadId, offset: o, base64: btoa(binary) });
    }
    await send('addAttachment', { itemId: ids[i], fileName: 'document-' + i + '.bin', uploadId });
  }
}`;
