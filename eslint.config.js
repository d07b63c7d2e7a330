// Lint rules, including the module boundaries of the style guide (§8): the pure modules stay
// pure, the popup never reaches the store or the keys, and only src/store touches idb.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const EXTENSION_AND_STORAGE_MODULES = [
  { group: ['wxt', 'wxt/*', '#imports'], message: 'Pure modules must not use extension APIs.' },
  {
    group: ['webextension-polyfill', '@wxt-dev/*'],
    message: 'Pure modules must not use extension APIs.',
  },
  { group: ['idb', 'fake-indexeddb'], message: 'Only src/store may use IndexedDB.' },
  { group: ['preact', 'preact/*'], message: 'Pure modules have no UI.' },
  {
    group: ['@/src/store/*', '@/src/background/*', '@/src/popup/*', '@/src/protocol/*'],
    message: 'Pure modules import only crypto, vault, formats and errors.',
  },
  { group: ['node:*'], message: 'Pure modules run unchanged in the browser: no Node built-ins.' },
];

const BROWSER_ONLY_GLOBALS = [
  'browser',
  'chrome',
  'document',
  'window',
  'indexedDB',
  'localStorage',
  'sessionStorage',
  'Buffer',
  'process',
].map((name) => ({
  name,
  message:
    'Pure modules run in Node and in every extension context: no DOM, extension or Node globals.',
}));

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'tests/e2e/artifacts/**',
      'web-ext-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Preact's hooks follow React's rules, so React's checker applies to the popup as it is.
    files: ['src/popup/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['idb'], message: 'Only src/store may import idb.' }] },
      ],
    },
  },
  {
    files: ['src/crypto/**', 'src/vault/**', 'src/formats/**', 'src/errors/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: EXTENSION_AND_STORAGE_MODULES }],
      'no-restricted-globals': ['error', ...BROWSER_ONLY_GLOBALS],
    },
  },
  {
    files: ['src/crypto/**', 'src/errors/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...EXTENSION_AND_STORAGE_MODULES,
            {
              group: ['@/src/vault/*', '@/src/formats/*'],
              message: 'crypto depends on nothing but errors.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/protocol/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt', 'wxt/*', '#imports', 'webextension-polyfill'],
              message:
                'The protocol is transport-free: client and dispatcher take their transport as an argument.',
            },
            {
              group: ['idb', '@/src/store/*', '@/src/background/*', '@/src/popup/*'],
              message: 'The protocol holds types and pure helpers only.',
            },
            {
              group: ['@/src/crypto/*'],
              allowTypeImports: true,
              message: 'The protocol may name crypto types, never run crypto.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/popup/**', 'entrypoints/popup/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['idb', '@/src/store/*'],
              message: 'The popup reaches the vault only through the VaultApi client.',
            },
            {
              group: ['@/src/background/*'],
              message: 'The popup talks to the background only through the protocol.',
            },
            {
              // kdbxweb and its XML parser are the background's: the registry has what the popup
              // needs to know about `.kdbx` (its ciphers).
              group: ['kdbxweb', '@xmldom/*', '@/src/formats/kdbx/*'],
              allowTypeImports: true,
              message: 'Only the background reads and writes .kdbx.',
            },
            {
              // kdf-config and kdf-bounds are plain data (the KDF choices, their defaults and the
              // bounds a new account may choose), bytes is the base64 codec an attachment's
              // pieces travel in: no keys, no crypto.
              group: [
                '@/src/crypto/*',
                '!@/src/crypto/kdf-config',
                '!@/src/crypto/kdf-bounds',
                '!@/src/crypto/bytes',
              ],
              allowTypeImports: true,
              message: 'The popup never holds keys or does vault crypto.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/background/**', 'entrypoints/background.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['idb'], message: 'Only src/store may import idb.' },
            {
              group: ['@/src/popup/*', 'preact', 'preact/*'],
              message: 'The background never imports the popup.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['tests/**'],
    rules: { 'no-restricted-imports': 'off', 'no-console': 'off' },
  },
  {
    // Browser profiles and downloads of large exports: a folder these make and leave fills the
    // disk (it did, and CI's install failed). tests/helpers/temp-dirs.ts makes and removes them.
    files: ['tests/e2e/**', 'tests/bench/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'fs',
          property: 'mkdtempSync',
          message: 'Use makeTempDir (tests/helpers/temp-dirs.ts), which removes the folder.',
        },
      ],
    },
  },
);
