/** Which importer reads each format Import Data offers (Bitwarden JSON is handled apart). */
import type { ImportContext, ImportInput, ParsedImport } from '@/src/formats/import-types';
import { parseBitwardenCsv } from '@/src/formats/importers/bitwarden-csv';
import { parseChromeCsv } from '@/src/formats/importers/chrome-csv';
import { parseFirefoxCsv } from '@/src/formats/importers/firefox-csv';
import { parseKeePassXcCsv } from '@/src/formats/importers/keepassxc-csv';
import { parseLastPassCsv } from '@/src/formats/importers/lastpass-csv';
import { parseOnePassword1pux } from '@/src/formats/importers/onepassword-1pux';
import { parseProtonPassCsv } from '@/src/formats/importers/protonpass-csv';
import { parseSafariCsv } from '@/src/formats/importers/safari-csv';
import type { ImportFormatId } from '@/src/protocol/import-formats';

type Parser = (input: ImportInput, ctx: ImportContext) => ParsedImport;

export const IMPORT_PARSERS: Record<Exclude<ImportFormatId, 'bitwarden_json'>, Parser> = {
  bitwarden_csv: parseBitwardenCsv,
  chrome_csv: parseChromeCsv,
  firefox_csv: parseFirefoxCsv,
  safari_csv: parseSafariCsv,
  lastpass_csv: parseLastPassCsv,
  onepassword_1pux: parseOnePassword1pux,
  keepassxc_csv: parseKeePassXcCsv,
  protonpass_csv: parseProtonPassCsv,
};
