import { describe, expect, it } from 'vitest';
import { logGamma } from './log-gamma';

describe('logGamma', () => {
  it.each([
    [1, 0], // Γ(1) = 0! = 1
    [2, 0], // Γ(2) = 1! = 1
    [0.5, Math.log(Math.sqrt(Math.PI))], // Γ(½) = √π = 1.7724538509
    [10, Math.log(362880)], // Γ(10) = 9! = 362,880 → 12.8018274801
    [3.7, 1.428072326665388], // scipy.special.gammaln(3.7)
    [100.5, 361.43554046777757], // scipy.special.gammaln(100.5)
    [0.001, 6.907178885383853], // scipy.special.gammaln(0.001), through the reflection formula
  ])('ln Γ(%d) = %d', (x, want) => {
    expect(logGamma(x)).toBeCloseTo(want, 12);
  });

  it('refuses x ≤ 0, where Γ has poles or is not needed here', () => {
    expect(() => logGamma(0)).toThrow(/x > 0/);
    expect(() => logGamma(-1.5)).toThrow(/x > 0/);
  });
});
