import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { freshExtensionState } from './helpers/fresh-extension-state';

beforeEach(() => {
  freshExtensionState();
});
