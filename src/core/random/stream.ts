import seedrandom from 'seedrandom';

/**
 * A named, seeded random stream (seedrandom's Alea generator).
 *
 * Streams form a tree: `stream.child('trial', 17)` is a new stream whose seed is
 * `parentSeed/trial:17`, so any single trial can be replayed alone from its path,
 * independently of how many values the parent (or its siblings) consumed.
 */
export class Stream {
  readonly seed: string;
  private readonly prng: () => number;
  private spare: number | null = null;

  constructor(seed: string | number) {
    this.seed = String(seed);
    this.prng = seedrandom.alea(this.seed);
  }

  /** Independent sub-stream named `name` (and optional index): seed `${seed}/${name}[:index]`. */
  child(name: string, index?: number): Stream {
    return new Stream(index === undefined ? `${this.seed}/${name}` : `${this.seed}/${name}:${index}`);
  }

  /** U ~ Uniform(0, 1), 53-bit resolution (never exactly 0). */
  uniform(): number {
    let u = 0;
    while (u === 0) u = this.prng() + this.prng() * 2.3283064365386963e-10;
    return u >= 1 ? u - 1 + Number.EPSILON : u;
  }

  /** z ~ N(0, 1) by the Marsaglia polar method (second variate cached). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * m;
        return u * m;
      }
    }
  }

  /** ±1 with probability ½ each (Rademacher). */
  sign(): number {
    return this.prng() < 0.5 ? -1 : 1;
  }

  /** Integer uniform on {0, …, n−1}. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}
