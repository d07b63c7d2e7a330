/**
 * The wire shapes of one call: a request names a method and carries its parameters; a reply is
 * either a value or an error as data (code + words), never a thrown object that a message
 * channel would flatten.
 */
import { CofferError, type Location, type Substitution } from '@/src/errors/coffer-error';
import { isErrorMessageKey, type ErrorCode, type ErrorMessageKey } from '@/src/errors/error-codes';
import type { VaultMethod } from './vault-api';

/** Marks our messages, so the background ignores anything else that travels on runtime messages. */
export const PROTOCOL_TAG = 'coffer/v1';

/** The name of the port every open popup holds, so the background notices it closing. */
export const POPUP_PORT = 'coffer-popup';

/** Marks the background's progress reports for long operations (export, import, rotation). */
export const PROGRESS_TAG = 'coffer/progress';

export interface ProgressEvent {
  tag: typeof PROGRESS_TAG;
  /**
   * `importAttachments` counts an import's attachments, encrypted and written one at a time;
   * `verifyAttachments` those Verify backup hashes, the backup's and the vault's.
   */
  operation: 'export' | 'import' | 'importAttachments' | 'verifyAttachments' | 'rotate';
  done: number;
  total: number;
}

export function isProgressEvent(message: unknown): message is ProgressEvent {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { tag?: unknown }).tag === PROGRESS_TAG
  );
}

export interface Request {
  tag: typeof PROTOCOL_TAG;
  method: VaultMethod;
  params?: unknown;
}

export interface ErrorData extends Location {
  /** For a reader of the raw reply (a log, a test); the error rebuilt from it takes its key's. */
  code: ErrorCode;
  /** The words' key in messages.json and their substitutions: the popup shows them in its locale. */
  key: ErrorMessageKey;
  args: Substitution[];
  /** The same words in English, for logs. */
  message: string;
}

/** An error as it travels: plain data a message channel carries unchanged. */
export function errorData(error: CofferError): ErrorData {
  return {
    code: error.code,
    key: error.key,
    args: [...error.args],
    message: error.message,
    ...(error.place === undefined ? {} : { place: error.place }),
    ...(error.field === undefined ? {} : { field: error.field }),
  };
}

/**
 * The error again, on the other side of the channel, rebuilt from its key so its code is the
 * key's; a key this side does not know (a newer or damaged sender) is an internal error.
 */
export function errorFromData({ key, args, place, field }: ErrorData): CofferError {
  if (!isErrorMessageKey(key)) return new CofferError('errorInternal');
  return new CofferError(key, { args, place, field });
}

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorData };

export function isRequest(message: unknown): message is Request {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { tag?: unknown }).tag === PROTOCOL_TAG &&
    typeof (message as { method?: unknown }).method === 'string'
  );
}
