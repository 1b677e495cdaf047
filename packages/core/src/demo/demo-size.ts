/**
 * The sizes of the demo company. `small` is what `npm start` loads; `large`
 * is the benchmark company; `tiny` keeps integration tests on two engines fast.
 * Rates are per customer and were calibrated so that the totals land near
 * the targets (see docs/demo-company.md for measured counts).
 */
export const DEMO_SIZES = ['tiny', 'small', 'large'] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];

export function isDemoSize(value: string): value is DemoSize {
  return (DEMO_SIZES as readonly string[]).includes(value);
}

export interface DemoSizeSpec {
  /** Geographies (one region per division each), by key in GEOS. */
  geos: readonly string[];
  teamsPerRegion: number;
  customers: number;
  /** Expected opportunities after the first deal, per active customer-month (before segment scaling). */
  oppsPerMonth: number;
  /** Lost new-logo attempts before a customer's first win (mean). */
  lostNewLogoAttempts: number;
  /** Expected run-rate reorders per owned product line and active customer-month. */
  reordersPerLineMonth: number;
  /** Multiplier on the chance that a line is a multi-month subscription. */
  subscriptionWeight: number;
  /** Activities per opportunity (mean, on top of one; scaled by the square root of the customer's activity). */
  activitiesPerOpp: number;
  /** Account-management activities per active customer-year. */
  accountActivitiesPerYear: number;
  /** What the totals should come out near; used for progress estimates. */
  targets: { reps: number; orderLines: number; opportunities: number };
}

export const DEMO_SIZE_SPECS: Record<DemoSize, DemoSizeSpec> = {
  tiny: {
    geos: ['north_america', 'emea'],
    teamsPerRegion: 1,
    customers: 240,
    oppsPerMonth: 0.1,
    lostNewLogoAttempts: 0.8,
    reordersPerLineMonth: 0.3,
    subscriptionWeight: 1,
    activitiesPerOpp: 3,
    accountActivitiesPerYear: 2,
    targets: { reps: 30, orderLines: 4_000, opportunities: 1_000 },
  },
  small: {
    geos: ['north_america', 'emea', 'apac'],
    teamsPerRegion: 2,
    customers: 3_000,
    oppsPerMonth: 0.24,
    lostNewLogoAttempts: 0.8,
    reordersPerLineMonth: 0.98,
    subscriptionWeight: 1,
    activitiesPerOpp: 4,
    accountActivitiesPerYear: 4,
    targets: { reps: 80, orderLines: 150_000, opportunities: 20_000 },
  },
  large: {
    geos: ['us_east', 'us_central', 'us_west', 'canada', 'uk_ireland', 'dach', 'france_benelux', 'nordics', 'anz', 'asia'],
    teamsPerRegion: 38,
    customers: 1_000_000,
    oppsPerMonth: 0.03,
    lostNewLogoAttempts: 0.3,
    reordersPerLineMonth: 0.54,
    subscriptionWeight: 0.15,
    activitiesPerOpp: 1,
    accountActivitiesPerYear: 1,
    targets: { reps: 5_000, orderLines: 20_000_000, opportunities: 2_000_000 },
  },
};
