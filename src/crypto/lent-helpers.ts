/**
 * Helpers lent for a while by whoever can do a kind of work off this thread (the MAC Worker lends
 * its HMAC and its Blob making while an export runs). Usually none or one is lent; the first is
 * used, and the work is done here when there is none.
 */
export interface LentHelpers<T> {
  /** Lends `helper` until the returned function is called. */
  lend(helper: T): () => void;
  /** The helper to use now, if any is lent. */
  first(): T | undefined;
}

export function lentHelpers<T>(): LentHelpers<T> {
  const helpers: T[] = [];
  return {
    lend(helper) {
      helpers.push(helper);
      return () => {
        const at = helpers.indexOf(helper);
        if (at >= 0) helpers.splice(at, 1);
      };
    },
    first: () => helpers[0],
  };
}
