/**
 * An import sent over HTTP: the body streams to a temporary file, refused as
 * soon as it passes the byte or the row limit (never buffered whole), then the
 * same importFile service runs on it. Rows are counted as line breaks while the
 * body streams, so a record whose quoted fields hold line breaks counts once
 * per line: the limit can refuse such a file a little early, never late.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '@cairn/core/domain';
import { parseColumnMapping } from '@cairn/core/ingest';
import type { EntityName } from '@cairn/core/model';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { type ImportMode, type ImportReport, importFile } from './import-file';
import { resolveMapping } from './resolve-mapping';

export interface UploadLimits {
  maxBytes: number;
  /** Data rows, the header line not counted. */
  maxRows: number;
}

export const UPLOAD_LIMITS: UploadLimits = { maxBytes: 200 * 1024 * 1024, maxRows: 2_000_000 };

const NEWLINE = 0x0a;

function sizeOf(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return Number.isInteger(mb) ? `${mb.toLocaleString('en-US')} MB` : `${bytes.toLocaleString('en-US')} bytes`;
}

export async function importUpload(
  store: Store,
  settings: CompanySettings,
  req: { entity: EntityName; body: Readable; fileName: string; mapping?: string; mode: ImportMode; actor: string; resolves?: string },
  limits: UploadLimits = UPLOAD_LIMITS,
): Promise<ImportReport> {
  const mapping = req.mapping ? resolveMapping(req.mapping, { allowPaths: false }) : null;
  const parsed = mapping ? parseColumnMapping(mapping.text, mapping.name) : null;
  // A JSON Lines file has no header line; a CSV file's first line is its header. (A mapping that does
  // not parse is reported by importFile; counting a header line then only refuses a row later.)
  const headerLines = parsed && 'mapping' in parsed && parsed.mapping.source.format === 'jsonl' ? 0 : 1;
  const path = join(tmpdir(), `cairn-upload-${randomUUID()}`);
  let bytes = 0;
  let lines = 0;
  let last = NEWLINE;
  try {
    await pipeline(
      req.body,
      async function* limit(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          if (bytes > limits.maxBytes) {
            throw new DomainError(
              'invalid_input',
              `${req.fileName}: the upload is larger than ${sizeOf(limits.maxBytes)}; split the file, or import it with \`cairn import\``,
            );
          }
          for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) lines += 1;
          if (chunk.length > 0) last = chunk[chunk.length - 1] as number;
          // A last line without a line break is a row too.
          if (lines + (last === NEWLINE ? 0 : 1) - headerLines > limits.maxRows) {
            throw new DomainError(
              'invalid_input',
              `${req.fileName}: the upload has more than ${limits.maxRows.toLocaleString('en-US')} rows; split the file, or import it with \`cairn import\``,
            );
          }
          yield chunk;
        }
      },
      createWriteStream(path),
    );
    return await importFile(store, settings, {
      entity: req.entity,
      path,
      fileName: req.fileName,
      ...(mapping ? { mapping } : {}),
      mode: req.mode,
      actor: req.actor,
      ...(req.resolves ? { resolves: req.resolves } : {}),
    });
  } finally {
    await rm(path, { force: true });
  }
}
