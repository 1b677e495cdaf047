/**
 * An import sent over HTTP: the body streams to a temporary file, refused as
 * soon as it passes the byte limit (never buffered whole), then the same
 * importFile service runs on it.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '@cairn/core/domain';
import type { EntityName } from '@cairn/core/model';
import type { CompanySettings } from '../db/company-settings';
import type { Store } from '../db/store';
import { type ImportMode, type ImportReport, importFile } from './import-file';
import { resolveMapping } from './resolve-mapping';

export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

export async function importUpload(
  store: Store,
  settings: CompanySettings,
  req: { entity: EntityName; body: Readable; fileName: string; mapping?: string; mode: ImportMode; actor: string; resolves?: string },
): Promise<ImportReport> {
  const path = join(tmpdir(), `cairn-upload-${randomUUID()}`);
  let bytes = 0;
  try {
    await pipeline(
      req.body,
      async function* limit(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          if (bytes > UPLOAD_MAX_BYTES)
            throw new DomainError('invalid_input', `the upload is larger than ${UPLOAD_MAX_BYTES / 1024 / 1024} MB; split the file`);
          yield chunk;
        }
      },
      createWriteStream(path),
    );
    return await importFile(store, settings, {
      entity: req.entity,
      path,
      fileName: req.fileName,
      ...(req.mapping ? { mapping: resolveMapping(req.mapping, { allowPaths: false }) } : {}),
      mode: req.mode,
      actor: req.actor,
      ...(req.resolves ? { resolves: req.resolves } : {}),
    });
  } finally {
    await rm(path, { force: true });
  }
}
