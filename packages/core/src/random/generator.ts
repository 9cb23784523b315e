// A seedable random generator (xoshiro128**), identical on every platform, and the process-wide default instance.

/** A deterministic stream of random numbers; pass one to any random op to make it reproducible independently. */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | null = null;
  private seedValue = 0;

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  /** Resets the stream to the one this seed defines. */
  manualSeed(seed: number): this {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`manualSeed: seed must be a safe integer, got ${seed}`);
    this.seedValue = seed;
    // splitmix32 over both halves of the seed fills the 128-bit state (never all zero).
    let x = (seed >>> 0) ^ Math.floor(seed / 2 ** 32);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next(); this.s1 = next(); this.s2 = next(); this.s3 = next();
    this.spareNormal = null;
    return this;
  }

  /** The seed last given. */
  initialSeed(): number {
    return this.seedValue;
  }

  /** The full state, to save and restore a stream exactly (checkpoints). */
  getState(): number[] {
    return [this.s0, this.s1, this.s2, this.s3, this.spareNormal ?? NaN, this.seedValue];
  }

  setState(state: readonly number[]): void {
    if (state.length !== 6) throw new RangeError(`Generator.setState: expected 6 numbers, got ${state.length}`);
    [this.s0, this.s1, this.s2, this.s3] = state.map((v) => v >>> 0) as [number, number, number, number];
    this.spareNormal = Number.isNaN(state[4]!) ? null : state[4]!;
    this.seedValue = state[5]!;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0; this.s3 ^= this.s1; this.s1 ^= this.s2; this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5, lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal by the Box-Muller transform (pairs are cached). */
  nextNormal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.nextDouble();
    const v = this.nextDouble();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Uniform integer in [low, high). */
  nextInt(low: number, high: number): number {
    const span = high - low;
    // Rejection sampling keeps every value equally likely.
    if (span <= 2 ** 32) {
      const limit = Math.floor(2 ** 32 / span) * span;
      let r = this.nextUint32();
      while (r >= limit) r = this.nextUint32();
      return low + (r % span);
    }
    return low + Math.floor(this.nextDouble() * span);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The generator random ops use when none is passed. */
export const defaultGenerator = new Generator(0x5eed);

/** Seeds the default generator (like torch.manual_seed) and returns it. */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}
