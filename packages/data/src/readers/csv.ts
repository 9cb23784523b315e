// CSV/TSV readers with a header row and an optional label column: a sync variant and a streaming variant.
import { readUtf8Chunks } from '../stream/chunks.js';
import { readFileText, readerProgress, type ReaderOptions, type StreamOptions } from './common.js';
import { CsvParser } from './csv-parser.js';
import { DataFileError } from './errors.js';

/** Options of the CSV readers. */
export interface CsvOptions extends ReaderOptions {
  /** Field separator, one character (default "\t" for a .tsv file, else ","). */
  delimiter?: string;
  /** Column holding each row's label: rows then come as `{ fields, label }` with the label taken out of `fields`. */
  labelColumn?: string;
}

/** Options of {@link streamCsv}. */
export interface CsvStreamOptions extends CsvOptions, StreamOptions {}

/** A row as column name -> value. */
export type CsvRow = Record<string, string>;

/** A row split into its label and the other fields. */
export interface LabeledCsvRow {
  fields: CsvRow;
  label: string;
}

type RowMaker = (fields: string[], line: number) => CsvRow | LabeledCsvRow;

/** Checks the header and returns the function that turns later records into rows. */
function rowMaker(fn: string, file: string, header: string[], labelColumn: string | undefined): RowMaker {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new DataFileError(`${fn}: ${file} line 1: the header names the column "${name}" twice`, { file, line: 1 });
    seen.add(name);
  }
  const labelIndex = labelColumn === undefined ? -1 : header.indexOf(labelColumn);
  if (labelColumn !== undefined && labelIndex < 0) {
    throw new DataFileError(`${fn}: ${file} has no column "${labelColumn}"; its columns are: ${header.join(', ')}`, { file, line: 1 });
  }
  const unsafeKeys = header.includes('__proto__');
  return (fields, line) => {
    if (fields.length !== header.length) {
      throw new DataFileError(
        `${fn}: ${file} line ${line}: expected ${header.length} fields (${header.join(', ')}) but found ${fields.length}`,
        { file, line },
      );
    }
    const row: CsvRow = {};
    for (let k = 0; k < header.length; k++) {
      if (k === labelIndex) continue;
      // defineProperty, not assignment, so a column named "__proto__" is an ordinary key.
      if (unsafeKeys) Object.defineProperty(row, header[k]!, { value: fields[k]!, enumerable: true, writable: true, configurable: true });
      else row[header[k]!] = fields[k]!;
    }
    return labelIndex < 0 ? row : { fields: row, label: fields[labelIndex]! };
  };
}

const delimiterOf = (file: string, options: CsvOptions): string => options.delimiter ?? (/\.tsv$/i.test(file) ? '\t' : ',');

/** A parser that makes rows with the header it finds first, pushing them to `out`. */
function rowParser(fn: string, file: string, options: CsvOptions, out: Array<CsvRow | LabeledCsvRow>): CsvParser {
  let make: RowMaker | undefined;
  return new CsvParser(fn, file, delimiterOf(file, options), (fields, line) => {
    if (make === undefined) make = rowMaker(fn, file, fields, options.labelColumn);
    else out.push(make(fields, line));
  });
}

function noHeader(fn: string, file: string): DataFileError {
  return new DataFileError(`${fn}: ${file} is empty; expected a header row naming the columns`, { file });
}

/** Rows of a CSV/TSV file with a header (RFC 4180 quoting, "\r\n" or "\n", BOM dropped). For files that fit in memory. */
export function readCsv(file: string, options: CsvOptions & { labelColumn: string }): LabeledCsvRow[];
export function readCsv(file: string, options?: CsvOptions): CsvRow[];
export function readCsv(file: string, options: CsvOptions = {}): Array<CsvRow | LabeledCsvRow> {
  const progress = readerProgress('readCsv', file, 'rows', options);
  const rows: Array<CsvRow | LabeledCsvRow> = [];
  const text = readFileText('readCsv', file);
  const parser = rowParser('readCsv', file, options, rows);
  parser.push(text);
  parser.end();
  if (rows.length === 0 && text.trim().length === 0) throw noHeader('readCsv', file);
  progress.tick(rows.length);
  progress.done();
  return rows;
}

/** Rows of a CSV/TSV file of any size, read chunk by chunk (same rules as {@link readCsv}). */
export function streamCsv(file: string, options: CsvStreamOptions & { labelColumn: string }): AsyncGenerator<LabeledCsvRow>;
export function streamCsv(file: string, options?: CsvStreamOptions): AsyncGenerator<CsvRow>;
export async function* streamCsv(file: string, options: CsvStreamOptions = {}): AsyncGenerator<CsvRow | LabeledCsvRow> {
  const progress = readerProgress('streamCsv', file, 'rows', options);
  const pending: Array<CsvRow | LabeledCsvRow> = [];
  const parser = rowParser('streamCsv', file, options, pending);
  let sawText = false;
  try {
    for await (const chunk of readUtf8Chunks('streamCsv', file, options.chunkSize)) {
      sawText ||= chunk.trim().length > 0;
      parser.push(chunk);
      progress.tick(pending.length);
      yield* pending.splice(0);
    }
    parser.end();
    if (!sawText) throw noHeader('streamCsv', file);
    progress.tick(pending.length);
    yield* pending.splice(0);
  } finally {
    progress.done();
  }
}
