/** Candidate duplicates among the live customers (those not merged into another). */
import { type DuplicateReport, type FindDuplicateOptions, findDuplicateCustomers } from '@cairn/core/quality';
import { sql } from '@cairn/core/sql';
import type { Store } from '../db/store';

interface CustomerRow {
  id: string;
  name: string;
  normalised_name: string;
  domain: string | null;
  tax_id: string | null;
  country: string | null;
}

export async function listDuplicateCustomers(store: Store, options: FindDuplicateOptions = {}): Promise<DuplicateReport> {
  const rows = await store.query<CustomerRow>(
    sql`SELECT id, name, normalised_name, domain, tax_id, country FROM customer WHERE merged_into_id IS NULL ORDER BY id`,
  );
  return findDuplicateCustomers(
    rows.map((r) => ({ id: r.id, name: r.name, normalisedName: r.normalised_name, domain: r.domain, taxId: r.tax_id, country: r.country })),
    options,
  );
}
