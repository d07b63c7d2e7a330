/**
 * Issue #15's vault figures where the person is: the built extension in headless Chromium,
 * driven through the popup (vault-browsers.ts says the steps), on vaults Bitwarden's SDK exporter
 * wrote, beside the SDK's own password-protected export of the same vault in the same run, with
 * the memory each export takes beside the file it wrote.
 *
 * COFFER_BENCH_VAULT_SIZES=1000,10000,50000 chooses the sizes (1,000 and 10,000 by default;
 * COFFER_BENCH_SMALL=1: 1,000).
 */
import { benchSizes, mib, printTable, verdict, type Row } from './measure';
import type { ContextHeap } from './heap-watch';
import { CHROMIUM, eachSdkVault, measureVault, type Figure } from './vault-browsers';

const SIZES = benchSizes('COFFER_BENCH_VAULT_SIZES', [1_000, 10_000]);

/** The issue's budgets in ms, by size (none for 1,000 items). */
export const BUDGETS: Record<number, Record<NonNullable<Figure['budget']>, number>> = {
  10_000: { import: 2_000, export: 1_500, rotation: 2_000, open: 200, unlock: 400, search: 50 },
  50_000: { import: 8_000, export: 6_000, rotation: 8_000, open: 250, unlock: 600, search: 100 },
};
/** How many times faster than the SDK's exporter the password-protected export must be, by size. */
const SDK_RATIO_BUDGETS: Record<number, number> = { 10_000: 3 };
/**
 * The popup's JS heap, and the worker's peak as a multiple of the file (the issue's budgets, for
 * the sizes it gives budgets for: a 1,000-item vault's figures are printed without a verdict).
 */
const POPUP_HEAP_BUDGET = 60e6;
const PEAK_PER_FILE = 5;

export async function benchChromiumVault(): Promise<void> {
  const rows: Row[] = [];
  await eachSdkVault(
    SIZES,
    async (sdk, label) => {
      const { figures, exportMemory } = await measureVault(CHROMIUM, sdk, { memory: true });
      for (const figure of figures) {
        const budget = figure.budget && BUDGETS[sdk.size]?.[figure.budget];
        let value = `${figure.ms.toFixed(0)} ms`;
        if (figure.key === 'export password protected') {
          const ratio = sdk.sdkExportMs / figure.ms;
          const wanted = SDK_RATIO_BUDGETS[sdk.size];
          value += ` (SDK exporter ${sdk.sdkExportMs.toFixed(0)} ms: ${ratio.toFixed(1)}× faster${wanted === undefined ? '' : `, ≥ ${wanted}×: ${verdict(ratio >= wanted)}`})`;
        }
        rows.push({
          measure: `${label}: ${figure.label}`,
          value,
          target: budget === undefined ? '' : `≤ ${budget} ms: ${verdict(figure.ms <= budget)}`,
        });
      }
      for (const { label: kind, fileBytes, memory } of exportMemory) {
        const grew = memory.extensionPeak - memory.extensionBaseline;
        const times = (bytes: number) => `${(bytes / fileBytes).toFixed(1)}×`;
        const live = workerGrowth(memory.liveHeaps);
        const asLeft = workerGrowth(memory.heaps);
        rows.push({
          measure: `${label}: export ${kind}: file; the service worker's JS memory (V8 heap, ArrayBuffers, Blink heap) alive, before → peak (a full collection before each sample); the same as the collector left it; the extension's other contexts alive (the offscreen document's isolate, shared with the popup; its Workers); the extension process's RSS before → peak; the popup page's JS heap peak`,
          value: `${mib(fileBytes)}; ${live.text} (${times(live.grew)}); ${asLeft.text} (${times(asLeft.grew)}); ${otherContexts(memory.liveHeaps)}; ${mib(memory.extensionBaseline)} → ${mib(memory.extensionPeak)} (+${mib(grew)}); ${mib(memory.popupHeapPeak)}`,
          target:
            BUDGETS[sdk.size] === undefined
              ? ''
              : `worker alive ≤ ${PEAK_PER_FILE}× the file: ${verdict(live.grew <= PEAK_PER_FILE * fileBytes)}; as left: ${verdict(asLeft.grew <= PEAK_PER_FILE * fileBytes)}; heap ≤ 60 MB: ${verdict(memory.popupHeapPeak <= POPUP_HEAP_BUDGET)}`,
        });
      }
    },
    (label, message) =>
      rows.push({ measure: `${label}: stopped`, value: message, target: 'NOT met' }),
  );
  printTable('Import, export, rotation and the list in Chromium (issue #15)', rows);
}

/** The service worker's growth over its level before the export, and how it reads. */
function workerGrowth(heaps: ContextHeap[]): { grew: number; text: string } {
  const worker = heaps.find((c) => c.type === 'service_worker' && c.answered);
  if (!worker) return { grew: Number.POSITIVE_INFINITY, text: 'not measured' };
  const grew = worker.peak - worker.baseline;
  return { grew, text: `${mib(worker.baseline)} → ${mib(worker.peak)} (+${mib(grew)})` };
}

/**
 * The offscreen document (its figure is the isolate it shares with the popup, so the popup's
 * heap is in it) and its Workers, alive: each peak, whole if it started during the export.
 */
function otherContexts(heaps: ContextHeap[]): string {
  const others = heaps.filter((c) => c.type !== 'service_worker');
  const name = (c: ContextHeap) => c.url.replace(/^.*\//, '') || `a ${c.type}`;
  const figure = (c: ContextHeap) =>
    c.answered ? `${mib(c.baseline)} → ${mib(c.peak)}` : 'did not answer';
  return others.map((c) => `${name(c)} ${figure(c)}`).join(', ') || 'none running';
}
