/**
 * The readers and writers of the formats in registry.ts, by the same ids. Only the background
 * imports this table (the popup takes the metadata alone); its types make a format without a
 * reader, a writer for a protection its format does not offer, or an id the registry does not
 * know, compile errors.
 */
import { csvExportRows, csvExportStart, isCsvExportable } from './export-csv';
import { accountRestrictedExportStart } from './export-encrypted';
import { jsonExportEnd, jsonExportItems, jsonExportStart } from './export-json';
import { readerOf, type FormatReader, type FormatWriter } from './format-types';
import { BITWARDEN_JSON_READER } from './import-bitwarden-json';
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
  chrome_csv: readerOf(parseChromeCsv),
  firefox_csv: readerOf(parseFirefoxCsv),
  safari_csv: readerOf(parseSafariCsv),
  lastpass_csv: readerOf(parseLastPassCsv),
  onepassword_1pux: readerOf(parseOnePassword1pux),
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
  start: csvExportStart,
  items: (items, _index, folders) => ({
    piece: csvExportRows(items, folders),
    count: items.filter(isCsvExportable).length,
  }),
};

export interface ExportImplementation<F extends ExportFormatId> {
  extension: string;
  mimeType: string;
  /** One writer per protection the format offers; a password-protected file's sink seals it. */
  writers: { [P in ProtectionsOf<F>]: FormatWriter };
}

export const EXPORT_IMPLEMENTATIONS: { [F in ExportFormatId]: ExportImplementation<F> } = {
  json: { extension: 'json', mimeType: 'application/json', writers: { plain: PLAIN_JSON } },
  csv: { extension: 'csv', mimeType: 'text/csv', writers: { plain: CSV } },
  encrypted_json: {
    extension: 'json',
    mimeType: 'application/json',
    writers: { account: ACCOUNT_JSON, password: PLAIN_JSON },
  },
};
