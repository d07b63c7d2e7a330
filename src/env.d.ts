/** Build-time switches (Vite env), read as `import.meta.env.*`. */
interface ImportMetaEnv {
  /** Set by `.env.e2e` for the Firefox end-to-end build only. */
  readonly VITE_E2E_OPEN_POPUP?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
