/**
 * An empty database and empty extension storage, as after a fresh install (or on a second
 * computer): every test starts here (tests/setup.ts), and the benchmarks between runs.
 */
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeI18n } from './fake-i18n';

export function freshExtensionState(): void {
  fakeBrowser.reset();
  // reset() leaves i18n unimplemented again.
  installFakeI18n();
  globalThis.indexedDB = new IDBFactory();
}
