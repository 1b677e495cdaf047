/**
 * The demo company: a pure, seeded generator of a complete sales history
 * (organisation, customers, pipeline, bookings, invoices, revenue, service,
 * quotas) in the canonical tables. The same options always give the same
 * rows, byte for byte. Tables are produced one at a time in batches, so
 * memory stays bounded however large the company; derived columns are left
 * null for deriveFacts to compute.
 */
import { customerContext, dealsContext, salesContext } from './customer-context';
import { customerPass, type DemoPass, type DemoRow, type DemoTable, memoryTable, singleTablePass } from './demo-table';
import { buildWorld, type DemoOptions } from './demo-world';
import { emitActivities } from './generate-activities';
import { emitCustomer } from './generate-customers';
import { campaignRows, fxRateRows, orgUnitRows, productRows, repAssignmentRows, repRows, territoryRows } from './generate-organisation';
import { enablementRows, forecastSubmissionRows, quotaRows, trainingRows } from './generate-people-events';
import { emitIntroductions, emitLeads, emitOpportunities, emitOpportunityHistory } from './generate-pipeline';
import { emitCreditSplits, emitInvoices, emitOrderLines, emitRevenueSchedule } from './generate-sales';
import { emitComplaints, emitSupportCases, emitSurveyResponses } from './generate-service';

export { DEMO_AS_OF, DEMO_FISCAL_YEARS } from './demo-calendar';
export { DEMO_SIZE_SPECS, DEMO_SIZES, type DemoSize, type DemoSizeSpec, isDemoSize } from './demo-size';
export type { DemoPass, DemoPassBatch, DemoRow, DemoTable } from './demo-table';
export { BATCH_ROWS } from './demo-table';
export type { DemoOptions } from './demo-world';
export { DEMO_IMPORT_ID } from './format';
export * from './planted-problems';

export interface DemoCompany {
  options: DemoOptions;
  /** First day of the history and the day after its last, 'YYYY-MM-DD'. */
  from: string;
  until: string;
  /** Every table, in load order: every table a row refers to comes before it. */
  tables: DemoTable[];
  /** The same tables grouped into passes that share one walk over the customers, in load order. */
  passes: DemoPass[];
}

/** The demo company for the options; nothing is generated until a table's or a pass's batches are iterated. */
export function demoCompany(options: DemoOptions): DemoCompany {
  const w = buildWorld(options);
  const n = w.spec.customers;
  let quotas: DemoRow[] | null = null;
  const quotaRowsOnce = () => {
    quotas ??= quotaRows(w);
    return quotas;
  };
  const memory = (name: string, rows: () => DemoRow[]) => singleTablePass(memoryTable(name, rows));
  const passes: DemoPass[] = [
    memory('fx_rate', () => fxRateRows(w)),
    memory('org_unit', () => orgUnitRows(w)),
    memory('territory', () => territoryRows(w)),
    memory('rep', () => repRows(w)),
    memory('rep_assignment', () => repAssignmentRows(w)),
    memory('product', () => productRows(w)),
    memory('campaign', () => campaignRows(w)),
    customerPass(n, (i) => customerContext(w, i), [
      { name: 'customer', emit: emitCustomer },
      { name: 'survey_response', emit: emitSurveyResponses },
      { name: 'complaint', emit: emitComplaints },
      { name: 'support_case', emit: emitSupportCases },
    ]),
    customerPass(n, (i) => dealsContext(w, i), [
      { name: 'opportunity', emit: emitOpportunities },
      { name: 'opportunity_history', emit: emitOpportunityHistory },
      { name: 'lead', emit: emitLeads },
      { name: 'introduction', emit: emitIntroductions },
      { name: 'activity', emit: emitActivities },
    ]),
    customerPass(n, (i) => salesContext(w, i), [
      { name: 'order_line', emit: emitOrderLines },
      { name: 'credit_split', emit: emitCreditSplits },
      { name: 'invoice', emit: emitInvoices },
      { name: 'revenue_schedule', emit: emitRevenueSchedule },
    ]),
    memory('quota', quotaRowsOnce),
    memory('forecast_submission', () => forecastSubmissionRows(w, quotaRowsOnce())),
    memory('training', () => trainingRows(w)),
    memory('enablement_event', () => enablementRows(w)),
  ];
  return {
    options,
    from: w.cal.iso(w.cal.start),
    until: w.cal.iso(w.cal.end),
    tables: passes.flatMap((p) => p.tables),
    passes,
  };
}
