// Errors of the file readers: which file, and where in it (line or byte offset), plus clear messages for fs failures.

/** Where in a file a problem was found. */
export interface DataFileLocation {
  file: string;
  /** 1-based line number. */
  line?: number;
  /** 0-based byte offset. */
  byteOffset?: number;
}

/** A malformed or unreadable data file; `file`, `line` and `byteOffset` locate the problem. */
export class DataFileError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly byteOffset: number | undefined;

  constructor(message: string, location: DataFileLocation, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DataFileError';
    this.file = location.file;
    this.line = location.line;
    this.byteOffset = location.byteOffset;
  }
}

/** Turns an fs error on `file` into a DataFileError that says what went wrong in words. */
export function fsError(fn: string, file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'file not found'
    : code === 'EISDIR' ? 'is a directory, not a file'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : `cannot read (${error instanceof Error ? error.message : String(error)})`;
  return new DataFileError(`${fn}: ${reason}: ${file}`, { file }, { cause: error });
}
