/** Logical column types; each dialect prints its own spelling. */
export type ColumnType =
  | { kind: 'text' }
  | { kind: 'integer' }
  | { kind: 'bigint' }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'double' }
  | { kind: 'decimal'; precision: number; scale: number };

export interface ColumnDef {
  name: string;
  type: ColumnType;
  notNull?: boolean;
}

export interface IndexDef {
  name: string;
  columns: string[];
}

export interface TableDef {
  name: string;
  columns: ColumnDef[];
  primaryKey?: string[];
  /** Column sets declared UNIQUE (a constraint, checked by the engine, not a secondary index to drop). */
  unique?: string[][];
  indexes?: IndexDef[];
}
