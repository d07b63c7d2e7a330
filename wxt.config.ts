import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';

/**
 * A build step that rewrites one file of a dependency, pinned in package.json. The rewrite
 * relies on the file's exact text, so `patch` answers null where that text is not there, and
 * the build stops rather than ship the file as it came.
 */
function patchDependency(
  name: string,
  file: string,
  patch: (code: string) => string | null,
  changed: string,
): Plugin {
  return {
    name: `coffer:${name}`,
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes(file)) return null;
      const patched = patch(code);
      if (patched === null) this.error(`${changed} (wxt.config.ts)`);
      return { code: patched, map: null };
    },
  };
}

/**
 * kdbxweb's webpack runtime looks for the global object with `new Function('return this')`,
 * which AMO's linter reports as eval. It is never reached (globalThis exists wherever Coffer
 * runs), so it becomes globalThis.
 */
const LOOKUP = "return this || new Function('return this')();";
const kdbxwebWithoutEval = () =>
  patchDependency(
    'kdbxweb-without-eval',
    '/kdbxweb/dist/kdbxweb.js',
    (code) => (code.includes(LOOKUP) ? code.replace(LOOKUP, 'return globalThis;') : null),
    'kdbxweb: its global lookup changed',
  );

/**
 * webextension-polyfill is a UMD module, so the bundle imports it through the CommonJS interop,
 * which copies every own property of its export onto a namespace object. Where the browser has
 * `browser` itself (Firefox, Chrome from 2025) that export is the browser's own object, and
 * copying it instantiates every extension API the page never uses: 20–40 ms of each popup's start
 * in Chromium (measured with a CPU profile of the popup opening). Made an ES module whose default
 * export is what the UMD would have handed to CommonJS, it is imported as it is, nothing copied.
 */
const UMD_WRAPPER = [
  '(function (global, factory) {',
  '  if (typeof define === "function" && define.amd) {',
  '    define("webextension-polyfill", ["module"], factory);',
  '  } else if (typeof exports !== "undefined") {',
  '    factory(module);',
  '  } else {',
  '    var mod = {',
  '      exports: {}',
  '    };',
  '    factory(mod);',
  '    global.browser = mod.exports;',
  '  }',
  '})(typeof globalThis !== "undefined" ? globalThis : typeof self !== "undefined" ? self : this, function (module) {',
].join('\n');
const polyfillAsEsModule = () =>
  patchDependency(
    'polyfill-as-es-module',
    '/webextension-polyfill/dist/browser-polyfill.js',
    (code) =>
      code.startsWith(UMD_WRAPPER)
        ? `const polyfill = { exports: {} };\n(function (factory) {\n  factory(polyfill);\n})(function (module) {${code.slice(UMD_WRAPPER.length)}\nexport default polyfill.exports;\n`
        : null,
    'webextension-polyfill: its UMD wrapper changed',
  );

// Fixed so that Firefox keeps the same storage across reinstalls and AMO accepts the package.
const GECKO_ID = 'coffer@coffer-vault.org';

export default defineConfig({
  // Auto-imports hide each module's dependencies; every import is written out.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact(), kdbxwebWithoutEval(), polyfillAsEsModule()] }),
  // The Firefox sources zip is what AMO reviewers rebuild from: the tracked sources only, never
  // what tests leave behind.
  zip: {
    excludeSources: ['tests/e2e/artifacts/**', '.vitest-report.json', 'web-ext-artifacts/**'],
  },
  manifest: ({ browser }) => ({
    name: 'Coffer',
    default_locale: 'en',
    // The description is translated with the UI; the name stays Coffer in every language.
    description: '__MSG_extDescription__',
    // offscreen (Chrome only): its service worker cannot make the blob: URLs downloads need, nor
    // reach the clipboard. clipboardRead and clipboardWrite: a copied secret is cleared after the
    // chosen delay, when the popup may be gone, and only if the clipboard still holds it, so the
    // background (or Chrome's offscreen document) must read the clipboard and write it empty.
    permissions: [
      'storage',
      'unlimitedStorage',
      'downloads',
      'alarms',
      'clipboardRead',
      'clipboardWrite',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    icons: {
      16: '/icon/16.png',
      32: '/icon/32.png',
      48: '/icon/48.png',
      96: '/icon/96.png',
      128: '/icon/128.png',
    },
    action: { default_title: 'Coffer' },
    // A shortcut opens the popup (changeable in chrome://extensions/shortcuts and Firefox's add-on
    // shortcuts). Alt+Shift+K: neither browser uses it, and it is not Bitwarden's Ctrl+Shift+Y, so
    // both extensions can sit side by side during a move. (Chromium on Linux leaves Alt+Shift+C
    // unassigned.)
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+K' } },
    },
    // WebAssembly (hash-wasm: Argon2id and the per-field HMAC) needs 'wasm-unsafe-eval'; nothing
    // else is loosened, and no code is ever loaded from outside the package.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // data_collection_permissions is understood from Firefox 140 (142 on Android).
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
