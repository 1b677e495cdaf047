/**
 * The crash test's workload. `setup` is a company (organisation, reps,
 * customers, products, opportunities) loaded once; `sequence` is what the test
 * kills and re-runs: several order-line files, one large one (so a kill can
 * land inside a long import), and a last file that cancels lines of the first
 * (so a batch can also be an update). Each import is one committed batch.
 * Every file follows a fixed pattern, and `records` holds what each file
 * leaves in its table, so a test can replay any committed prefix in memory.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityName } from '@cairn/core/model';

export interface WorkloadStep {
  entity: EntityName;
  /** File name, unique within the workload: import_log.file_name points back to the step. */
  name: string;
  path: string;
  /** id → the compared columns as the store returns them, joined by '|'. */
  records: Map<string, string>;
}

/** Per table, the columns whose values `records` holds (the table's key is always `id`). */
export const COMPARED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  org_unit: ['kind', 'parent_id'],
  rep: ['role'],
  customer: ['owner_rep_id'],
  product: ['product_line'],
  opportunity: ['customer_id', 'stage', 'amount_minor'],
  order_line: ['customer_id', 'status', 'cancelled_at', 'amount_minor'],
};

export interface WorkloadSize {
  reps: number;
  customers: number;
  opportunities: number;
  /** Rows of each ordinary order-line file. */
  orderLinesPerFile: number;
  orderLineFiles: number;
  /** Rows of the large order-line file. */
  bigFile: number;
  cancelled: number;
}

const PRODUCT_LINES = ['analytics', 'platform', 'services', 'security'];
const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];

function isoDay(dayOffset: number): string {
  return new Date(Date.UTC(2021, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

export interface CrashWorkload {
  /** The company the order lines refer to, loaded once before any kill. */
  setup: WorkloadStep[];
  /** The order-line imports the crash test kills and re-runs. */
  sequence: WorkloadStep[];
}

/** Writes the workload's files into `dir` and returns the steps in import order. */
export function writeCrashWorkload(dir: string, size: WorkloadSize): CrashWorkload {
  const steps: WorkloadStep[] = [];
  const add = (entity: EntityName, name: string, header: string, rows: { id: string; line: string; compared: string }[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${header}\n${rows.map((r) => r.line).join('\n')}\n`);
    steps.push({ entity, name, path, records: new Map(rows.map((r) => [r.id, r.compared])) });
  };

  add('org_unit', 'org_unit.csv', 'id,name,kind,parent_id', [
    { id: 'ENT', line: 'ENT,Acme,enterprise,', compared: 'enterprise|' },
    ...[1, 2].map((d) => ({ id: `DIV-${d}`, line: `DIV-${d},Division ${d},division,ENT`, compared: 'division|ENT' })),
    ...[1, 2, 3, 4].map((t) => {
      const parent = `DIV-${((t - 1) % 2) + 1}`;
      return { id: `TEAM-${t}`, line: `TEAM-${t},Team ${t},team,${parent}`, compared: `team|${parent}` };
    }),
  ]);
  add(
    'rep',
    'rep.csv',
    'id,name,email,role,hire_date',
    Array.from({ length: size.reps }, (_, i) => {
      const role = i % 5 === 0 ? 'AM' : 'AE';
      return { id: `R-${i}`, line: `R-${i},Rep ${i},rep${i}@acme.example,${role},${isoDay(i * 7)}`, compared: role };
    }),
  );
  add(
    'customer',
    'customer.csv',
    'id,name,segment,country,owner_rep_id,created_at',
    Array.from({ length: size.customers }, (_, i) => {
      const owner = `R-${i % size.reps}`;
      return {
        id: `C-${i}`,
        line: `C-${i},Customer ${i} Holdings,${['enterprise', 'mid_market', 'smb'][i % 3]},US,${owner},${isoDay(i)}`,
        compared: owner,
      };
    }),
  );
  add(
    'product',
    'product.csv',
    'id,sku,name,product_line,list_price,currency',
    Array.from({ length: 12 }, (_, i) => {
      const line = PRODUCT_LINES[i % PRODUCT_LINES.length] ?? 'analytics';
      return { id: `P-${i}`, line: `P-${i},SKU-${i},Product ${i},${line},${1000 + i * 250}.00,USD`, compared: line };
    }),
  );
  add(
    'opportunity',
    'opportunity.csv',
    'id,customer_id,owner_rep_id,product_id,amount,currency,stage,created_at,close_date',
    Array.from({ length: size.opportunities }, (_, i) => {
      const customer = `C-${i % size.customers}`;
      const stage = STAGES[i % STAGES.length] ?? 'prospecting';
      const cents = 100_000 + ((i * 7919) % 5_000_000);
      return {
        id: `O-${i}`,
        line: `O-${i},${customer},R-${i % size.reps},P-${i % 12},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')},USD,${stage},${isoDay(i % 900)},${isoDay((i % 900) + 60)}`,
        compared: `${customer}|${stage}|${cents}`,
      };
    }),
  );

  // Each order-line file sells to its own customers, so that the derivation an
  // import runs for its customers stays proportional to the file.
  const header = 'id,order_id,customer_id,rep_id,product_id,booked_at,quantity,amount,currency,status,cancelled_at';
  const perFile = Math.floor(size.customers / (size.orderLineFiles + 1));
  let customerBase = 0;
  const orderLine = (n: number, status: 'active' | 'cancelled') => {
    const customer = `C-${customerBase + ((n * 31) % perFile)}`;
    const booked = isoDay((n * 13) % 1200);
    const cents = 5_000 + ((n * 104_729) % 2_000_000);
    const cancelledAt = status === 'cancelled' ? isoDay(((n * 13) % 1200) + 30) : '';
    return {
      id: `L-${n}`,
      line: `L-${n},SO-${Math.floor(n / 3)},${customer},R-${n % size.reps},P-${n % 12},${booked},${1 + (n % 4)},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')},USD,${status},${cancelledAt}`,
      compared: `${customer}|${status}|${cancelledAt}|${cents}`,
    };
  };
  const setup = steps.length;
  let next = 0;
  const lines = (name: string, count: number) => {
    const ns = Array.from({ length: count }, () => next++);
    add(
      'order_line',
      name,
      header,
      ns.map((n) => orderLine(n, 'active')),
    );
    customerBase += perFile;
    return ns;
  };
  const first = lines('order_line-1.csv', size.orderLinesPerFile);
  for (let f = 2; f <= size.orderLineFiles; f++) {
    lines(`order_line-${f}.csv`, size.orderLinesPerFile);
    if (f === 2) lines('order_line-big.csv', size.bigFile);
  }
  customerBase = 0;
  add(
    'order_line',
    'order_line-cancellations.csv',
    header,
    first.slice(0, size.cancelled).map((n) => orderLine(n, 'cancelled')),
  );
  return { setup: steps.slice(0, setup), sequence: steps.slice(setup) };
}
