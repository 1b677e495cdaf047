/**
 * Streams a source file as rows of text fields, with the physical line each
 * record starts on. CSV: any of , ; tab | as delimiter (sniffed from the
 * header when not declared), quoted fields with embedded newlines, a BOM,
 * UTF-8 or Latin-1. JSON Lines: one flat object per line. Problems of layout
 * (unterminated quotes, malformed JSON) come back as row errors, never thrown.
 * The file is read in chunks, cut at record boundaries, so memory stays flat.
 */
import { createReadStream } from 'node:fs';
import type { RowError } from '@cairn/core/ingest';
import Papa from 'papaparse';

export interface SourceOptions {
  format: 'csv' | 'jsonl';
  delimiter: 'auto' | ',' | ';' | '\t' | '|';
  encoding: 'utf-8' | 'latin1';
}

export interface SourceBatch {
  rows: string[][];
  lines: number[];
  errors: RowError[];
  bytesRead: number;
}

export interface SourceHeader {
  header: string[];
  delimiter: string;
}

const CHUNK = 256 << 10;
/** A record longer than this is treated as an unterminated quote. */
const MAX_RECORD_CHARS = 64 << 20;
const DELIMITERS = [',', ';', '\t', '|'] as const;

function sniffDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let n = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Index just past the last newline that ends a complete record, or -1. */
function lastRecordBoundary(text: string, from: number, quotesBefore: number): { cut: number; quotes: number } {
  // Fast path: no quote anywhere in the unscanned text and none pending.
  if (quotesBefore % 2 === 0 && text.indexOf('"', from) === -1) {
    const nl = text.lastIndexOf('\n');
    return nl >= from ? { cut: nl + 1, quotes: 0 } : { cut: -1, quotes: quotesBefore };
  }
  let quotes = quotesBefore;
  let cut = -1;
  let cutQuotes = quotes;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quotes++;
    else if (c === 10 && quotes % 2 === 0) {
      cut = i + 1;
      cutQuotes = quotes;
    }
  }
  return { cut, quotes: cut === -1 ? quotes : quotes - cutQuotes };
}

async function* decodedChunks(path: string, encoding: SourceOptions['encoding']): AsyncGenerator<{ text: string; bytes: number }> {
  const decoder = new TextDecoder(encoding === 'latin1' ? 'latin1' : 'utf-8', { fatal: false });
  let bytes = 0;
  for await (const buf of createReadStream(path, { highWaterMark: CHUNK })) {
    bytes += (buf as Buffer).length;
    yield { text: decoder.decode(buf as Buffer, { stream: true }), bytes };
  }
  const tail = decoder.decode();
  if (tail) yield { text: tail, bytes };
}

function stripLineEnd(s: string): string {
  return s.endsWith('\r\n') ? s.slice(0, -2) : s.endsWith('\n') || s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** A stretch of CSV text cut at a record boundary, with the physical line it starts on. */
export interface CsvPiece {
  text: string;
  line: number;
  delimiter: string;
  bytesRead: number;
}

/**
 * Parses one piece into rows. Pure, so a worker thread can run it: each piece
 * carries its own first line number (the newlines of the pieces before it).
 */
export function parseCsvPiece(piece: CsvPiece, file: string): SourceBatch {
  const batch: SourceBatch = { rows: [], lines: [], errors: [], bytesRead: piece.bytesRead };
  const body = stripLineEnd(piece.text);
  const d = piece.delimiter;
  let line = piece.line;
  if (body.indexOf('"') === -1) {
    // No quotes: no embedded newlines or delimiters, so native splitting is exact and far faster.
    const physical = body.split('\n');
    for (let i = 0; i < physical.length; i++) {
      const raw = physical[i] as string;
      const at = line++;
      const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
      if (text === '' || (text.charCodeAt(0) <= 32 && text.trim() === '')) continue;
      batch.rows.push(text.split(d));
      batch.lines.push(at);
    }
    return batch;
  }
  const result = Papa.parse<string[]>(body, { delimiter: d, skipEmptyLines: false });
  const badRows = new Map<number, string>();
  for (const e of result.errors) {
    // The first quoting error names the cause; later ones on the same row are its consequences.
    if (e.type === 'Quotes' && e.row !== undefined && !badRows.has(e.row)) badRows.set(e.row, e.message);
  }
  for (let i = 0; i < result.data.length; i++) {
    const row = result.data[i] as string[];
    const at = line;
    let inner = 0;
    for (const f of row) if (f.includes('\n')) inner += countNewlines(f);
    line += 1 + inner;
    const problem = badRows.get(i);
    if (problem) {
      batch.errors.push({
        file,
        line: at,
        column: null,
        value: null,
        reason: `${problem.toLowerCase()}; check the quoting on this line`,
      });
      continue;
    }
    if (row.length === 1 && (row[0] ?? '').trim() === '') continue;
    batch.rows.push(row);
    batch.lines.push(at);
  }
  return batch;
}

/**
 * Cuts a CSV file into pieces at record boundaries (a newline outside quotes), about one read
 * chunk each, sniffing the delimiter from the first line when it is not declared. Yields a
 * SourceBatch with the error instead when a record never ends.
 */
export async function* csvPieces(path: string, file: string, opts: SourceOptions): AsyncGenerator<CsvPiece | SourceBatch, void, undefined> {
  let pending = '';
  let scanned = 0;
  let quotes = 0;
  let line = 1;
  let delimiter: string | null = opts.delimiter === 'auto' ? null : opts.delimiter;
  let bytesRead = 0;
  const take = (text: string): CsvPiece => {
    const piece = { text, line, delimiter: delimiter ?? ',', bytesRead };
    line += countNewlines(text);
    return piece;
  };
  for await (const chunk of decodedChunks(path, opts.encoding)) {
    bytesRead = chunk.bytes;
    pending += chunk.text;
    if (delimiter === null) {
      const nl = pending.indexOf('\n');
      if (nl === -1 && pending.length < MAX_RECORD_CHARS) continue;
      delimiter = sniffDelimiter(stripLineEnd(pending.slice(0, nl === -1 ? pending.length : nl + 1)));
    }
    const { cut, quotes: q } = lastRecordBoundary(pending, scanned, quotes);
    if (cut === -1) {
      scanned = pending.length;
      quotes = q;
      if (pending.length > MAX_RECORD_CHARS) {
        yield {
          rows: [],
          lines: [],
          errors: [
            { file, line, column: null, value: null, reason: 'a quoted field is never closed (record runs past 64 MB); check the quoting' },
          ],
          bytesRead,
        };
        return;
      }
      continue;
    }
    const text = pending.slice(0, cut);
    pending = pending.slice(cut);
    scanned = 0;
    quotes = 0;
    yield take(text);
  }
  if (pending.trim() !== '') {
    delimiter ??= sniffDelimiter(stripLineEnd(pending.split('\n')[0] ?? ''));
    yield take(pending);
  }
}

/** Reads a CSV or JSONL file. The first yielded value is the header (or the errors that prevent one). */
export async function* readSourceRows(
  path: string,
  file: string,
  opts: SourceOptions,
): AsyncGenerator<SourceHeader | SourceBatch, void, undefined> {
  if (opts.format === 'jsonl') {
    yield* readJsonLines(path, file, opts);
    return;
  }
  let headerDone = false;
  for await (const piece of csvPieces(path, file, opts)) {
    if ('errors' in piece) {
      yield piece;
      return;
    }
    const batch = parseCsvPiece(piece, file);
    if (!headerDone) {
      headerDone = true;
      const first = takeHeader(batch, file, piece.delimiter);
      yield first;
      if ('errors' in first) return;
    }
    yield batch;
  }
  if (!headerDone) {
    yield { rows: [], lines: [], errors: [{ file, line: 1, column: null, value: null, reason: 'the file is empty' }], bytesRead: 0 };
  }
}

/** Removes the first row of a batch as the header, or reports that there is none. */
export function takeHeader(batch: SourceBatch, file: string, delimiter: string): SourceHeader | SourceBatch {
  const header = batch.rows.shift();
  batch.lines.shift();
  if (header) return { header, delimiter };
  return {
    rows: [],
    lines: [],
    errors: [{ file, line: 1, column: null, value: null, reason: 'the file has no header row' }],
    bytesRead: batch.bytesRead,
  };
}

async function* readJsonLines(
  path: string,
  file: string,
  opts: SourceOptions,
): AsyncGenerator<SourceHeader | SourceBatch, void, undefined> {
  let pending = '';
  let line = 0;
  let header: string[] | null = null;
  let index = new Map<string, number>();
  let bytesRead = 0;
  const flush = (text: string, final: boolean): SourceBatch => {
    const batch: SourceBatch = { rows: [], lines: [], errors: [], bytesRead };
    const parts = text.split('\n');
    if (!final) parts.pop();
    for (const raw of parts) {
      line++;
      const s = raw.trim();
      if (s === '') continue;
      const fail = (column: string | null, value: string | null, reason: string) =>
        batch.errors.push({ file, line, column, value, reason });
      let obj: unknown;
      try {
        obj = JSON.parse(s);
      } catch (e) {
        fail(null, s.slice(0, 80), `is not valid JSON: ${(e as Error).message}`);
        continue;
      }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        fail(null, s.slice(0, 80), 'is not a JSON object');
        continue;
      }
      const entries = Object.entries(obj as Record<string, unknown>);
      if (header === null) {
        header = entries.map(([k]) => k);
        index = new Map(header.map((h, i) => [h, i]));
      }
      const row: string[] = new Array(header.length).fill('');
      let ok = true;
      for (const [k, v] of entries) {
        const i = index.get(k);
        if (i === undefined) {
          fail(k, null, `field "${k}" is not in the first record's fields (${header.join(', ')})`);
          ok = false;
        } else if (v !== null && typeof v === 'object') {
          fail(k, JSON.stringify(v).slice(0, 80), 'is a nested value; only flat objects are supported');
          ok = false;
        } else row[i] = v === null || v === undefined ? '' : String(v);
      }
      if (ok) {
        batch.rows.push(row);
        batch.lines.push(line);
      }
    }
    return batch;
  };
  let announced = false;
  for await (const chunk of decodedChunks(path, opts.encoding)) {
    bytesRead = chunk.bytes;
    pending += chunk.text;
    const cut = pending.lastIndexOf('\n');
    if (cut === -1) continue;
    const batch = flush(pending.slice(0, cut + 1), false);
    pending = pending.slice(cut + 1);
    if (!announced && header) {
      announced = true;
      yield { header, delimiter: '' };
    }
    yield batch;
  }
  const batch = flush(pending, true);
  if (!announced) {
    if (!header) {
      yield {
        rows: [],
        lines: [],
        errors: [...batch.errors, { file, line: 1, column: null, value: null, reason: 'the file has no JSON records' }],
        bytesRead,
      };
      return;
    }
    yield { header, delimiter: '' };
  }
  yield batch;
}
