/**
 * A small seeded PRNG (sfc32) whose state is derived by hashing (seed, stream,
 * a, b). Every entity draws from its own stream, so any customer's rows can be
 * regenerated on their own, in any order, and a table can be produced without
 * replaying the tables before it. Only integer arithmetic and IEEE division
 * are used, so the output is the same on every platform.
 */

/** Mixes four 32-bit integers into one (murmur3 finaliser per step). */
export function hash32(a: number, b: number, c: number, d: number): number {
  let h = 0x9e3779b9;
  h = step(h, a);
  h = step(h, b);
  h = step(h, c);
  h = step(h, d);
  return h >>> 0;
}

function step(h0: number, v: number): number {
  let h = Math.imul(h0 ^ (v >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

const TWO_32 = 4294967296;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number, x: number, y: number) {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_32) >>> 0;
    this.a = hash32(lo, hi, stream, 0x1234567);
    this.b = hash32(x, y, stream, this.a);
    this.c = hash32(y, x, this.b, lo);
    this.d = hash32(this.c, stream, x, hi);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** The next 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / TWO_32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** An index drawn with the given (not necessarily normalised) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** A Poisson count (Knuth's method for small means, a rounded normal approximation above 30). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** Approximately standard normal (Irwin–Hall sum of four uniforms, rescaled). */
  normal(): number {
    return (this.float() + this.float() + this.float() + this.float() - 2) * 1.7320508075688772;
  }
}

/** The random stream of one entity: `rngFor(seed, STREAM.customer, customerIndex)`. */
export function rngFor(seed: number, stream: number, x: number, y = 0): Rng {
  return new Rng(seed, stream, x, y);
}
