/** Which importer reads each format Import Data offers (Bitwarden JSON is handled apart). */
import type { ImportContext, ImportInput, ParsedImport } from '@/src/formats/import-types';
import { parseBitwardenCsv } from '@/src/formats/importers/bitwarden-csv';
import type { ImportFormatId } from '@/src/protocol/import-formats';

type Parser = (input: ImportInput, ctx: ImportContext) => ParsedImport;

export const IMPORT_PARSERS: Partial<Record<Exclude<ImportFormatId, 'bitwarden_json'>, Parser>> = {
  bitwarden_csv: parseBitwardenCsv,
};
