/**
 * Ranks 1..n in ascending order; tied values share the average of the ranks
 * they span (values 5, 7, 7, 9 rank 1, 2.5, 2.5, 4), which is what Spearman's
 * rho and the Kruskal–Wallis test assume.
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end] ?? 0] === values[order[start] ?? 0]) end++;
    // positions start..end−1 hold ranks start+1..end; their mean is (start + 1 + end) / 2
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] ?? 0] = rank;
    start = end;
  }
  return ranks;
}
