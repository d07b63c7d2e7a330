/**
 * The contract between the popup and the background: every method the background answers, with
 * its parameters and result. Values are JSON-safe because Chrome serialises runtime messages.
 */

export type VaultStatus =
  | { state: 'no-account' }
  | { state: 'locked'; email: string }
  | { state: 'unlocked'; email: string };

export interface VaultApi {
  /** What the popup should show first: no account yet, locked, or unlocked. */
  getStatus(): VaultStatus;
}

export type VaultMethod = keyof VaultApi;

/** The parameters object of a method (methods take at most one). */
export type ParamsOf<M extends VaultMethod> =
  Parameters<VaultApi[M]> extends [infer P] ? P : undefined;

export type ResultOf<M extends VaultMethod> = ReturnType<VaultApi[M]>;

/** What the background implements: the same methods, asynchronous. */
export type Handlers<Api> = {
  [M in keyof Api]: Api[M] extends (...args: infer P) => infer R
    ? (...args: P) => Promise<R>
    : never;
};

/** What the popup calls: the same methods, asynchronous. */
export type VaultClient = Handlers<VaultApi>;

/**
 * Every method name, for the client to build its functions from. The Record type makes leaving a
 * method out of this list a compile error.
 */
export const VAULT_METHODS: Record<VaultMethod, true> = {
  getStatus: true,
};
