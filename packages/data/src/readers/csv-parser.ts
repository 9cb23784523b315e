// An incremental RFC 4180 parser: text goes in chunk by chunk, records come out with the line they start on.
import { DataFileError } from './errors.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const enum State {
  /** At the start of a field (after a delimiter or a record end). */
  FieldStart,
  /** Inside a field that did not start with a quote. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: an escaped quote ("") or the field's end. */
  QuoteInQuoted,
}

/** Receives each record's fields and the 1-based line it starts on. */
export type RecordSink = (fields: string[], line: number) => void;

/**
 * Splits delimited text into records. Quoted fields may hold delimiters, "" for a quote, and line breaks
 * (kept as written); "\r\n" and "\n" end records; blank lines are skipped. A quote inside an unquoted field is
 * taken literally; anything but a delimiter or line end after a closing quote is an error.
 */
export class CsvParser {
  private readonly delimiter: number;
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  /** Something of the current record was seen (so a final record without a newline still counts). */
  private open = false;
  private line = 1;
  private recordLine = 1;

  constructor(private readonly fn: string, private readonly file: string, delimiter: string, private readonly sink: RecordSink) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`${fn}: the delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Parses the next piece of text; records completed by it go to the sink. */
  push(text: string): void {
    const n = text.length;
    let run = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.state === State.FieldStart) {
        if (!this.open) this.recordLine = this.line;
        this.open = true;
        if (c === QUOTE) {
          this.state = State.Quoted;
          run = i + 1;
          continue;
        }
        // Any other character is the first of an unquoted field.
        this.state = State.Unquoted;
        run = i;
      }
      switch (this.state) {
        case State.Unquoted:
          if (c === this.delimiter) {
            this.field += text.slice(run, i);
            this.endField();
          } else if (c === LF) {
            this.field += text.slice(run, i);
            if (this.field.endsWith('\r')) this.field = this.field.slice(0, -1);
            this.endRecord();
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(run, i);
            this.state = State.QuoteInQuoted;
          } else if (c === LF) {
            this.line++;
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            run = i + 1;
          } else if (c === this.delimiter) {
            this.endField();
          } else if (c === LF) {
            this.endRecord();
          } else if (c !== CR) {
            throw new DataFileError(`${this.fn}: ${this.file} line ${this.line}: unexpected ${JSON.stringify(text[i])} after the closing quote of a field`, { file: this.file, line: this.line });
          }
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += text.slice(run);
  }

  /** Ends the input: a final record without a newline is emitted; an open quoted field is an error. */
  end(): void {
    if (this.state === State.Quoted) {
      throw new DataFileError(`${this.fn}: ${this.file} line ${this.recordLine}: a quoted field is not closed before the end of the file`, { file: this.file, line: this.recordLine });
    }
    if (this.state === State.Unquoted && this.field.endsWith('\r')) this.field = this.field.slice(0, -1);
    if (this.open) {
      this.fields.push(this.field);
      this.emit();
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRecord(): void {
    this.fields.push(this.field);
    this.emit();
    this.line++;
  }

  private emit(): void {
    const fields = this.fields;
    const wasQuoted = this.state === State.QuoteInQuoted;
    this.fields = [];
    this.field = '';
    this.state = State.FieldStart;
    this.open = false;
    // A blank line is one empty unquoted field; "" on its own line is a real (empty) record.
    if (fields.length === 1 && fields[0] === '' && !wasQuoted) return;
    this.sink(fields, this.recordLine);
  }
}
