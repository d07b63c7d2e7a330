import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// One run holds every test, so one JSON report counts them all (.ci/run prints its totals).
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
    projects: [
      {
        // Pure modules, store and background in plain Node, as they must run unchanged there.
        // WxtVitest: the @ alias and `wxt/browser` replaced by WXT's in-memory fake browser.
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          environment: 'node',
          setupFiles: ['./tests/setup.ts'],
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        // Preact views with testing-library in happy-dom.
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'views',
          environment: 'happy-dom',
          setupFiles: ['./tests/setup.ts', './tests/setup-dom.ts'],
          include: ['tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        // The built extension in real Chromium: one browser at a time on a 2-core machine.
        resolve: { alias: { '@': import.meta.dirname } },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['./tests/e2e/global-setup.ts'],
          // Profiles and download folders go when each file ends (tests/helpers/temp-dirs.ts).
          setupFiles: ['./tests/e2e/setup-temp-dirs.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
