/**
 * The KPI engine end to end on fixtures/company-kpi, on every engine: import,
 * `computeKpis`, then the stored values against answers worked out by hand
 * (the reasoning sits beside each row; amounts in cents). Then DuckDB and
 * PostgreSQL must agree on every KPI × node × period.
 *
 * The company: ENT → DIV → REG → teams T1 and T2. RA and RB sit in T1; RC sits
 * in T2 until 2024-04-01 and in T1 from then on, so RC's Q1 deals stay with T2.
 */
import { type Period, parsePeriod } from '@cairn/core/domain';
import {
  compileDerivedFact,
  compileKpiQuery,
  DERIVED_FACTS,
  FACTS,
  type FactSchema,
  type KpiCatalog,
  type KpiDef,
  type KpiGrain,
} from '@cairn/core/metrics';
import { sql } from '@cairn/core/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeKpis } from '../packages/server/src/metrics/compute-kpis';
import { readKpiCatalog } from '../packages/server/src/metrics/read-kpi-catalog';
import { createTestStore, type EngineName, type TestStore, testEngines } from '../test-support/test-stores';
import { catalogWithTop2Share, importFixture, KPI_SETTINGS } from './metrics-support';

interface ValueRow {
  kpi_id: string;
  node_kind: string;
  node_id: string;
  period_label: string;
  value: number | null;
  numerator: string | null;
  denominator: string | null;
}

type Key = `${string} ${string} ${string}`;

/** kpi, node id, period → value (numerator/denominator where they tell the story). */
const EXPECTED: [Key, number | null, string | null, string | null][] = [
  // bookings = every line booked: Q1 RA L1 1,000,000; RB L2 2,000,000 + L3 300,000 (cancelled, still booked); RC L4 800,000 (in T2)
  ['bookings RA FY2024-Q1', 1_000_000, '1000000.000000', null],
  ['bookings RB FY2024-Q1', 2_300_000, '2300000.000000', null],
  ['bookings T1 FY2024-Q1', 3_300_000, '3300000.000000', null], // RA + RB
  ['bookings T2 FY2024-Q1', 800_000, '800000.000000', null], // RC before the move
  ['bookings ENT FY2024-Q1', 4_100_000, '4100000.000000', null],
  // Q2: RC L5 1,200,000 now counts for T1; RA L6 400,000
  ['bookings T1 FY2024-Q2', 1_600_000, '1600000.000000', null],
  ['bookings ENT FY2024-Q2', 1_600_000, '1600000.000000', null],
  ['bookings RC FY2024', 2_000_000, '2000000.000000', null], // the rep keeps both quarters
  ['bookings T2 FY2024', 800_000, '800000.000000', null], // T2 keeps RC's Q1 history
  ['bookings T1 FY2024', 4_900_000, '4900000.000000', null], // 3,300,000 + 1,600,000
  // net bookings = bookings − cancelled (L3 300,000)
  ['net_bookings RB FY2024-Q1', 2_000_000, '2000000.000000', null],
  ['net_bookings ENT FY2024-Q1', 3_800_000, '3800000.000000', null],
  ['net_bookings ENT FY2024', 5_400_000, '5400000.000000', null],
  // net bookings year to date at the end of May: L1 + L2 + L4 + L5 + L6 = 1,000,000+2,000,000+800,000+1,200,000+400,000
  ['net_bookings_ytd ENT 2024-05', 5_400_000, '5400000.000000', null],
  ['net_bookings_ytd ENT 2024-02', 3_000_000, '3000000.000000', null], // L1 + L2
  // win rate: Q1 RA 1 won (O1) of 4 closed; RB 1 of 1 (O5); RC 1 of 1 (O6, in T2)
  ['win_rate RA FY2024-Q1', 0.25, '1.000000', '4.000000'],
  ['win_rate RB FY2024-Q1', 1, '1.000000', '1.000000'],
  // T1 = 2 won / 5 closed = 0.4, not the mean of its reps' 0.25 and 1 (0.625)
  ['win_rate T1 FY2024-Q1', 0.4, '2.000000', '5.000000'],
  ['win_rate T2 FY2024-Q1', 1, '1.000000', '1.000000'],
  ['win_rate ENT FY2024-Q1', 0.5, '3.000000', '6.000000'],
  // Q2: RC O7 won, O8 lost (in T1 now); RB O9 lost → T1 1 of 3
  ['win_rate RC FY2024-Q2', 0.5, '1.000000', '2.000000'],
  ['win_rate T1 FY2024-Q2', 1 / 3, '1.000000', '3.000000'],
  // Year: T1 won O1, O5, O7 of O1–O5, O7–O9 = 3 / 8; T2 keeps O6; RC 2 of 3 across both teams
  ['win_rate T1 FY2024', 0.375, '3.000000', '8.000000'],
  ['win_rate T2 FY2024', 1, '1.000000', '1.000000'],
  ['win_rate RC FY2024', 2 / 3, '2.000000', '3.000000'],
  ['win_rate ENT FY2024', 4 / 9, '4.000000', '9.000000'],
  // March alone: RA lost O3 and O4
  ['win_rate RA 2024-03', 0, '0.000000', '2.000000'],
  // win rate by value, Q1 ENT: won 1,000,000 + 2,000,000 + 800,000 of closed 3,800,000 + 500,000 + 500,000 + 200,000
  ['win_rate_value ENT FY2024-Q1', 3_800_000 / 5_000_000, '3800000.000000', '5000000.000000'],
  // gross margin Q1 ENT: margins 400,000 + 500,000 + 200,000 over amounts 1,000,000 + 2,000,000 + 800,000 (L3 cancelled)
  ['gross_margin_pct ENT FY2024-Q1', 1_100_000 / 3_800_000, '1100000.000000', '3800000.000000'],
  // Q2: L6 has no margin, so only L5 counts: 900,000 / 1,200,000
  ['gross_margin_pct ENT FY2024-Q2', 0.75, '900000.000000', '1200000.000000'],
  // new logo: every Q1 line is in its customer's first quarter; L5 and L6 are expansion
  ['new_logo_bookings ENT FY2024-Q1', 3_800_000, '3800000.000000', null],
  ['new_logo_bookings ENT FY2024-Q2', 0, '0.000000', null],
  ['expansion_bookings ENT FY2024-Q2', 1_600_000, '1600000.000000', null],
  // cross-sell: L5 (SW new to K3, HW bought before); L3 is cross-sell but cancelled
  ['cross_sell_bookings T1 FY2024-Q2', 1_200_000, '1200000.000000', null],
  ['cross_sell_revenue_share ENT FY2024-Q2', 0.75, '1200000.000000', '1600000.000000'],
  ['cross_sell_revenue_share ENT FY2024-Q1', 0, '0.000000', '3800000.000000'],
  // average deal size Q1 ENT: won 1,000,000 + 2,000,000 + 800,000 over 3 deals
  ['average_deal_size ENT FY2024-Q1', 3_800_000 / 3, '3800000.000000', '3.000000'],
  // sales cycle of won deals: O1 30 days, O5 50, O6 30 (Q1); O7 30 (Q2)
  ['sales_cycle_days RA FY2024-Q1', 30, '30.000000', '1.000000'],
  ['sales_cycle_days T1 FY2024-Q1', 40, '80.000000', '2.000000'], // (30 + 50) / 2
  ['sales_cycle_days ENT FY2024-Q1', 110 / 3, '110.000000', '3.000000'],
  ['sales_cycle_days ENT FY2024', 35, '140.000000', '4.000000'],
  ['median_sales_cycle_days ENT FY2024', 30, null, null], // 30, 30, 30, 50
  // active customers, trailing 12 months to the end of June: K1, K2, K3 once at ENT;
  // T1 reached K1, K2 and (through RC after the move) K3; T2 reached K3 in March
  ['active_customers ENT 2024-06', 3, '3.000000', null],
  ['active_customers T1 2024-06', 3, '3.000000', null],
  ['active_customers T2 2024-06', 1, '1.000000', null],
  ['active_customers RC 2024-06', 1, '1.000000', null],
  // lines per customer, trailing 12 months to June: K1 {HW}, K2 {HW} (SW cancelled), K3 {HW, SW} = 4 pairs / 3
  ['lines_per_customer ENT 2024-06', 4 / 3, null, null],
  // new customers by first active booking, credited to the owner: K1 (RA) Jan, K2 (RB) Feb, K3 (RC) Mar
  ['new_customers ENT FY2024-Q1', 3, '3.000000', null],
  ['new_customers T2 FY2024-Q1', 1, '1.000000', null],
  // weighted pipeline: O10 open, negotiation (0.7), closes in June: 1,000,000 × 0.7
  ['weighted_pipeline RA 2024-06', 700_000, '700000.000000', null],
  ['open_pipeline ENT FY2024-Q2', 1_000_000, '1000000.000000', null],

  // ---- Derived facts and snapshots (fixtures/company-kpi/README.md, "2025 and the snapshot KPIs") ----
  // recognised revenue by recognised month, in the rep's org of that month:
  // Q1 2024 RA L1 Jan 500,000 + Feb 500,000; RB L2 Mar 2,000,000; RC L4 Mar 400,000 while in T2
  ['recognised_revenue RA FY2024-Q1', 1_000_000, '1000000.000000', null],
  ['recognised_revenue T1 FY2024-Q1', 3_000_000, '3000000.000000', null], // RA + RB
  ['recognised_revenue T2 FY2024-Q1', 400_000, '400000.000000', null],
  ['recognised_revenue ENT FY2024-Q1', 3_400_000, '3400000.000000', null],
  // Q2 2024: RC (in T1 from April) L4 Apr 400,000 + L5 Jun 600,000
  ['recognised_revenue RC FY2024-Q2', 1_000_000, '1000000.000000', null],
  ['recognised_revenue T1 FY2024-Q2', 1_000_000, '1000000.000000', null],
  ['recognised_revenue ENT FY2024-Q2', 1_000_000, '1000000.000000', null],
  // FY2024: 1,000,000 + 2,000,000 + 800,000 (L4) + 1,200,000 (L5 Jun and Dec)
  ['recognised_revenue ENT FY2024', 5_000_000, '5000000.000000', null],
  // L9 in EUR, 1,000.00 a month: Feb and Mar at 1.10 (rate of 2025-01-01) = 110,000 each; Apr at 1.20 (2025-04-01)
  ['recognised_revenue RD FY2025-Q1', 220_000, '220000.000000', null],
  ['recognised_revenue T2 FY2025-Q1', 220_000, '220000.000000', null],
  ['recognised_revenue ENT FY2025-Q1', 220_000, '220000.000000', null],
  ['recognised_revenue RD FY2025-Q2', 120_000, '120000.000000', null],
  ['recognised_revenue ENT FY2025-Q2', 120_000, '120000.000000', null],

  // Customers at 2025-03-31: trailing 12 months = Apr 2024 – Mar 2025, the year before = Apr 2023 – Mar 2024.
  //   K1 (RA) now L6 400,000 + L7 600,000 = 1,000,000 (HW, SW), margin 300,000; a year earlier L1 1,000,000
  //   K2 (RB) now L11 250,000 (SW), margin 100,000;                              a year earlier L2 2,000,000
  //   K3 (RC) now L5 1,200,000 (SW), margin 900,000;                             a year earlier L4 800,000
  //   K4 (RD) now L9 330,000 (HW, EUR 3,000 × 1.10), margin 66,000;              new, not in the cohort
  // All owners but RD sit in T1 at the period end.
  // net revenue retention = cohort now / cohort a year earlier
  ['net_revenue_retention RA FY2025-Q1', 1, '1000000.000000', '1000000.000000'],
  ['net_revenue_retention RC FY2025-Q1', 1.5, '1200000.000000', '800000.000000'],
  ['net_revenue_retention T1 FY2025-Q1', 2_450_000 / 3_800_000, '2450000.000000', '3800000.000000'], // (1,000,000 + 250,000 + 1,200,000) / (1,000,000 + 2,000,000 + 800,000)
  ['net_revenue_retention T2 FY2025-Q1', null, '0.000000', '0.000000'], // K4 has no year-earlier bookings
  ['net_revenue_retention ENT FY2025-Q1', 2_450_000 / 3_800_000, '2450000.000000', '3800000.000000'],
  // gross: K3's 1,200,000 counts only up to its 800,000 of a year earlier
  ['gross_revenue_retention RC FY2025-Q1', 1, '800000.000000', '800000.000000'],
  ['gross_revenue_retention RB FY2025-Q1', 0.125, '250000.000000', '2000000.000000'],
  ['gross_revenue_retention T1 FY2025-Q1', 2_050_000 / 3_800_000, '2050000.000000', '3800000.000000'], // 1,000,000 + 250,000 + 800,000
  ['gross_revenue_retention ENT FY2025-Q1', 2_050_000 / 3_800_000, '2050000.000000', '3800000.000000'],
  // Customers at 2025-06-30: now = Jul 2024 – Jun 2025, a year earlier = Jul 2023 – Jun 2024.
  //   K1 now L7 600,000 (SW), margin 300,000;                    a year earlier L1 + L6 = 1,400,000
  //   K2 now L11 250,000 + L8 2,500,000 = 2,750,000 (SW, HW), margin 100,000 + 500,000; a year earlier L2 2,000,000
  //   K3 now nothing: churned;                                    a year earlier L4 + L5 = 2,000,000
  //   K4 now L9 330,000, margin 66,000
  ['net_revenue_retention RA FY2025-Q2', 600_000 / 1_400_000, '600000.000000', '1400000.000000'],
  ['net_revenue_retention RB FY2025-Q2', 1.375, '2750000.000000', '2000000.000000'],
  ['net_revenue_retention RC FY2025-Q2', 0, '0.000000', '2000000.000000'],
  ['net_revenue_retention T1 FY2025-Q2', 3_350_000 / 5_400_000, '3350000.000000', '5400000.000000'], // (600,000 + 2,750,000 + 0) / (1,400,000 + 2,000,000 + 2,000,000)
  ['net_revenue_retention ENT FY2025-Q2', 3_350_000 / 5_400_000, '3350000.000000', '5400000.000000'],
  // gross: K2 capped at 2,000,000 → 600,000 + 2,000,000 + 0
  ['gross_revenue_retention RB FY2025-Q2', 1, '2000000.000000', '2000000.000000'],
  ['gross_revenue_retention T1 FY2025-Q2', 2_600_000 / 5_400_000, '2600000.000000', '5400000.000000'],
  ['gross_revenue_retention ENT FY2025-Q2', 2_600_000 / 5_400_000, '2600000.000000', '5400000.000000'],
  // churn rate: of the cohort K1, K2, K3 nobody churned by March; K3 has by June
  ['churn_rate RA FY2025-Q1', 0, '0.000000', '1.000000'],
  ['churn_rate T1 FY2025-Q1', 0, '0.000000', '3.000000'],
  ['churn_rate ENT FY2025-Q1', 0, '0.000000', '3.000000'],
  ['churn_rate T2 FY2025-Q1', null, '0.000000', '0.000000'], // RD's K4 is new: no cohort
  ['churn_rate RC FY2025-Q2', 1, '1.000000', '1.000000'],
  ['churn_rate T1 FY2025-Q2', 1 / 3, '1.000000', '3.000000'],
  ['churn_rate ENT FY2025-Q2', 1 / 3, '1.000000', '3.000000'],
  // cross-sell ratio: March — K1 has HW and SW, K2, K3, K4 one line each; June — K2 has SW and HW, K1 SW only, K3 inactive
  ['cross_sell_ratio RA FY2025-Q1', 1, '1.000000', '1.000000'],
  ['cross_sell_ratio T1 FY2025-Q1', 1 / 3, '1.000000', '3.000000'], // K1 of K1, K2, K3
  ['cross_sell_ratio T2 FY2025-Q1', 0, '0.000000', '1.000000'], // K4
  ['cross_sell_ratio ENT FY2025-Q1', 0.25, '1.000000', '4.000000'],
  ['cross_sell_ratio RB FY2025-Q2', 1, '1.000000', '1.000000'],
  ['cross_sell_ratio T1 FY2025-Q2', 0.5, '1.000000', '2.000000'], // K2 of K1, K2
  ['cross_sell_ratio ENT FY2025-Q2', 1 / 3, '1.000000', '3.000000'], // K2 of K1, K2, K4
  // customer concentration: no node has more than ten active customers, so its top ten are all of them
  // (the ranking itself is held to a top-2 variant below)
  ['customer_concentration RA FY2025-Q1', 1, null, null],
  ['customer_concentration T1 FY2025-Q1', 1, null, null],
  ['customer_concentration ENT FY2025-Q1', 1, null, null],
  ['customer_concentration RB FY2025-Q2', 1, null, null],
  ['customer_concentration T1 FY2025-Q2', 1, null, null],
  ['customer_concentration ENT FY2025-Q2', 1, null, null],
  ['customer_concentration RC FY2025-Q2', null, null, null], // K3 is no longer active: nothing to share
  // lifetime value = margin per active customer × min(1 / churn, 5 years); March: nobody churned → 5 years
  ['customer_lifetime_value RA FY2025-Q1', 1_500_000, null, null], // 300,000 / 1 × 5
  ['customer_lifetime_value T1 FY2025-Q1', 6_500_000 / 3, null, null], // (300,000 + 100,000 + 900,000) / 3 × 5
  ['customer_lifetime_value ENT FY2025-Q1', 1_707_500, null, null], // (1,300,000 + 66,000) / 4 × 5
  ['customer_lifetime_value T2 FY2025-Q1', null, null, null], // no customer a year earlier: churn unknown
  // June: 1 of 3 churned → 3 years
  ['customer_lifetime_value RA FY2025-Q2', 1_500_000, null, null], // 300,000 × 5 (RA's own cohort did not churn)
  ['customer_lifetime_value T1 FY2025-Q2', 1_350_000, null, null], // (300,000 + 600,000) / 2 active × 3
  ['customer_lifetime_value ENT FY2025-Q2', 966_000, null, null], // (900,000 + 66,000) / 3 active × 3

  // Opportunities open at 2025-03-31 (last change, required fields, amount if closing Apr–Dec 2025):
  //   RA O10 (change 2024-06-10: stale; close date 2024-06-30 passed), O11 (change 03-20: fresh; complete; 3,000,000),
  //      O12 (created 02-01, 58 days: stale; complete; 1,500,000)
  //   RB O13 (created 03-01, 30 days: stale; no forecast category; 2,000,000)
  //   RC O16 (created 01-20: stale; no product line; 700,000)
  //   RD O14 (created 03-15: fresh; no amount)            O15 (RF) closed on 03-05
  ['stale_opportunity_share RA FY2025-Q1', 2 / 3, '2.000000', '3.000000'],
  ['stale_opportunity_share T1 FY2025-Q1', 0.8, '4.000000', '5.000000'],
  ['stale_opportunity_share T2 FY2025-Q1', 0, '0.000000', '1.000000'],
  ['stale_opportunity_share ENT FY2025-Q1', 4 / 6, '4.000000', '6.000000'],
  ['crm_hygiene_compliance RA FY2025-Q1', 2 / 3, '2.000000', '3.000000'], // O11, O12
  ['crm_hygiene_compliance T1 FY2025-Q1', 0.4, '2.000000', '5.000000'],
  ['crm_hygiene_compliance ENT FY2025-Q1', 2 / 6, '2.000000', '6.000000'],
  // Quota left for Apr–Dec 2025 (9 months): RA 9 × 1,000,000; RB 9 × 800,000; RC 9 × 600,000; RF 9 × 400,000 (T1); RD 9 × 500,000 (T2)
  ['pipeline_coverage RA FY2025-Q1', 0.5, '4500000.000000', '9000000.000000'], // O11 + O12
  ['pipeline_coverage T1 FY2025-Q1', 7_200_000 / 25_200_000, '7200000.000000', '25200000.000000'], // + O13 + O16
  ['pipeline_coverage T2 FY2025-Q1', 0, '0.000000', '4500000.000000'],
  ['pipeline_coverage ENT FY2025-Q1', 7_200_000 / 29_700_000, '7200000.000000', '29700000.000000'],
  // At 2025-06-30: O10 stale; O11 stale (102 days), complete, 3,000,000; O12 stale, its close date passed;
  //   O13 changed 06-20, 2,000,000; O16 changed 06-25, 700,000; O14 stale (107 days)
  ['stale_opportunity_share RA FY2025-Q2', 1, '3.000000', '3.000000'],
  ['stale_opportunity_share T1 FY2025-Q2', 0.6, '3.000000', '5.000000'],
  ['stale_opportunity_share T2 FY2025-Q2', 1, '1.000000', '1.000000'],
  ['stale_opportunity_share ENT FY2025-Q2', 4 / 6, '4.000000', '6.000000'],
  ['crm_hygiene_compliance RA FY2025-Q2', 1 / 3, '1.000000', '3.000000'], // O11 only
  ['crm_hygiene_compliance T1 FY2025-Q2', 0.2, '1.000000', '5.000000'],
  ['crm_hygiene_compliance ENT FY2025-Q2', 1 / 6, '1.000000', '6.000000'],
  // Quota left for Jul–Dec 2025 (6 months): RA 6,000,000; T1 6 × 2,800,000; ENT 6 × 3,300,000
  ['pipeline_coverage RA FY2025-Q2', 0.5, '3000000.000000', '6000000.000000'], // O11
  ['pipeline_coverage T1 FY2025-Q2', 5_700_000 / 16_800_000, '5700000.000000', '16800000.000000'], // O11 + O13 + O16
  ['pipeline_coverage ENT FY2025-Q2', 5_700_000 / 19_800_000, '5700000.000000', '19800000.000000'],
  ['pipeline_coverage ENT FY2025', null, '0.000000', '0.000000'], // nothing is left of a year at its end

  // Ramp: quotas start in October 2024, so only RD (hired 2024-10-01) and RF (2024-11-04) are measured.
  // RD first reaches half his 500,000 quota in Feb 2025 (L9 330,000): 2024-10-01 → 2025-02-28 = 150 days.
  // RF first reaches half her 400,000 quota in Mar 2025 (L11 250,000): 2024-11-04 → 2025-03-31 = 147 days.
  ['ramp_time_days RD 2025-02', 150, '150.000000', '1.000000'],
  ['ramp_time_days T2 2025-02', 150, '150.000000', '1.000000'],
  ['ramp_time_days ENT 2025-02', 150, '150.000000', '1.000000'], // RF is not there yet
  ['ramp_time_days T1 2025-02', null, '0.000000', '0.000000'],
  ['ramp_time_days RF FY2025-Q1', 147, '147.000000', '1.000000'],
  ['ramp_time_days T1 FY2025-Q1', 147, '147.000000', '1.000000'],
  ['ramp_time_days ENT FY2025-Q1', 148.5, '297.000000', '2.000000'], // (150 + 147) / 2
  // Attrition, FY2025-Q1 (month ends Apr 2024 – Mar 2025): RE leaves 2025-03-14 from T2 (her assignment ends that day).
  // Month-end headcount: Apr–Sep 2024 RA RB RC RE = 6 × 4; Oct + RD = 5; Nov–Feb + RF = 4 × 6; Mar (RE gone) = 5 → 58
  ['rep_attrition RE FY2025-Q1', 12 / 11, '1.000000', '11.000000'], // 11 month ends employed
  ['rep_attrition T1 FY2025-Q1', 0, '0.000000', '41.000000'], // RA, RB, RC 3 × 12 + RF 5
  ['rep_attrition T2 FY2025-Q1', 12 / 17, '1.000000', '17.000000'], // RE 11 + RD 6
  ['rep_attrition ENT FY2025-Q1', 12 / 58, '1.000000', '58.000000'],
  // FY2025: Jan, Feb 6 each, Mar–Dec 5 each = 62; T2: RE 2 + RD 12
  ['rep_attrition RD FY2025', 0, '0.000000', '12.000000'],
  ['rep_attrition T2 FY2025', 12 / 14, '1.000000', '14.000000'],
  ['rep_attrition ENT FY2025', 12 / 62, '1.000000', '62.000000'],
  // Tenure at 2024-06-30: RA 909 days (2022-01-03 + 730 + 179), RB 760, RC 545 (T1 since April), RE 487 (T2)
  ['average_tenure_days RC FY2024-Q2', 545, '545.000000', '1.000000'],
  ['average_tenure_days T1 FY2024-Q2', 738, '2214.000000', '3.000000'],
  ['average_tenure_days T2 FY2024-Q2', 487, '487.000000', '1.000000'],
  ['average_tenure_days ENT FY2024-Q2', 675.25, '2701.000000', '4.000000'],
  // at 2025-03-31: RA 1,183, RB 1,034, RC 819, RF 147 (T1), RD 181 (T2); RE has left
  ['average_tenure_days RA FY2025-Q1', 1183, '1183.000000', '1.000000'],
  ['average_tenure_days T1 FY2025-Q1', 795.75, '3183.000000', '4.000000'],
  ['average_tenure_days T2 FY2025-Q1', 181, '181.000000', '1.000000'],
  ['average_tenure_days ENT FY2025-Q1', 672.8, '3364.000000', '5.000000'],
  ['average_tenure_days RE FY2025-Q1', null, '0.000000', '0.000000'],
];

function keyOf(r: ValueRow): Key {
  return `${r.kpi_id} ${r.node_id} ${r.period_label}`;
}

async function values(store: TestStore['store']): Promise<ValueRow[]> {
  return store.query<ValueRow>(
    sql`SELECT kpi_id, node_kind, node_id, grain, period_label, value, numerator, denominator FROM kpi_value
      ORDER BY kpi_id, grain, period_start, node_kind, node_id`,
  );
}

const results = new Map<EngineName, ValueRow[]>();
let catalog: KpiCatalog;

describe.each(testEngines())('KPI engine on company-kpi (%s)', (engine) => {
  let t: TestStore;
  let rows: Map<Key, ValueRow>;
  beforeAll(async () => {
    catalog = readKpiCatalog();
    t = await createTestStore(engine);
    await importFixture(t.store);
    await computeKpis(t.store, KPI_SETTINGS, catalog, { from: '2024-01-01', to: '2026-01-01' });
    const all = await values(t.store);
    results.set(engine, all);
    rows = new Map(all.map((r) => [keyOf(r), r]));
  });
  afterAll(async () => t?.dispose());

  it.each(EXPECTED)('%s = %s', (key, value, numerator, denominator) => {
    const row = rows.get(key);
    expect(row, `no value stored for ${key}`).toBeDefined();
    if (value === null) expect(row?.value).toBeNull();
    else expect(row?.value).toBeCloseTo(value, 12);
    if (numerator !== null) expect(row?.numerator).toBe(numerator);
    if (denominator !== null) expect(row?.denominator).toBe(denominator);
  });

  it('gives rep-level values to reps only: the team T1 quota (subject org_unit) makes no rep node', async () => {
    const strays = await t.store.query(sql`SELECT DISTINCT kpi_id, node_id FROM kpi_value
      WHERE node_kind = 'rep' AND node_id NOT IN (SELECT id FROM rep) ORDER BY kpi_id, node_id`);
    expect(strays).toEqual([]);
    // …and it adds nothing to the team's quota, which stays the sum of its reps' monthly quotas of the time
    // (RA 10,000 + RB 8,000 + RC 6,000, in T1 since 2024-04-01, + RF 4,000 = 28,000 a month → 84,000 for Q1).
    expect(rows.get('quota_attainment T1 FY2025-Q1')?.denominator).toBe('8400000.000000');
  });

  it('recomputes a ratio at the team level instead of averaging its reps', () => {
    const reps = ['RA', 'RB'].map((r) => rows.get(`win_rate ${r} FY2024-Q1`)?.value as number);
    const mean = (reps[0] as number) / 2 + (reps[1] as number) / 2;
    expect(mean).toBeCloseTo(0.625, 12);
    expect(rows.get('win_rate T1 FY2024-Q1')?.value).toBeCloseTo(0.4, 12);
  });

  it('keeps a moved rep’s history with the team of that time', () => {
    expect(rows.get('bookings T2 FY2024-Q1')?.value).toBe(800_000);
    expect(rows.get('bookings T2 FY2024-Q2')?.value).toBe(0); // T2 still has a row (RC's March customers are active), but no booking
    expect(rows.get('bookings T1 FY2024-Q2')?.value).toBe(1_600_000);
  });

  it('takes a quarter’s snapshot KPIs from its last month end', () => {
    for (const kpi of ['churn_rate', 'net_revenue_retention', 'stale_opportunity_share', 'average_tenure_days']) {
      for (const node of ['RA', 'T1', 'ENT']) {
        const quarter = rows.get(`${kpi} ${node} FY2025-Q2`);
        expect(quarter, `${kpi} ${node}`).toBeDefined();
        expect(rows.get(`${kpi} ${node} 2025-06`)).toEqual({ ...quarter, grain: 'month', period_label: '2025-06' });
      }
    }
  });

  it('adds the largest values of each node, ranked at that node (a top-2 share)', async () => {
    const top2 = catalogWithTop2Share();
    const kpi = top2.kpis.get('top2_share') as KpiDef;
    const periods = ['FY2025-Q1', 'FY2025-Q2'].map((p) => {
      const r = parsePeriod(p, KPI_SETTINGS.calendar);
      if (!r.ok) throw new Error(p);
      return r.value as Period & { grain: KpiGrain };
    });
    const got = await t.store.query<{ node_id: string; period_label: string; value: number | null }>(
      compileKpiQuery(kpi, top2, { periods, calendar: KPI_SETTINGS.calendar }),
    );
    const at = (node: string, period: string) => got.find((r) => r.node_id === node && r.period_label === period)?.value;
    // March: K3 1,200,000, K1 1,000,000, K4 330,000, K2 250,000
    expect(at('T1', 'FY2025-Q1')).toBeCloseTo(2_200_000 / 2_450_000, 12); // K3 + K1 of K1, K2, K3
    expect(at('ENT', 'FY2025-Q1')).toBeCloseTo(2_200_000 / 2_780_000, 12); // K3 + K1 of all four
    expect(at('RA', 'FY2025-Q1')).toBe(1); // K1 alone
    // June: K2 2,750,000, K1 600,000, K4 330,000
    expect(at('T1', 'FY2025-Q2')).toBe(1); // K2 + K1 are all of T1's active customers
    expect(at('ENT', 'FY2025-Q2')).toBeCloseTo(3_350_000 / 3_680_000, 12);
  });

  it('builds every derived fact with exactly the columns its schema names', async () => {
    const march = [{ monthStart: '2025-03-01', asOf: '2025-03-31', fiscalYearEnd: '2025-12-31' }];
    for (const name of DERIVED_FACTS) {
      const fact = FACTS.get(name) as FactSchema;
      const [row] = await t.store.query<Record<string, unknown>>(sql`SELECT * FROM (${compileDerivedFact(fact, march)}) x`);
      expect(row, name).toBeDefined();
      const named = new Set([...Object.keys(fact.fields), ...fact.dates, ...fact.idColumns, ...(fact.orgDate ? [fact.orgDate] : [])]);
      expect(Object.keys(row ?? {}).sort(), name).toEqual([...named].sort());
    }
  });

  it('stores every KPI of the catalog with its definition version', async () => {
    const defs = await t.store.query<{ kpi_id: string; version: number }>(sql`SELECT kpi_id, version FROM kpi_definition`);
    expect(defs.length).toBe(catalog.kpis.size);
    const kpis = new Set((results.get(engine) ?? []).map((r) => r.kpi_id));
    expect(kpis.has('win_rate')).toBe(true);
  });

  it('recomputing the same range replaces the values instead of adding to them', async () => {
    const before = (await values(t.store)).length;
    await computeKpis(t.store, KPI_SETTINGS, catalog, { from: '2024-01-01', to: '2025-01-01', kpiIds: ['win_rate'] });
    expect((await values(t.store)).length).toBe(before);
  });
});

describe('DuckDB and PostgreSQL', () => {
  it.runIf(testEngines().includes('postgres'))('give the same value for every KPI × node × period', () => {
    const duck = results.get('duckdb') ?? [];
    const pg = results.get('postgres') ?? [];
    expect(duck.length).toBeGreaterThan(1000);
    expect(pg.length).toBe(duck.length);
    duck.forEach((d, i) => {
      const p = pg[i] as ValueRow;
      // Money and counts are DECIMAL: exactly equal. Values are DOUBLE from the same exact parts: equal within 1e-12.
      expect({ ...p, value: null }).toEqual({ ...d, value: null });
      if (d.value === null) expect(p.value).toBeNull();
      else expect(Math.abs((p.value as number) - d.value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(d.value)));
    });
  });
});
