import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readKpiCatalog } from './read-kpi-catalog';
import { definitionDocument } from './store-kpi-definitions';

/**
 * A store remembers each definition by the hash of its document and refuses a
 * changed document under the same version. These hashes were stored by the
 * first release; if a refactor changes the document of a definition that did
 * not change, every existing store would refuse to compute after an upgrade.
 */
const STORED_BY_FIRST_RELEASE: Record<string, string> = {
  win_rate: '24787db8772687941ec1d8ba9f7f22fb74fc38d0bc76113c02e9dd5f79e773c2',
  net_bookings: 'fd729a67cfde38fcca1fd44572b9adaab1e2e797b836db3c73786120f8401f21',
};

describe('definitionDocument', () => {
  it.each(Object.entries(STORED_BY_FIRST_RELEASE))('keeps the document %s was first stored with', (id, sha) => {
    const catalog = readKpiCatalog();
    const kpi = catalog.kpis.get(id);
    if (!kpi) throw new Error(`no KPI ${id}`);
    expect(createHash('sha256').update(definitionDocument(kpi, catalog)).digest('hex')).toBe(sha);
  });
});
