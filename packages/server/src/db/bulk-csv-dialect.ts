/**
 * The CSV dialect of Cairn's bulk loads (COPY on both engines): comma
 * separated, records end in '\n', an empty unquoted field is NULL, and the
 * quote character is U+0002 (doubled inside a quoted value), not '"'. The
 * values with quotes in them are mostly JSON documents (every stored
 * scorecard summary) and names; with '"' as the quote each of those quotes
 * had to be doubled, which was a third of the cost of writing a full
 * scorecard run. A value that does contain U+0002 is still quoted and
 * doubled, so any text loads exactly.
 */
export const BULK_QUOTE = '\u0002';

/** Values that must be quoted: the quote itself, the delimiter, a line break. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0002 is the dialect's quote, chosen because text never has it.
export const NEEDS_BULK_QUOTES = /[\u0002,\n\r]/;

/** A value as a quoted field. */
export function quoteBulkValue(v: string): string {
  return v.includes(BULK_QUOTE)
    ? `${BULK_QUOTE}${v.replaceAll(BULK_QUOTE, BULK_QUOTE + BULK_QUOTE)}${BULK_QUOTE}`
    : `${BULK_QUOTE}${v}${BULK_QUOTE}`;
}
