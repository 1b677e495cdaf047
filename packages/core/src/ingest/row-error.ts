/** One problem with one value of one row of an input file. */
export interface RowError {
  file: string;
  /** Physical line in the file where the record starts (1-based; the header is line 1). */
  line: number;
  /** The source column as the file names it, or the canonical field when no column applies. */
  column: string | null;
  value: string | null;
  reason: string;
}
