/**
 * Import Data's file sent as an upload (binary formats: .1pux and the archives with
 * attachments), and Verify backup's archive, in the same staging area (one file at a time). Only
 * the latest file is kept: sending another, forgetting it (another file or format chosen,
 * Cancel) or closing the view cancels the one before, so the background does not hold a file
 * nobody will use. An import that succeeded, or a verify that answered, has used it up already.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { cancelUpload, uploadFile } from '../upload-file';
import { useVaultClient } from '../vault-client-context';

export interface ImportUpload {
  /** Sends `file`, after forgetting the one before; its upload id. */
  send(file: File): Promise<string>;
  /** Cancels the upload kept (if any). */
  forget(): void;
  /** The upload was used up by an import: nothing to cancel. */
  used(): void;
  /** How much of the file on its way has been sent, 0 to 100; null when none is on its way. */
  percent: number | null;
}

export function useImportUpload(): ImportUpload {
  const client = useVaultClient();
  /** The upload sent and not used up yet, with the client it was sent through. */
  const kept = useRef<string | null>(null);
  const sentThrough = useRef(client);
  sentThrough.current = client;
  const [percent, setPercent] = useState<number | null>(null);

  const forget = () => {
    const uploadId = kept.current;
    kept.current = null;
    if (uploadId !== null) void cancelUpload(sentThrough.current, uploadId);
  };

  // Closed with a file sent: nobody will import it.
  useEffect(
    () => () => {
      const uploadId = kept.current;
      if (uploadId !== null) void cancelUpload(sentThrough.current, uploadId);
    },
    [],
  );

  return {
    async send(file) {
      forget();
      setPercent(0);
      try {
        const uploadId = await uploadFile(client, file, {
          purpose: 'import',
          onProgress: (sent, size) => setPercent(Math.floor((sent / size) * 100)),
        });
        kept.current = uploadId;
        return uploadId;
      } finally {
        setPercent(null);
      }
    },
    forget,
    used() {
      kept.current = null;
    },
    percent,
  };
}
