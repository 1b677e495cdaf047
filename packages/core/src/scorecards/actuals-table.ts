/**
 * The engine's KPI values a scoring run reads, as one dense table indexed by
 * node, period and KPI: three numbers per cell (value, numerator,
 * denominator; NaN is null) in one Float64Array. A full run over thousands of
 * nodes reads millions of values; held as objects in nested maps they cost
 * gigabytes and most of the run in lookups and garbage collection, held here
 * they cost 24 bytes each and a multiplication to find.
 *
 * A node has values for a period when any of its KPI rows exists, even one
 * whose value is null: that node gets a scorecard for the period.
 */
import { addTrailingPeriod, emptyTrailingSums, type TrailingSums } from './baseline-target';
import type { KpiActual } from './scorecard-types';

export interface ActualsPeriod {
  grain: 'month' | 'quarter' | 'year';
  start: string;
  label: string;
}

/** Parallel columns, one entry per engine value: indices into the dictionaries, then the numbers (NaN = null). */
export interface ActualsColumns {
  node: ArrayLike<number>;
  period: ArrayLike<number>;
  kpi: ArrayLike<number>;
  value: ArrayLike<number>;
  numerator: ArrayLike<number>;
  denominator: ArrayLike<number>;
}

/**
 * The table as a worker thread receives it: the dictionaries (copied) and the
 * cells in shared memory (not copied), so a second thread can score other
 * periods of the same run.
 */
export interface ActualsTableParts {
  nodeKeys: readonly string[];
  periods: readonly ActualsPeriod[];
  kpiIds: readonly string[];
  cells: Float64Array;
  present: Uint8Array;
}

const periodKey = (grain: string, start: string): string => `${grain}|${start}`;
/**
 * Where a (node, period, KPI) cell's value starts: value, numerator and denominator side by side, a KPI's periods
 * next to each other within its node, so the trailing periods a baseline folds are neighbours in memory.
 */
const cellAt = (n: number, p: number, k: number, P: number, K: number): number => ((n * K + k) * P + p) * 3;

const orNull = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);

export class ActualsTable {
  private readonly nodeIdx: Map<string, number>;
  private readonly periodIdx: Map<string, number>;
  private readonly kpiIdx: Map<string, number>;
  private readonly cells: Float64Array;
  private readonly present: Uint8Array;

  private constructor(
    readonly nodeKeys: readonly string[],
    readonly periods: readonly ActualsPeriod[],
    readonly kpiIds: readonly string[],
    shared?: { cells: Float64Array; present: Uint8Array },
  ) {
    this.nodeIdx = new Map(nodeKeys.map((k, i) => [k, i]));
    this.periodIdx = new Map(periods.map((p, i) => [periodKey(p.grain, p.start), i]));
    this.kpiIdx = new Map(kpiIds.map((k, i) => [k, i]));
    const cellCount = nodeKeys.length * periods.length * kpiIds.length * 3;
    const presentCount = nodeKeys.length * periods.length;
    if (shared && (shared.cells.length !== cellCount || shared.present.length !== presentCount)) {
      throw new Error(`actuals table parts do not match their dictionaries (${shared.cells.length} cells for ${cellCount})`);
    }
    // Shared memory, so a worker thread reads the same cells without a copy.
    this.cells = shared?.cells ?? new Float64Array(new SharedArrayBuffer(cellCount * 8)).fill(Number.NaN);
    this.present = shared?.present ?? new Uint8Array(new SharedArrayBuffer(presentCount));
  }

  /** The parts a worker thread rebuilds the table from (fromParts); the cells stay shared. */
  parts(): ActualsTableParts {
    return { nodeKeys: this.nodeKeys, periods: this.periods, kpiIds: this.kpiIds, cells: this.cells, present: this.present };
  }

  static fromParts(parts: ActualsTableParts): ActualsTable {
    return new ActualsTable(parts.nodeKeys, parts.periods, parts.kpiIds, { cells: parts.cells, present: parts.present });
  }

  /** A table from column arrays whose node, period and KPI entries index the three dictionaries. */
  static fromColumns(
    nodeKeys: readonly string[],
    periods: readonly ActualsPeriod[],
    kpiIds: readonly string[],
    cols: ActualsColumns,
    rowCount: number,
  ): ActualsTable {
    const t = new ActualsTable(nodeKeys, periods, kpiIds);
    const P = periods.length;
    const K = kpiIds.length;
    for (let i = 0; i < rowCount; i++) {
      const n = cols.node[i] as number;
      const p = cols.period[i] as number;
      const k = cols.kpi[i] as number;
      if (!(n >= 0 && n < nodeKeys.length && p >= 0 && p < P && k >= 0 && k < K)) {
        throw new Error(`engine value ${i} points outside its dictionaries (node ${n}, period ${p}, kpi ${k})`);
      }
      const at = cellAt(n, p, k, P, K);
      t.cells[at] = cols.value[i] as number;
      t.cells[at + 1] = cols.numerator[i] as number;
      t.cells[at + 2] = cols.denominator[i] as number;
      t.present[n * P + p] = 1;
    }
    return t;
  }

  /** A table from plain entries (tests, and small hand-built companies). */
  static fromEntries(entries: readonly { nodeKey: string; period: ActualsPeriod; kpiId: string; actual: KpiActual }[]): ActualsTable {
    const nodes = [...new Set(entries.map((e) => e.nodeKey))];
    const periods = [...new Map(entries.map((e) => [periodKey(e.period.grain, e.period.start), e.period])).values()];
    const kpis = [...new Set(entries.map((e) => e.kpiId))];
    const idx = <T>(list: readonly T[]) => new Map(list.map((x, i) => [x, i]));
    const [ni, pi, ki] = [idx(nodes), idx(periods.map((p) => periodKey(p.grain, p.start))), idx(kpis)];
    const nan = (x: number | null) => x ?? Number.NaN;
    return ActualsTable.fromColumns(
      nodes,
      periods,
      kpis,
      {
        node: entries.map((e) => ni.get(e.nodeKey) as number),
        period: entries.map((e) => pi.get(periodKey(e.period.grain, e.period.start)) as number),
        kpi: entries.map((e) => ki.get(e.kpiId) as number),
        value: entries.map((e) => nan(e.actual.value)),
        numerator: entries.map((e) => nan(e.actual.numerator)),
        denominator: entries.map((e) => nan(e.actual.denominator)),
      },
      entries.length,
    );
  }

  /** The node's index, or -1 when it has no values at all. */
  nodeIndex(nodeKey: string): number {
    return this.nodeIdx.get(nodeKey) ?? -1;
  }

  /** The period's index, or -1 when no node has values for it. */
  periodIndex(grain: string, start: string): number {
    return this.periodIdx.get(periodKey(grain, start)) ?? -1;
  }

  /** The KPI's index, or -1 when no node has a value of it. */
  kpiIndex(kpiId: string): number {
    return this.kpiIdx.get(kpiId) ?? -1;
  }

  /** Whether the node has any KPI row for the period. */
  has(n: number, p: number): boolean {
    return n >= 0 && p >= 0 && this.present[n * this.periods.length + p] === 1;
  }

  /** The engine's value, or undefined when there is no row (or every part of it is null). */
  actual(n: number, p: number, k: number): KpiActual | undefined {
    if (n < 0 || p < 0 || k < 0) return undefined;
    const at = cellAt(n, p, k, this.periods.length, this.kpiIds.length);
    const value = orNull(this.cells[at]);
    const numerator = orNull(this.cells[at + 1]);
    const denominator = orNull(this.cells[at + 2]);
    if (value === null && numerator === null && denominator === null) return undefined;
    return { value, numerator, denominator };
  }

  /**
   * Folds a KPI's values over periods (-1: a period nobody has values for) into `into`, in their order, as
   * foldTrailing would fold the actuals of those periods, without an object per period.
   */
  foldTrailing(n: number, periods: readonly number[], k: number, into: TrailingSums): TrailingSums {
    emptyTrailingSums(periods.length, into);
    if (n < 0 || k < 0) return into;
    const P = this.periods.length;
    const K = this.kpiIds.length;
    for (const p of periods) {
      if (p < 0) continue;
      const at = cellAt(n, p, k, P, K);
      addTrailingPeriod(into, orNull(this.cells[at]), orNull(this.cells[at + 1]), orNull(this.cells[at + 2]));
    }
    return into;
  }

  /** The same by key, for the few lookups outside a bulk loop. */
  get(nodeKey: string, grain: string, start: string, kpiId: string): KpiActual | undefined {
    return this.actual(this.nodeIndex(nodeKey), this.periodIndex(grain, start), this.kpiIndex(kpiId));
  }

  /** Indices of the nodes with values for the period. */
  nodesWith(p: number): number[] {
    const out: number[] = [];
    const P = this.periods.length;
    for (let n = 0; n < this.nodeKeys.length; n++) if (this.present[n * P + p] === 1) out.push(n);
    return out;
  }
}
