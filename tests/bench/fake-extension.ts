/**
 * Lets the background's real handlers run in plain Node for benchmarks: WXT's in-memory fake
 * browser stands in for the extension APIs and fake-indexeddb for IndexedDB. Import this before
 * anything that imports `wxt/browser`.
 */
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const globals = globalThis as unknown as { browser: unknown; chrome: unknown };
globals.browser = fakeBrowser;
globals.chrome = fakeBrowser;

export { freshExtensionState } from '../helpers/fresh-extension-state';
