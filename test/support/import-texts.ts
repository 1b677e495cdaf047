/**
 * Writes small CSV texts to files under `dir` and imports them, in order, into a store, each in atomic
 * mode and expected to commit: the company a test's own files build on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityName } from '@cairn/core/model';
import { importFile, readCompanySettings, type Store } from '@cairn/server';
import { expect } from 'vitest';

export async function importTexts(store: Store, dir: string, files: Record<string, string>): Promise<void> {
  const settings = await readCompanySettings(store);
  for (const [entity, text] of Object.entries(files)) {
    const path = join(dir, `${entity}.csv`);
    writeFileSync(path, text);
    const r = await importFile(store, settings, { entity: entity as EntityName, path, mode: 'atomic', actor: 'test' });
    expect(r.status, entity).toBe('committed');
  }
}
