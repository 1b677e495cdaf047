/**
 * The random streams of the demo generator. Each entity kind draws from its
 * own stream, keyed by the entity's index, so tables can be generated
 * independently and in any order. Never renumber: that changes every seed's output.
 */
export const STREAM = {
  organisation: 1,
  rep: 2,
  fx: 3,
  campaign: 4,
  customer: 5,
  duplicate: 6,
  deals: 7,
  reorders: 8,
  lineFlags: 9,
  oppHistory: 10,
  activities: 11,
  leads: 12,
  introductions: 13,
  service: 14,
  people: 15,
  quota: 16,
  forecast: 17,
} as const;
