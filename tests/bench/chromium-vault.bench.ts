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
import { CHROMIUM, eachSdkVault, measureVault, type Figure } from './vault-browsers';

const SIZES = benchSizes('COFFER_BENCH_VAULT_SIZES', [1_000, 10_000]);

/** The budgets in ms, by size (none for 1,000 items). */
export const BUDGETS: Record<number, Record<NonNullable<Figure['budget']>, number>> = {
  10_000: { import: 2_000, export: 1_500, rotation: 2_000, open: 200, unlock: 400, search: 50 },
  50_000: { import: 8_000, export: 6_000, rotation: 8_000, open: 250, unlock: 600, search: 100 },
};
/** The popup's JS heap, and the worker's peak as a multiple of the file (the budgets). */
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
          value += ` (SDK exporter ${sdk.sdkExportMs.toFixed(0)} ms: ${ratio.toFixed(1)}× faster, ≥ 3×: ${verdict(ratio >= 3)})`;
        }
        rows.push({
          measure: `${label}: ${figure.label}`,
          value,
          target: budget === undefined ? '' : `≤ ${budget} ms: ${verdict(figure.ms <= budget)}`,
        });
      }
      for (const { label: kind, fileBytes, memory } of exportMemory) {
        const grew = memory.extensionPeak - memory.extensionBaseline;
        rows.push({
          measure: `${label}: export ${kind}: file; extension process RSS before → peak (service worker, popup and offscreen document); popup page's JS heap peak (Chromium's isolate figure: shared with the offscreen document)`,
          value: `${mib(fileBytes)}; ${mib(memory.extensionBaseline)} → ${mib(memory.extensionPeak)} (+${mib(grew)}, ${(grew / fileBytes).toFixed(1)}× the file); ${mib(memory.popupHeapPeak)}`,
          target: `growth ≤ ${PEAK_PER_FILE}× the file: ${verdict(grew <= PEAK_PER_FILE * fileBytes)}; heap ≤ 60 MB: ${verdict(memory.popupHeapPeak <= POPUP_HEAP_BUDGET)}`,
        });
      }
    },
    (label, message) =>
      rows.push({ measure: `${label}: stopped`, value: message, target: 'NOT met' }),
  );
  printTable('Import, export, rotation and the list in Chromium (issue #15)', rows);
}
