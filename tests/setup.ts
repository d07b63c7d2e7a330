import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeI18n } from './helpers/fake-i18n';

beforeEach(() => {
  fakeBrowser.reset();
  installFakeI18n();
  // Every test starts with an empty IndexedDB.
  globalThis.indexedDB = new IDBFactory();
});
