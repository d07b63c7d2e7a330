/**
 * Reading CSV files (RFC 4180) with papaparse, for every CSV importer: a leading byte-order mark
 * is dropped, CRLF and LF are both accepted, quoted values keep their line breaks, and each row
 * is returned as a header → value record. Problems name the row (counted as in a spreadsheet:
 * the header is row 1).
 */
import Papa from 'papaparse';
import { CofferError, readingAt } from '@/src/errors/coffer-error';
import { IMPORT_LIMITS } from './import-types';

export interface CsvTable {
  header: string[];
  /** Each row as header name → value; `row` is the spreadsheet row number. */
  rows: { row: number; values: Record<string, string> }[];
}

export function readCsv(
  text: string,
  options: { expectedHeader?: readonly string[] } = {},
): CsvTable {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy' });
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    throw new CofferError('errCsvQuote', {
      place: { row: rowNumber(quoteError.row) },
    });
  }
  const [header, ...data] = result.data;
  if (!header || header.every((h) => h.trim() === '')) {
    throw new CofferError('errCsvNoHeader');
  }
  const names = header.map((h) => h.trim());
  if (options.expectedHeader) {
    const missing = options.expectedHeader.filter((h) => !names.includes(h));
    if (missing.length > 0) {
      throw new CofferError('errCsvMissingColumns', {
        args: [missing.join(', ')],
        place: { row: 1 },
      });
    }
  }
  if (data.length > IMPORT_LIMITS.maxItems) {
    throw new CofferError('errTooManyRows', {
      args: [data.length, IMPORT_LIMITS.maxItems],
    });
  }
  const rows = data.map((cells, i) => {
    if (cells.length > names.length && cells.slice(names.length).some((c) => c !== '')) {
      throw new CofferError('errCsvRowWidth', {
        args: [cells.length, names.length],
        place: { row: i + 2 },
      });
    }
    const values: Record<string, string> = Object.create(null);
    names.forEach((name, c) => {
      const value = cells[c] ?? '';
      if (value.length > IMPORT_LIMITS.maxStringLength) {
        throw new CofferError('errValueTooLong', {
          args: [value.length, IMPORT_LIMITS.maxStringLength],
          place: { row: i + 2, column: name },
        });
      }
      values[name] = value;
    });
    return { row: i + 2, values };
  });
  return { header: names, rows };
}

/** papaparse counts data rows from 0; a spreadsheet counts the header as row 1. */
function rowNumber(papaRow: number | undefined): number {
  return (papaRow ?? 0) + 1;
}

/** Reads every row with `read`, placing any failure at its row. */
export function mapRows<T>(
  rows: CsvTable['rows'],
  read: (values: Record<string, string>) => T,
): T[] {
  return rows.map(({ row, values }) => readingAt({ row }, () => read(values)));
}
