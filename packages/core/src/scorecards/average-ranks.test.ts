import { describe, expect, it } from 'vitest';
import { averageRanks } from './average-ranks';

describe('averageRanks', () => {
  it.each([
    [[], []],
    [
      [30, 10, 20],
      [3, 1, 2],
    ],
    // 7 and 7 share ranks 2 and 3: 2.5 each
    [
      [5, 7, 7, 9],
      [1, 2.5, 2.5, 4],
    ],
    // three 1s share ranks 1–3 (2), five 2s share 4–8 (6)
    [
      [2, 1, 2, 1, 2, 2, 1, 2],
      [6, 2, 6, 2, 6, 6, 2, 6],
    ],
    [
      [-1, -1],
      [1.5, 1.5],
    ],
  ])('ranks %j as %j', (values, want) => {
    expect(averageRanks(values)).toEqual(want);
  });
});
