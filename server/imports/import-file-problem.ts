// What can be wrong with an uploaded file as a whole, so that no row of it can be read.

export type FileProblemCode =
  | 'FILE_FORMAT'
  | 'FILE_UNREADABLE'
  | 'FILE_ENCODING'
  | 'FILE_TOO_LARGE'
  | 'HEADER_NOT_FOUND'
  | 'COLUMN_MISSING'
  | 'COLUMN_DUPLICATED'
  | 'TOO_MANY_ROWS'
  | 'NO_ROWS';

/** Something wrong with the whole file: nothing in it can be read as rows. */
export class FileProblem extends Error {
  constructor(
    readonly code: FileProblemCode,
    message: string,
  ) {
    super(message);
  }
}
