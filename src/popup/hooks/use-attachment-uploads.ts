/**
 * Adding files to an item, one after the other: files chosen or dropped while one is on its way
 * wait their turn. Reports how far the current file got, and can stop it and forget the rest.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { attachFile } from '../attach-file';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { useVaultClient } from '../vault-client-context';

/** What the view shows once files are added or stopped: a status, an alert, or both. */
export interface UploadReport {
  status: string | null;
  alert: string | null;
}

interface UploadProgress {
  fileName: string;
  /** Of the file's bytes sent, 0 to 100. */
  percent: number;
}

export interface AttachmentUploads {
  add(files: File[]): void;
  /** Stops the file on its way (its upload is cancelled) and forgets those waiting. */
  cancel(): void;
  /** The file on its way, while there is one. */
  current: UploadProgress | null;
}

export interface AttachmentUploadsOptions {
  itemId: string;
  /** After each file added: the list has changed. */
  onAdded(): void;
  /** Called as a batch starts (nothing to show) and ends. */
  onReport(report: UploadReport): void;
}

export function useAttachmentUploads({
  itemId,
  onAdded,
  onReport,
}: AttachmentUploadsOptions): AttachmentUploads {
  const client = useVaultClient();
  const waiting = useRef<File[]>([]);
  /** The batch being sent, which cancel() stops; null when none is. */
  const running = useRef<AbortController | null>(null);
  const [current, setCurrent] = useState<UploadProgress | null>(null);

  // A view closed mid-upload stops sending: nobody would see the result.
  useEffect(
    () => () => {
      waiting.current = [];
      running.current?.abort();
    },
    [],
  );

  const sendWaiting = async () => {
    const abort = new AbortController();
    running.current = abort;
    const added: string[] = [];
    const addedText = () =>
      added.length === 0
        ? null
        : added.length === 1
          ? t('attachmentAdded', added[0]!)
          : t('attachmentsAdded', added.length);
    try {
      for (let file = waiting.current.shift(); file; file = waiting.current.shift()) {
        const { name } = file;
        setCurrent({ fileName: name, percent: 0 });
        try {
          await attachFile(client, itemId, file, {
            signal: abort.signal,
            onProgress: (sent, size) =>
              setCurrent({ fileName: name, percent: Math.floor((sent / size) * 100) }),
          });
        } catch (error) {
          waiting.current = [];
          if (abort.signal.aborted) {
            const stopped = t('attachmentAddStopped', name);
            const before = addedText();
            onReport({ status: before ? `${before} ${stopped}` : stopped, alert: null });
          } else {
            onReport({
              status: addedText(),
              alert: t('attachmentNotAdded', name, errorText(error)),
            });
          }
          return;
        }
        added.push(name);
        onAdded();
      }
      onReport({ status: addedText(), alert: null });
    } finally {
      running.current = null;
      setCurrent(null);
    }
  };

  return {
    add(files) {
      if (files.length === 0) return;
      waiting.current.push(...files);
      if (running.current) return;
      onReport({ status: null, alert: null });
      void sendWaiting();
    },
    cancel() {
      waiting.current = [];
      running.current?.abort();
    },
    current,
  };
}
