/**
 * The facts a measure may aggregate, and the only names a formula may use. Every
 * column here exists in the canonical model or, for a derived fact, in the
 * SELECT that builds it; tests pin both. A fact says which dates can place a
 * row in a period and whose rep the row belongs to; lookups are one-row joins
 * (a stage's probability, a customer's owner).
 */

export type FieldType = 'money' | 'integer' | 'decimal' | 'text' | 'boolean' | 'date' | 'id';

export interface FactLookup {
  /** The table joined, and the equality that joins it: fact column = lookup column. */
  table: string;
  factColumn: string;
  lookupColumn: string;
  fields: Readonly<Record<string, FieldType>>;
}

/**
 * Facts Cairn derives from stored rows when it computes (compile-derived-fact.ts):
 * snapshots as of each month end of reps and open opportunities. Recognised
 * revenue in the reporting currency and the customers' month-end snapshot are
 * derived when the order lines are, and stored (recognised_revenue, customer_month).
 */
export const DERIVED_FACTS = ['rep_month', 'opportunity_month'] as const;
export type DerivedFactName = (typeof DERIVED_FACTS)[number];

/** A stored table whose rows feed a fact: a row dated d feeds fact rows dated up to reachMonths months later (null: any later date). */
export interface FactSource {
  table: string;
  reachMonths: number | null;
}

export interface FactSchema {
  name: string;
  table: string;
  /** Tables whose dated rows feed this fact's rows; default: the fact's own table, read as it is. */
  sources?: readonly FactSource[];
  /** Tables besides lookups and the org whose change may move this fact's rows of any date. */
  dimensions?: readonly string[];
  /** Set when the table is built at compute time from stored rows rather than stored. */
  derived?: DerivedFactName;
  /** The date whose rep assignment attributes a row to the org, when it is not the date that places it in a period. */
  orgDate?: string;
  /** Columns that form a row's id, shown by explain; they identify one row unless repeatedIds is set. */
  idColumns: readonly string[];
  /** Set when two rows may share an id (a top sum then adds them up as one before ranking). */
  repeatedIds?: true;
  /** Date columns that may place a row in a period; the first is the default. */
  dates: readonly string[];
  /**
   * Whose row it is: a fact column, or `lookup.column`. `when` names a column that must hold a value for
   * that column to be a rep at all (a quota's subject is a rep or an org unit): other rows belong to no rep.
   */
  rep: { lookup: string | null; column: string; when?: { column: string; equals: string } };
  fields: Readonly<Record<string, FieldType>>;
  lookups: Readonly<Record<string, FactLookup>>;
}

const CUSTOMER_OWNER: FactLookup = {
  table: 'customer',
  factColumn: 'customer_id',
  lookupColumn: 'id',
  fields: { owner_rep_id: 'id', segment: 'text', industry: 'text', territory_id: 'id', country: 'text', customer_group: 'text' },
};

const STAGE_LOOKUP: FactLookup = {
  table: 'stage',
  factColumn: 'stage',
  lookupColumn: 'name',
  fields: { sequence: 'integer', default_probability: 'decimal', is_closed: 'boolean', is_won: 'boolean' },
};

const FACT_LIST: FactSchema[] = [
  {
    name: 'order_line',
    table: 'order_line',
    // A line moves the derived new-logo and cross-sell flags of the customer's later lines.
    sources: [{ table: 'order_line', reachMonths: null }],
    // product_line and the reporting-currency amounts are derived from them.
    dimensions: ['product', 'fx_rate'],
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
    dimensions: ['product', 'fx_rate'],
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
    lookups: { stage: STAGE_LOOKUP, customer: CUSTOMER_OWNER },
  },
  {
    name: 'customer',
    table: 'customer',
    // first_booked_at is derived from the customer's order lines: cancelling the first moves it to a later one.
    sources: [
      { table: 'customer', reachMonths: 0 },
      { table: 'order_line', reachMonths: null },
    ],
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
    // The table's key also holds subject_kind.
    repeatedIds: true,
    dates: ['period_start'],
    // An org unit's own quota (subject_kind 'org_unit') is no rep's: it must not make a rep node of a team.
    rep: { lookup: null, column: 'subject_id', when: { column: 'subject_kind', equals: 'rep' } },
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

/**
 * Derived facts: revenue and customer_month are derived tables the server maintains; the others are
 * built per compute (TEMP tables) or per query (CTEs) under these names.
 */
const DERIVED_FACT_LIST: FactSchema[] = [
  {
    name: 'revenue',
    // A derived table the server keeps up to date with the lines and schedules (compile-recognised-revenue.ts).
    table: 'recognised_revenue',
    // Revenue is recognised from the booking on; a rate moves every later conversion.
    sources: [
      { table: 'revenue_schedule', reachMonths: 0 },
      { table: 'order_line', reachMonths: null },
    ],
    dimensions: ['fx_rate', 'company_setting', 'product'],
    idColumns: ['order_line_id', 'period_start'],
    dates: ['period_start'],
    rep: { lookup: null, column: 'rep_id' },
    fields: {
      order_line_id: 'id',
      period_start: 'date',
      rep_id: 'id',
      customer_id: 'id',
      product_line: 'text',
      status: 'text',
      currency: 'text',
      amount_rc_minor: 'money',
    },
    lookups: { customer: CUSTOMER_OWNER },
  },
  {
    name: 'customer_month',
    // A derived table the server keeps up to date with the order lines (compile-customer-month.ts).
    table: 'customer_month',
    sources: [{ table: 'order_line', reachMonths: 23 }],
    dimensions: ['product', 'fx_rate'],
    idColumns: ['customer_id', 'month_start'],
    dates: ['as_of'],
    rep: { lookup: null, column: 'owner_rep_id' },
    fields: {
      customer_id: 'id',
      owner_rep_id: 'id',
      month_start: 'date',
      as_of: 'date',
      is_active: 'boolean',
      was_active: 'boolean',
      net_t12_minor: 'money',
      net_prior_t12_minor: 'money',
      retained_t12_minor: 'money',
      margin_t12_minor: 'money',
      lines_t12: 'integer',
    },
    lookups: { customer: CUSTOMER_OWNER },
  },
  {
    name: 'rep_month',
    table: 'kpi_fact_rep_month',
    derived: 'rep_month',
    // Tenure runs on from the hire date; a booking or quota can move the first productive month to any later one.
    sources: [
      { table: 'rep', reachMonths: null },
      { table: 'quota', reachMonths: null },
      { table: 'order_line', reachMonths: null },
    ],
    dimensions: ['fx_rate'],
    idColumns: ['rep_id', 'month_start'],
    dates: ['as_of'],
    orgDate: 'org_date',
    rep: { lookup: null, column: 'rep_id' },
    fields: {
      rep_id: 'id',
      month_start: 'date',
      as_of: 'date',
      org_date: 'date',
      role: 'text',
      selling_style: 'text',
      hire_date: 'date',
      end_date: 'date',
      is_employed: 'boolean',
      has_departed: 'boolean',
      is_first_productive_month: 'boolean',
    },
    lookups: {},
  },
  {
    name: 'opportunity_month',
    table: 'kpi_fact_opportunity_month',
    derived: 'opportunity_month',
    // An open opportunity stays in every later month-end snapshot.
    sources: [
      { table: 'opportunity', reachMonths: null },
      { table: 'opportunity_history', reachMonths: null },
    ],
    dimensions: ['product', 'fx_rate'],
    idColumns: ['opportunity_id', 'month_start'],
    dates: ['as_of'],
    rep: { lookup: null, column: 'owner_rep_id' },
    fields: {
      opportunity_id: 'id',
      owner_rep_id: 'id',
      customer_id: 'id',
      month_start: 'date',
      as_of: 'date',
      fiscal_year_end: 'date',
      type: 'text',
      stage: 'text',
      forecast_category: 'text',
      product_line: 'text',
      amount_rc_minor: 'money',
      created_at: 'date',
      close_date: 'date',
      last_change_at: 'date',
    },
    lookups: { stage: STAGE_LOOKUP, customer: CUSTOMER_OWNER },
  },
];

export const FACTS: ReadonlyMap<string, FactSchema> = new Map([...FACT_LIST, ...DERIVED_FACT_LIST].map((f) => [f.name, f]));
