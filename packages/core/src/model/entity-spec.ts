/**
 * How a canonical entity is imported: its fields, their types and rules, its
 * natural key and its references. One spec drives validation, staging and the
 * upsert, for every source file and both engines.
 */
export const FIELD_KINDS = [
  'id',
  'text',
  'enum',
  'money',
  'date',
  'timestamp',
  'integer',
  'decimal',
  'boolean',
  'currency',
  'email',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface Reference {
  entity: EntityName;
  /** Only when another field of the row has this value (polymorphic subjects). */
  when?: { field: string; equals: string };
}

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** Target column; money fields store minor units in `<name>_minor`. */
  column: string;
  required: boolean;
  values?: readonly string[];
  min?: number;
  max?: number;
  /** Decimal places for `decimal` fields. */
  scale?: number;
  maxLength: number;
  references?: Reference[];
}

/** A rule over two fields of one row: `later` must not be before `earlier`. */
export interface OrderCheck {
  earlier: string;
  later: string;
}

export interface EntitySpec {
  name: EntityName;
  table: string;
  description: string;
  fields: FieldSpec[];
  key: string[];
  orderChecks: OrderCheck[];
  /** Columns computed from the row during validation (not mapped from source). */
  computed: { column: string; from: string; fn: 'normalise_company_name' }[];
  /** For entities whose changes are also recorded as a dated history row. */
  history?: { table: string; fields: string[] };
}

export const ENTITY_NAMES = [
  'org_unit',
  'rep',
  'territory',
  'rep_assignment',
  'customer',
  'product',
  'stage',
  'opportunity',
  'opportunity_history',
  'forecast_submission',
  'lead',
  'order_line',
  'credit_split',
  'invoice',
  'revenue_schedule',
  'activity',
  'introduction',
  'quota',
  'survey_response',
  'complaint',
  'support_case',
  'campaign',
  'training',
  'enablement_event',
  'fx_rate',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export function isEntityName(name: string): name is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(name);
}
