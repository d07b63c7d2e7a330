/**
 * The readers and writers of the formats in registry.ts, by the same ids. Only the background
 * imports this table (the popup takes the metadata alone); its types make a format without a
 * reader, a writer for a protection its format does not offer, a password-protected format
 * without the sink that seals its files, or an id the registry does not know, compile errors.
 */
import type { KdfConfig } from '@/src/crypto/kdf-config';
import type { FilePiece } from './file-content';
import { csvExportRows, csvExportStart, csvReads, isCsvExportable } from './export-csv';
import { accountRestrictedExportStart } from './export-encrypted';
import { jsonExportEnd, jsonExportItems, jsonExportStart } from './export-json';
import { startEncryptedArchiveExport, startZipExport, type StartArchive } from './export-archive';
import { startPasswordProtectedExport, type ExportSink } from './export-sink';
import { readerOf, type FormatReader, type FormatWriter } from './format-types';
import { ARCHIVE_READER } from './import-archive';
import { BITWARDEN_JSON_READER } from './import-bitwarden-json';
import { KDBX_ITEMS, KDBX_READER, startKdbxExport } from './kdbx/kdbx-format';
import { parseBitwardenCsv } from './importers/bitwarden-csv';
import { parseChromeCsv } from './importers/chrome-csv';
import { parseFirefoxCsv } from './importers/firefox-csv';
import { parseKeePassXcCsv } from './importers/keepassxc-csv';
import { parseLastPassCsv } from './importers/lastpass-csv';
import { parseOnePassword1pux } from './importers/onepassword-1pux';
import { parseProtonPassCsv } from './importers/protonpass-csv';
import { parseSafariCsv } from './importers/safari-csv';
import type { ExportFormatId, ImportFormatId, ProtectionsOf } from './registry';

export const IMPORT_READERS: { [F in ImportFormatId]: FormatReader } = {
  bitwarden_json: BITWARDEN_JSON_READER,
  bitwarden_csv: readerOf(parseBitwardenCsv),
  // One reader for both: it tells Bitwarden's and Coffer's zips and Coffer's encrypted archive
  // apart by their first bytes.
  bitwarden_zip: ARCHIVE_READER,
  coffer_zip: ARCHIVE_READER,
  chrome_csv: readerOf(parseChromeCsv),
  firefox_csv: readerOf(parseFirefoxCsv),
  safari_csv: readerOf(parseSafariCsv),
  lastpass_csv: readerOf(parseLastPassCsv),
  onepassword_1pux: readerOf(parseOnePassword1pux),
  keepass_kdbx: KDBX_READER,
  keepassxc_csv: readerOf(parseKeePassXcCsv),
  protonpass_csv: readerOf(parseProtonPassCsv),
};

/** Bitwarden's `.json` (formats.md), also the plain text sealed into a password-protected file. */
const PLAIN_JSON: FormatWriter = {
  encrypted: false,
  start: (folders) => jsonExportStart({ encrypted: false }, folders),
  items: (items, index) => ({ piece: jsonExportItems(items, index), count: items.length }),
  end: jsonExportEnd,
};

/** The account-restricted `.json (Encrypted)`: the vault's records as they are. */
const ACCOUNT_JSON: FormatWriter = {
  encrypted: true,
  start: accountRestrictedExportStart,
  items: (items, index) => ({ piece: jsonExportItems(items, index), count: items.length }),
  end: jsonExportEnd,
};

/** Bitwarden's `.csv`: logins and notes only (the view says so before exporting). */
const CSV: FormatWriter = {
  encrypted: false,
  holds: isCsvExportable,
  reads: csvReads,
  start: csvExportStart,
  items: (items, _index, folders) => ({
    piece: csvExportRows(items, folders),
    count: items.filter(isCsvExportable).length,
  }),
};

/**
 * Starts the sink a password-protected file is written into: the writer's pieces are sealed
 * under a key derived from the file password with `kdf`, which takes a while (hence a promise),
 * and the file's text (or its UTF-8) goes to `emit` as it is made.
 */
export type SealFile = (
  filePassword: string,
  kdf: KdfConfig,
  emit: (piece: FilePiece) => void,
) => Promise<ExportSink>;

export type ExportImplementation<F extends ExportFormatId> = {
  extension: string;
  mimeType: string;
  /** One writer per protection the format offers (an archive's: its data.json). */
  writers: { [P in ProtectionsOf<F>]: FormatWriter };
  /**
   * A backup with attachments: the writer's pieces become its data.json, the attachments follow,
   * and every byte goes into the download as it is made (a password-protected archive seals
   * itself).
   */
  archive?: StartArchive;
} & ('password' extends ProtectionsOf<F>
  ? /** What the `password` writer's pieces go into, unless the format is an archive. */
    { seal: SealFile } | { archive: StartArchive }
  : unknown);

export const EXPORT_IMPLEMENTATIONS: { [F in ExportFormatId]: ExportImplementation<F> } = {
  json: { extension: 'json', mimeType: 'application/json', writers: { plain: PLAIN_JSON } },
  csv: { extension: 'csv', mimeType: 'text/csv', writers: { plain: CSV } },
  encrypted_json: {
    extension: 'json',
    mimeType: 'application/json',
    writers: { account: ACCOUNT_JSON, password: PLAIN_JSON },
    seal: startPasswordProtectedExport,
  },
  zip: {
    extension: 'zip',
    mimeType: 'application/zip',
    writers: { plain: PLAIN_JSON },
    archive: startZipExport,
  },
  encrypted_zip: {
    // Not a zip any more once encrypted: its own extension keeps unzip tools from calling it
    // damaged, and Import Data's `Coffer (zip)` takes it.
    extension: 'coffer',
    mimeType: 'application/octet-stream',
    // data.json is the plain .json either way: the archive's own key encrypts all of it.
    writers: { password: PLAIN_JSON, account: PLAIN_JSON },
    archive: startEncryptedArchiveExport,
  },
  kdbx: {
    extension: 'kdbx',
    mimeType: 'application/octet-stream',
    // The items as JSON lines for the database, which encrypts itself (kdbx-format.ts).
    writers: { password: KDBX_ITEMS },
    archive: startKdbxExport,
  },
};
