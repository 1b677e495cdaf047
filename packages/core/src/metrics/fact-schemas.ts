/**
 * The facts a measure may aggregate, and the only names a formula may use. Every
 * column here exists in the canonical model; a test pins that. A fact says
 * which dates can place a row in a period and whose rep the row belongs to;
 * lookups are one-row joins (a stage's probability, a customer's owner).
 */

export type FieldType = 'money' | 'integer' | 'decimal' | 'text' | 'boolean' | 'date' | 'id';

export interface FactLookup {
  /** The table joined, and the equality that joins it: fact column = lookup column. */
  table: string;
  factColumn: string;
  lookupColumn: string;
  fields: Readonly<Record<string, FieldType>>;
}

export interface FactSchema {
  name: string;
  table: string;
  /** Columns that form a row's id, shown by explain. */
  idColumns: readonly string[];
  /** Date columns that may place a row in a period; the first is the default. */
  dates: readonly string[];
  /** Whose row it is: a fact column, or `lookup.column`. */
  rep: { lookup: string | null; column: string };
  fields: Readonly<Record<string, FieldType>>;
  lookups: Readonly<Record<string, FactLookup>>;
}

const CUSTOMER_OWNER: FactLookup = {
  table: 'customer',
  factColumn: 'customer_id',
  lookupColumn: 'id',
  fields: { owner_rep_id: 'id', segment: 'text', industry: 'text', territory_id: 'id', country: 'text', customer_group: 'text' },
};

const FACT_LIST: FactSchema[] = [
  {
    name: 'order_line',
    table: 'order_line',
    idColumns: ['id'],
    dates: ['booked_at', 'cancelled_at'],
    rep: { lookup: null, column: 'rep_id' },
    fields: {
      id: 'id',
      order_id: 'id',
      customer_id: 'id',
      rep_id: 'id',
      product_id: 'id',
      opportunity_id: 'id',
      booked_at: 'date',
      cancelled_at: 'date',
      quantity: 'integer',
      amount_rc_minor: 'money',
      margin_rc_minor: 'money',
      contract_months: 'integer',
      crm_cross_sell_flag: 'boolean',
      status: 'text',
      product_line: 'text',
      is_cross_sell: 'boolean',
      is_new_logo: 'boolean',
    },
    lookups: { customer: CUSTOMER_OWNER },
  },
  {
    name: 'opportunity',
    table: 'opportunity',
    idColumns: ['id'],
    dates: ['closed_at', 'created_at', 'close_date'],
    rep: { lookup: null, column: 'owner_rep_id' },
    fields: {
      id: 'id',
      customer_id: 'id',
      owner_rep_id: 'id',
      type: 'text',
      product_line: 'text',
      amount_rc_minor: 'money',
      stage: 'text',
      forecast_category: 'text',
      lead_source: 'text',
      created_at: 'date',
      close_date: 'date',
      closed_at: 'date',
      is_closed: 'boolean',
      is_won: 'boolean',
    },
    lookups: {
      stage: {
        table: 'stage',
        factColumn: 'stage',
        lookupColumn: 'name',
        fields: { sequence: 'integer', default_probability: 'decimal', is_closed: 'boolean', is_won: 'boolean' },
      },
      customer: CUSTOMER_OWNER,
    },
  },
  {
    name: 'customer',
    table: 'customer',
    idColumns: ['id'],
    dates: ['first_booked_at', 'created_at'],
    rep: { lookup: null, column: 'owner_rep_id' },
    fields: {
      id: 'id',
      owner_rep_id: 'id',
      industry: 'text',
      segment: 'text',
      country: 'text',
      territory_id: 'id',
      created_at: 'date',
      first_booked_at: 'date',
      cross_sell_opt_out: 'boolean',
      customer_group: 'text',
      merged_into_id: 'id',
    },
    lookups: {},
  },
  {
    name: 'lead',
    table: 'lead',
    idColumns: ['id'],
    dates: ['created_at', 'converted_at'],
    rep: { lookup: null, column: 'rep_id' },
    fields: { id: 'id', source: 'text', created_at: 'date', rep_id: 'id', customer_id: 'id', converted_at: 'date', opportunity_id: 'id' },
    lookups: {},
  },
  {
    name: 'activity',
    table: 'activity',
    idColumns: ['id'],
    dates: ['at'],
    rep: { lookup: null, column: 'rep_id' },
    fields: { id: 'id', rep_id: 'id', customer_id: 'id', opportunity_id: 'id', kind: 'text', at: 'date' },
    lookups: {},
  },
  {
    name: 'introduction',
    table: 'introduction',
    idColumns: ['id'],
    dates: ['introduced_at'],
    rep: { lookup: null, column: 'from_rep_id' },
    fields: {
      id: 'id',
      from_rep_id: 'id',
      to_rep_id: 'id',
      customer_id: 'id',
      from_division_id: 'id',
      to_division_id: 'id',
      introduced_at: 'date',
      opportunity_id: 'id',
      outcome: 'text',
    },
    lookups: {},
  },
  {
    name: 'quota',
    table: 'quota',
    idColumns: ['subject_id', 'measure', 'grain', 'period_start'],
    dates: ['period_start'],
    rep: { lookup: null, column: 'subject_id' },
    fields: {
      subject_kind: 'text',
      subject_id: 'id',
      measure: 'text',
      grain: 'text',
      period_start: 'date',
      amount_minor: 'money',
      currency: 'text',
    },
    lookups: {},
  },
  {
    name: 'survey_response',
    table: 'survey_response',
    idColumns: ['id'],
    dates: ['at'],
    rep: { lookup: 'customer', column: 'owner_rep_id' },
    fields: { id: 'id', customer_id: 'id', at: 'date', nps_score: 'integer' },
    lookups: { customer: CUSTOMER_OWNER },
  },
  {
    name: 'complaint',
    table: 'complaint',
    idColumns: ['id'],
    dates: ['opened_at', 'closed_at'],
    rep: { lookup: 'customer', column: 'owner_rep_id' },
    fields: { id: 'id', customer_id: 'id', opened_at: 'date', closed_at: 'date', severity: 'text', category: 'text', campaign_id: 'id' },
    lookups: { customer: CUSTOMER_OWNER },
  },
  {
    name: 'support_case',
    table: 'support_case',
    idColumns: ['id'],
    dates: ['opened_at', 'closed_at'],
    rep: { lookup: 'customer', column: 'owner_rep_id' },
    fields: { id: 'id', customer_id: 'id', opened_at: 'date', closed_at: 'date', severity: 'text', escalated: 'boolean' },
    lookups: { customer: CUSTOMER_OWNER },
  },
  {
    name: 'training',
    table: 'training',
    idColumns: ['id'],
    dates: ['at'],
    rep: { lookup: null, column: 'rep_id' },
    fields: { id: 'id', rep_id: 'id', course: 'text', at: 'date', completed: 'boolean' },
    lookups: {},
  },
  {
    name: 'enablement_event',
    table: 'enablement_event',
    idColumns: ['id'],
    dates: ['at'],
    rep: { lookup: null, column: 'rep_id' },
    fields: { id: 'id', rep_id: 'id', tool: 'text', kind: 'text', at: 'date' },
    lookups: {},
  },
  {
    name: 'rep',
    table: 'rep',
    idColumns: ['id'],
    dates: ['hire_date', 'end_date'],
    rep: { lookup: null, column: 'id' },
    fields: { id: 'id', role: 'text', selling_style: 'text', hire_date: 'date', end_date: 'date', training_cohort: 'text' },
    lookups: {},
  },
];

export const FACTS: ReadonlyMap<string, FactSchema> = new Map(FACT_LIST.map((f) => [f.name, f]));
