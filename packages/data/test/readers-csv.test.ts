// CSV/TSV readers: RFC 4180 quoting, CRLF, BOM, label columns, streaming equal to sync, and located errors.
import { describe, expect, it } from 'vitest';
import { DataFileError, readCsv, streamCsv } from '../src/index.js';
import { collect, fakeStream, tempFiles } from './temp-files.js';

const file = tempFiles();
const tricky = '\uFEFFid,text,label\r\n'
  + '1,plain words,ham\r\n'
  + '\r\n'
  + '2,"a, quoted, field",spam\r\n'
  + '3,"she said ""hi""",ham\r\n'
  + '4,"two\nlines",spam\r\n'
  + '5,,ham\r\n'
  + '6,"",spam';

const expectedRows = [
  { id: '1', text: 'plain words', label: 'ham' },
  { id: '2', text: 'a, quoted, field', label: 'spam' },
  { id: '3', text: 'she said "hi"', label: 'ham' },
  { id: '4', text: 'two\nlines', label: 'spam' },
  { id: '5', text: '', label: 'ham' },
  { id: '6', text: '', label: 'spam' },
];

describe('readCsv', () => {
  it('parses quoted fields with delimiters, quotes and newlines; drops the BOM and blank lines; handles CRLF', () => {
    expect(readCsv(file('t.csv', tricky))).toEqual(expectedRows);
  });

  it('takes the label column out of the fields', () => {
    const rows = readCsv(file('t.csv', tricky), { labelColumn: 'label' });
    expect(rows[1]).toEqual({ fields: { id: '2', text: 'a, quoted, field' }, label: 'spam' });
    expect(rows.map((r) => r.label)).toEqual(['ham', 'spam', 'ham', 'spam', 'ham', 'spam']);
  });

  it('reads TSV by extension and any delimiter by option', () => {
    expect(readCsv(file('t.tsv', 'a\tb\n1\t"x\ty"\n'))).toEqual([{ a: '1', b: 'x\ty' }]);
    expect(readCsv(file('t.txt', 'a;b\n1;2,3\n'), { delimiter: ';' })).toEqual([{ a: '1', b: '2,3' }]);
  });

  it('reads a header-only file as no rows', () => {
    expect(readCsv(file('h.csv', 'a,b\n'))).toEqual([]);
  });
});

describe('streamCsv', () => {
  it('yields the same rows as readCsv for any chunk size', async () => {
    const path = file('t.csv', tricky);
    for (const chunkSize of [4, 5, 6, 7, 9, 16, 1 << 18]) {
      expect(await collect(streamCsv(path, { chunkSize }))).toEqual(expectedRows);
      expect(await collect(streamCsv(path, { chunkSize, labelColumn: 'label' }))).toEqual(readCsv(path, { labelColumn: 'label' }));
    }
  });

  it('shows progress on a terminal and stays silent elsewhere', async () => {
    const path = file('t.csv', tricky);
    const tty = fakeStream(true);
    const pipe = fakeStream(false);
    const quietTty = fakeStream(true);
    await collect(streamCsv(path, { progressStream: tty }));
    await collect(streamCsv(path, { progressStream: pipe }));
    await collect(streamCsv(path, { progressStream: quietTty, progress: false }));
    expect(tty.written.join('')).toMatch(/streamCsv .*t\.csv: 6 rows \([\d.k]+ rows\/s, [\d.]+ s\)/);
    expect(pipe.written).toEqual([]);
    expect(quietTty.written).toEqual([]);
  });
});

describe('CSV errors', () => {
  it('name the file and line of a row with the wrong number of fields, counting lines inside quotes', async () => {
    const path = file('bad.csv', 'a,b\n1,"x\ny"\n2,3,4\n');
    expect(() => readCsv(path)).toThrow(`readCsv: ${path} line 4: expected 2 fields (a, b) but found 3`);
    const error = await collect(streamCsv(path, { chunkSize: 4 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).message).toBe(`streamCsv: ${path} line 4: expected 2 fields (a, b) but found 3`);
    expect((error as DataFileError).line).toBe(4);
  });

  it('list the columns when the label column does not exist', async () => {
    const path = file('t.csv', tricky);
    expect(() => readCsv(path, { labelColumn: 'class' })).toThrow(`readCsv: ${path} has no column "class"; its columns are: id, text, label`);
    await expect(collect(streamCsv(path, { labelColumn: 'class' }))).rejects.toThrow('has no column "class"; its columns are: id, text, label');
  });

  it('reject an unclosed quote, text after a closing quote, an empty file, duplicate columns and bad delimiters', async () => {
    expect(() => readCsv(file('q.csv', 'a,b\n1,2\n3,"open\n\n'))).toThrow('line 3: a quoted field is not closed before the end of the file');
    expect(() => readCsv(file('g.csv', 'a,b\n1,"x"y\n'))).toThrow('line 2: unexpected "y" after the closing quote of a field');
    expect(() => readCsv(file('e.csv', '\n\n'))).toThrow('is empty; expected a header row naming the columns');
    await expect(collect(streamCsv(file('e.csv', '')))).rejects.toThrow('streamCsv: ');
    expect(() => readCsv(file('d.csv', 'a,b,a\n'))).toThrow('line 1: the header names the column "a" twice');
    expect(() => readCsv(file('t.csv', tricky), { delimiter: '"' })).toThrow('readCsv: the delimiter must be one character other than a quote or a line break, got "\\""');
    expect(() => readCsv(file('m.csv', 'a'), { delimiter: ',,' })).toThrow('the delimiter must be one character');
  });

  it('say that a file is missing', () => {
    expect(() => readCsv('/nonexistent/data.csv')).toThrow('readCsv: file not found: /nonexistent/data.csv');
  });
});
