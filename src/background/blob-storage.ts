/**
 * Makes Chromium settle how many Blob bytes it keeps before a large file is held as Blobs (an
 * upload, an export's download). Chromium works its blob-storage limits out only after the browser
 * has started, in a best-effort task that a busy I/O thread (a file arriving in pieces) can hold
 * back for minutes; until then it keeps at most 500 MiB of Blobs, in memory only, and every Blob
 * past that is unreadable (NotReadableError). Measured in Chromium 156: a 1 GiB import begun a
 * few seconds after the browser started failed at 500 MiB, and the same import a minute later
 * worked. A Blob built from a stream waits for the limits, and asking for them makes Chromium
 * work them out at once (BlobBuilderFromStream → CallWhenStorageLimitsAreKnown); past them it
 * keeps up to 2 GiB in memory (64-bit desktop) and pages the rest to disk. Firefox has no such
 * step; there this costs one tiny Blob.
 */
let ready: Promise<void> | undefined;

export function blobStorageReady(): Promise<void> {
  ready ??= new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(1));
        controller.close();
      },
    }),
  )
    .blob()
    .then(
      () => undefined,
      // Not settling it only leaves the browser's own timing: nothing to refuse here.
      () => undefined,
    );
  return ready;
}
