/**
 * Notes, in order, when a store's batch reads yield and when its items are counted: IndexedDB
 * answers a database's requests one after another, so a count asked before the first batch's read
 * makes that read wait (counted-progress.ts).
 */
import { vi } from 'vitest';
import type { VaultStore } from '@/src/store/vault-store';

export function watchReadOrder(store: VaultStore): string[] {
  const order: string[] = [];
  const noted = <T>(batches: AsyncGenerator<T>) =>
    (async function* () {
      for await (const batch of batches) {
        order.push('batch');
        yield batch;
      }
    })();
  const itemBatches = store.itemBatches.bind(store);
  const itemPageBatches = store.itemPageBatches.bind(store);
  const countItems = store.countItems.bind(store);
  vi.spyOn(store, 'itemBatches').mockImplementation((size) => noted(itemBatches(size)));
  vi.spyOn(store, 'itemPageBatches').mockImplementation((size) => noted(itemPageBatches(size)));
  vi.spyOn(store, 'countItems').mockImplementation(() => {
    order.push('count');
    return countItems();
  });
  return order;
}
