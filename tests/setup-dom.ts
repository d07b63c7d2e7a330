import { cleanup, configure } from '@testing-library/preact';
import { afterEach } from 'vitest';

// Views wait on real key derivations (PBKDF2 600,000): on a busy 2-core machine two of them can
// take longer than testing-library's default second.
configure({ asyncUtilTimeout: 5_000 });

// Vitest globals are off, so testing-library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});
