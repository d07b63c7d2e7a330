/**
 * Which code each error's words carry. A thrower picks only the words (a key of messages.json);
 * the code, for the code that reacts to the failure, follows from them here, so the same words
 * never travel with two codes. Words for two different situations are two keys, even when a
 * locale spells them alike. A key missing from this table cannot be thrown: CofferError takes an
 * ErrorMessageKey.
 */
import type { MessageKey } from './coffer-error';

export type ErrorCode =
  // crypto
  | 'ERR_DECRYPT_FAILED'
  | 'ERR_ENC_STRING_MALFORMED'
  | 'ERR_ENC_STRING_UNSUPPORTED'
  | 'ERR_KDF_PARAMS'
  | 'ERR_INVALID_KEY'
  // account and session
  | 'ERR_NO_ACCOUNT'
  | 'ERR_ACCOUNT_EXISTS'
  | 'ERR_LOCKED'
  | 'ERR_WRONG_MASTER_PASSWORD'
  | 'ERR_TOO_MANY_ATTEMPTS'
  | 'ERR_INVALID_INPUT'
  | 'ERR_NOT_FOUND'
  /** A re-prompt item's secrets or saving it need the master password confirmed for it. */
  | 'ERR_REPROMPT_REQUIRED'
  // files
  | 'ERR_NOT_BITWARDEN_JSON'
  | 'ERR_INVALID_FILE'
  | 'ERR_FILE_TOO_LARGE'
  | 'ERR_TOO_MANY_ITEMS'
  | 'ERR_STRING_TOO_LONG'
  | 'ERR_FILE_KDF_OUT_OF_BOUNDS'
  | 'ERR_WRONG_FILE_PASSWORD'
  | 'ERR_FILE_PASSWORD_REQUIRED'
  | 'ERR_DIFFERENT_ACCOUNT_KEY'
  | 'ERR_CSV_INVALID'
  | 'ERR_UNKNOWN_ITEM_TYPES'
  /** An import would leave out attachments it cannot place, and the person did not agree. */
  | 'ERR_UNPLACED_ATTACHMENTS'
  | 'ERR_IMPORT_CANCELLED'
  // downloads
  | 'ERR_DOWNLOAD_FAILED'
  | 'ERR_DOWNLOAD_INTERRUPTED'
  // protocol
  | 'ERR_UNKNOWN_METHOD'
  | 'ERR_BAD_REQUEST'
  | 'ERR_INTERNAL';

export const ERROR_CODES = {
  // crypto
  errorDecryptFailed: 'ERR_DECRYPT_FAILED',
  errFileDamaged: 'ERR_DECRYPT_FAILED',
  errEncStringMalformed: 'ERR_ENC_STRING_MALFORMED',
  errEncStringType0: 'ERR_ENC_STRING_UNSUPPORTED',
  errEncStringType1: 'ERR_ENC_STRING_UNSUPPORTED',
  errEncStringType7: 'ERR_ENC_STRING_UNSUPPORTED',
  errEncStringRsa: 'ERR_ENC_STRING_UNSUPPORTED',
  errKdfUnknown: 'ERR_KDF_PARAMS',
  errKdfOutOfBounds: 'ERR_KDF_PARAMS',
  errKeyLength: 'ERR_INVALID_KEY',
  errProtectedKeyLength: 'ERR_INVALID_KEY',

  // account and session
  errorNoAccount: 'ERR_NO_ACCOUNT',
  errorAccountExists: 'ERR_ACCOUNT_EXISTS',
  errorLocked: 'ERR_LOCKED',
  errorWrongMasterPassword: 'ERR_WRONG_MASTER_PASSWORD',
  errTooManyAttempts: 'ERR_TOO_MANY_ATTEMPTS',
  errTooManyAttemptsOne: 'ERR_TOO_MANY_ATTEMPTS',
  errItemGone: 'ERR_NOT_FOUND',
  errItemsGone: 'ERR_NOT_FOUND',
  errFolderGone: 'ERR_NOT_FOUND',
  errThisFolderGone: 'ERR_NOT_FOUND',
  errRepromptRequired: 'ERR_REPROMPT_REQUIRED',
  errSecretsWithheld: 'ERR_REPROMPT_REQUIRED',

  // what a person typed or chose, in the popup or checked again by the background
  agreeToLeaveOut: 'ERR_INVALID_INPUT',
  agreeToLeaveOutAttachments: 'ERR_INVALID_INPUT',
  chooseFileFirst: 'ERR_INVALID_INPUT',
  chooseItems: 'ERR_INVALID_INPUT',
  enterMasterPassword: 'ERR_INVALID_INPUT',
  errAutoBackupFlag: 'ERR_INVALID_INPUT',
  errAutoBackupAttachmentsFlag: 'ERR_INVALID_INPUT',
  errChooseBackupFile: 'ERR_INVALID_INPUT',
  errEmailInvalid: 'ERR_INVALID_INPUT',
  errFolderExists: 'ERR_INVALID_INPUT',
  errFolderNeedsName: 'ERR_INVALID_INPUT',
  errHint: 'ERR_INVALID_INPUT',
  errNotBase64: 'ERR_INVALID_INPUT',
  errNotUtf8: 'ERR_INVALID_INPUT',
  errNothingToExport: 'ERR_INVALID_INPUT',
  errReminderDays: 'ERR_INVALID_INPUT',
  errUnknownClearClipboard: 'ERR_INVALID_INPUT',
  errUnknownVaultTimeout: 'ERR_INVALID_INPUT',
  filePasswordsDiffer: 'ERR_INVALID_INPUT',
  filePasswordTooShort: 'ERR_INVALID_INPUT',
  fileTooLarge: 'ERR_INVALID_INPUT',
  keyFileTooLarge: 'ERR_INVALID_INPUT',
  masterPasswordsDiffer: 'ERR_INVALID_INPUT',
  masterPasswordTooShort: 'ERR_INVALID_INPUT',
  nameRequired: 'ERR_INVALID_INPUT',
  rotateKeyNotConfirmed: 'ERR_INVALID_INPUT',

  // files: recognising them
  errNotJson: 'ERR_NOT_BITWARDEN_JSON',
  errNotBitwardenJson: 'ERR_NOT_BITWARDEN_JSON',
  errCsvIsText: 'ERR_INVALID_FILE',
  errFileUnreadable: 'ERR_INVALID_FILE',
  /** The browser lost a file it held as a Blob (Chromium: out of blob storage). */
  errFileNotKept: 'ERR_FILE_TOO_LARGE',
  err1puxNotText: 'ERR_INVALID_FILE',
  err1puxNotZip: 'ERR_INVALID_FILE',
  err1puxNoData: 'ERR_INVALID_FILE',
  err1puxDataTwice: 'ERR_INVALID_FILE',
  err1puxDataNotJson: 'ERR_INVALID_FILE',
  err1puxDataIsBitwarden: 'ERR_INVALID_FILE',
  err1puxNoAccounts: 'ERR_INVALID_FILE',
  err1puxLooksLikeBitwardenZip: 'ERR_INVALID_FILE',
  err1puxHoldsInstead: 'ERR_INVALID_FILE',
  errNotBackupArchive: 'ERR_INVALID_FILE',
  errArchiveGotJson: 'ERR_INVALID_FILE',

  // files: a JSON value of the wrong shape (src/vault/untrusted-json.ts) or meaning
  errJsonTooDeep: 'ERR_INVALID_FILE',
  errForbiddenKey: 'ERR_INVALID_FILE',
  errExpectedObject: 'ERR_INVALID_FILE',
  errExpectedList: 'ERR_INVALID_FILE',
  errExpectedText: 'ERR_INVALID_FILE',
  errExpectedId: 'ERR_INVALID_FILE',
  errExpectedBoolean: 'ERR_INVALID_FILE',
  errExpectedInteger: 'ERR_INVALID_FILE',
  errExpectedDate: 'ERR_INVALID_FILE',
  errExpectedEpochSeconds: 'ERR_INVALID_FILE',
  err1puxDateOutOfRange: 'ERR_INVALID_FILE',
  errUnknownItemType: 'ERR_INVALID_FILE',
  errFileFolderNeedsName: 'ERR_INVALID_FILE',

  // files: encrypted ones
  errFileKdfUnknown: 'ERR_INVALID_FILE',
  errNoSalt: 'ERR_INVALID_FILE',
  errNotEncrypted: 'ERR_INVALID_FILE',
  errFolderNameNotEncrypted: 'ERR_INVALID_FILE',
  errSealedNotExport: 'ERR_INVALID_FILE',
  errUriChecksum: 'ERR_INVALID_FILE',
  errFileKdfOutOfBounds: 'ERR_FILE_KDF_OUT_OF_BOUNDS',
  errWrongFilePassword: 'ERR_WRONG_FILE_PASSWORD',
  errFilePasswordRequired: 'ERR_FILE_PASSWORD_REQUIRED',
  errDifferentAccountKey: 'ERR_DIFFERENT_ACCOUNT_KEY',

  // files: Coffer's encrypted archive (docs/encrypted-archive.md)
  errArchiveNotArchive: 'ERR_INVALID_FILE',
  errArchiveVersion: 'ERR_INVALID_FILE',
  errArchiveHeaderDamaged: 'ERR_INVALID_FILE',
  errArchiveRecords: 'ERR_INVALID_FILE',
  errArchiveTruncated: 'ERR_DECRYPT_FAILED',
  errArchiveDataTooLarge: 'ERR_FILE_TOO_LARGE',
  errArchiveAttachmentTooLarge: 'ERR_FILE_TOO_LARGE',
  errArchiveTooManyAttachments: 'ERR_FILE_TOO_LARGE',

  // files: ZIP archives
  errZipNotZip: 'ERR_INVALID_FILE',
  errZipDirectoryOutside: 'ERR_INVALID_FILE',
  errZipCountImpossible: 'ERR_INVALID_FILE',
  errZipEntryDamaged: 'ERR_INVALID_FILE',
  errZipEntryEncrypted: 'ERR_INVALID_FILE',
  errZipMethod: 'ERR_INVALID_FILE',
  errZipEntrySizeWrong: 'ERR_INVALID_FILE',
  errZipEntryCrcWrong: 'ERR_INVALID_FILE',
  errZipUnsafePath: 'ERR_INVALID_FILE',
  errZipDuplicateEntry: 'ERR_INVALID_FILE',
  errZipNoDataJson: 'ERR_INVALID_FILE',
  errZipLooksLike1pux: 'ERR_INVALID_FILE',

  // files: limits
  errFileTooLargeToRead: 'ERR_FILE_TOO_LARGE',
  errFileTooLargeToImport: 'ERR_FILE_TOO_LARGE',
  err1puxDataTooLarge: 'ERR_FILE_TOO_LARGE',
  errZipTooLarge: 'ERR_FILE_TOO_LARGE',
  errZipTooManyEntries: 'ERR_FILE_TOO_LARGE',
  errZipDataJsonTooLarge: 'ERR_FILE_TOO_LARGE',
  errZipAttachmentTooLarge: 'ERR_FILE_TOO_LARGE',
  errZipAttachmentsTooLarge: 'ERR_FILE_TOO_LARGE',
  errZipWriteTooLarge: 'ERR_FILE_TOO_LARGE',
  errKdbxNotKdbx: 'ERR_INVALID_FILE',
  errKdbxVersion: 'ERR_INVALID_FILE',
  errKdbxUnsupported: 'ERR_INVALID_FILE',
  errKdbxTruncated: 'ERR_INVALID_FILE',
  errKdbxTwofish: 'ERR_INVALID_FILE',
  errKdbxCipherUnsupported: 'ERR_INVALID_FILE',
  errKdbxArgon2Version: 'ERR_INVALID_FILE',
  errKdbxWrongKey: 'ERR_WRONG_FILE_PASSWORD',
  errKdbxKeyFileInvalid: 'ERR_INVALID_FILE',
  errKdbxHeaderDamaged: 'ERR_DECRYPT_FAILED',
  errKdbxBlockDamaged: 'ERR_DECRYPT_FAILED',
  errKdbxXmlInvalid: 'ERR_INVALID_FILE',
  errKdbxXmlExternalEntity: 'ERR_INVALID_FILE',
  errKdbxXmlEntityExpansion: 'ERR_INVALID_FILE',
  errKdbxXmlDoctype: 'ERR_INVALID_FILE',
  errKdbxDamaged: 'ERR_INVALID_FILE',
  errTooManyItems: 'ERR_TOO_MANY_ITEMS',
  errTooManyFolders: 'ERR_TOO_MANY_ITEMS',
  errTooManyRows: 'ERR_TOO_MANY_ITEMS',
  errMoreThanMaxItems: 'ERR_TOO_MANY_ITEMS',
  errValueTooLong: 'ERR_STRING_TOO_LONG',

  // files: CSV
  errCsvQuote: 'ERR_CSV_INVALID',
  errCsvNoHeader: 'ERR_CSV_INVALID',
  errCsvMissingColumns: 'ERR_CSV_INVALID',
  errCsvRowWidth: 'ERR_CSV_INVALID',
  errCsvUnknownType: 'ERR_CSV_INVALID',
  errCsvReprompt: 'ERR_CSV_INVALID',
  errChromeCsvColumns: 'ERR_CSV_INVALID',
  errLastPassFav: 'ERR_CSV_INVALID',
  errExpectedIsoDate: 'ERR_CSV_INVALID',
  errCsvExpectedEpochSeconds: 'ERR_CSV_INVALID',
  errExpectedEpochMilliseconds: 'ERR_CSV_INVALID',

  // import
  errUnknownItemTypes: 'ERR_UNKNOWN_ITEM_TYPES',
  errImportCancelled: 'ERR_IMPORT_CANCELLED',
  errUnplacedAttachments: 'ERR_UNPLACED_ATTACHMENTS',
  errImportAttachmentName: 'ERR_INVALID_FILE',
  errImportAttachmentsDoNotFit: 'ERR_FILE_TOO_LARGE',

  // downloads
  errDownloadRefused: 'ERR_DOWNLOAD_FAILED',
  errDownloadNoBlobUrl: 'ERR_DOWNLOAD_FAILED',
  errDownloadUnfinished: 'ERR_DOWNLOAD_FAILED',
  errDownloadInterrupted: 'ERR_DOWNLOAD_INTERRUPTED',
  errDownloadInterruptedBecause: 'ERR_DOWNLOAD_INTERRUPTED',

  // protocol: a request no popup of ours sends
  errUnknownMethod: 'ERR_UNKNOWN_METHOD',
  errParamMissing: 'ERR_BAD_REQUEST',
  errParamUnexpected: 'ERR_BAD_REQUEST',
  errParamNotText: 'ERR_BAD_REQUEST',
  errParamNotNumber: 'ERR_BAD_REQUEST',
  errParamNotBoolean: 'ERR_BAD_REQUEST',
  errParamNotChoice: 'ERR_BAD_REQUEST',
  errParamNotObject: 'ERR_BAD_REQUEST',
  errParamNotList: 'ERR_BAD_REQUEST',
  errIdRequired: 'ERR_BAD_REQUEST',
  errFileMissing: 'ERR_BAD_REQUEST',
  errFilePasswordNotText: 'ERR_BAD_REQUEST',
  errUnknownImportFormat: 'ERR_BAD_REQUEST',
  errUnknownExportFormat: 'ERR_BAD_REQUEST',
  errUnknownExportType: 'ERR_BAD_REQUEST',
  errUnknownExportScope: 'ERR_BAD_REQUEST',
  errClipboardHash: 'ERR_BAD_REQUEST',

  // the generator's history
  errGeneratedValue: 'ERR_INVALID_INPUT',
  errGeneratorHistoryUnreadable: 'ERR_DECRYPT_FAILED',

  // authenticator keys (TOTP), typed or imported
  errTotpEmpty: 'ERR_INVALID_INPUT',
  errTotpNotBase32: 'ERR_INVALID_INPUT',
  errTotpScheme: 'ERR_INVALID_INPUT',
  errTotpType: 'ERR_INVALID_INPUT',
  errTotpUnreadable: 'ERR_INVALID_INPUT',
  errTotpNoSecret: 'ERR_INVALID_INPUT',
  errTotpRepeated: 'ERR_INVALID_INPUT',
  errTotpDigits: 'ERR_INVALID_INPUT',
  errTotpPeriod: 'ERR_INVALID_INPUT',
  errTotpAlgorithm: 'ERR_INVALID_INPUT',

  // per-item keys in account-restricted files
  errItemKeyNotEncrypted: 'ERR_INVALID_FILE',
  errItemKeyLength: 'ERR_INVALID_FILE',

  // attachments: the file, its name, and its way in from the popup (uploads)
  errAttachmentTooLarge: 'ERR_FILE_TOO_LARGE',
  errVaultAttachmentsFull: 'ERR_FILE_TOO_LARGE',
  errAttachmentGone: 'ERR_NOT_FOUND',
  errAttachmentUnreadable: 'ERR_DECRYPT_FAILED',
  errAttachmentNeedsName: 'ERR_INVALID_INPUT',
  errAttachmentNameTooLong: 'ERR_INVALID_INPUT',
  errAttachmentNameControl: 'ERR_INVALID_INPUT',
  errTooManyUploads: 'ERR_INVALID_INPUT',
  errUploadUnknown: 'ERR_NOT_FOUND',
  errUploadSizeInvalid: 'ERR_BAD_REQUEST',
  errUploadIncomplete: 'ERR_BAD_REQUEST',
  errUploadOutOfOrder: 'ERR_BAD_REQUEST',
  errUploadPieceTooLarge: 'ERR_BAD_REQUEST',
  errUploadBeyondSize: 'ERR_BAD_REQUEST',

  // Coffer itself
  errorInternal: 'ERR_INTERNAL',
  errNoAnswer: 'ERR_INTERNAL',
  errFileKeyFailed: 'ERR_INTERNAL',
  errVaultWriteFailed: 'ERR_INTERNAL',
} as const satisfies Partial<Record<MessageKey, ErrorCode>>;

/** The words an error may carry: a key of messages.json that has a code. */
export type ErrorMessageKey = keyof typeof ERROR_CODES;

/** The words of errors with code C, for a helper that raises only that kind. */
export type ErrorKeyWithCode<C extends ErrorCode> = {
  [K in ErrorMessageKey]: (typeof ERROR_CODES)[K] extends C ? K : never;
}[ErrorMessageKey];

/** Whether a key that crossed a channel is one an error may carry (own keys only). */
export function isErrorMessageKey(value: unknown): value is ErrorMessageKey {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
