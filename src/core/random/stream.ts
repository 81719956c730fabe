/**
 * Alea's Mash hash (Baagøe; the generator seedrandom.alea 3.0.5 implements), one pass over `data`
 * from state `n`: per character n += c; h = 0.02519603282416938·n; n = ⌊h⌋₃₂; h = (h − n)·n;
 * n = ⌊h⌋₃₂ + (h − ⌊h⌋₃₂)·2³². Returns the new state; the pass's value is (n >>> 0)·2⁻³².
 */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000;
  }
  return n;
}

const TWO_M32 = 2.3283064365386963e-10;
/** Mash's state after the three ' ' passes every Alea seeding starts with, and their values s0, s1, s2. */
const MASH0 = mash(mash(mash(0xefc8249d, ' '), ' '), ' ');
const S0 = (mash(0xefc8249d, ' ') >>> 0) * TWO_M32;
const S1 = (mash(mash(0xefc8249d, ' '), ' ') >>> 0) * TWO_M32;
const S2 = (MASH0 >>> 0) * TWO_M32;

/**
 * A named, seeded random stream: Alea, bit-identical to seedrandom.alea(seed) (3.0.5), inlined, so
 * that a stream is one small object, a child's first Mash pass continues its parent's, and the last
 * two passes wait for the first draw.
 *
 * Streams form a tree: `stream.child('trial', 17)` is a new stream whose seed is
 * `parentSeed/trial:17`, so any single trial can be replayed alone from its path,
 * independently of how many values the parent (or its siblings) consumed.
 */
export class Stream {
  private s0: number;
  private s1 = 0;
  private s2 = 0;
  private c = 1;
  private spare: number | null = null;
  /** Mash's state after the first pass over the seed (children's seeds start with it). */
  private readonly firstPass: number;
  /**
   * Lazy seeding: s0 comes from Mash's first pass alone, so s1 and s2 (passes two and three over the
   * seed) wait for the first draw that needs them; `skip` outputs (those {@link uniformBelow} decided
   * from s0 alone) are then replayed.
   */
  private seeded = false;
  private skip = 0;
  /** The seed is `prefix + tail` (a child's parent seed and `/name[:index]`), joined when first read. */
  private prefix: string;
  private tail: string;

  /**
   * The stream of `seed`. `tail` and `firstPass` only from {@link child}: the seed is then `seed + tail`,
   * and `firstPass` Mash's state after its first pass over it.
   * @internal tail, firstPass
   */
  constructor(seed: string | number, tail = '', firstPass?: number) {
    this.prefix = String(seed);
    this.tail = tail;
    this.firstPass = firstPass ?? mash(MASH0, this.prefix + tail);
    let s0 = S0 - (this.firstPass >>> 0) * TWO_M32;
    if (s0 < 0) s0 += 1;
    this.s0 = s0;
  }

  /** The stream's seed: its path from the root, `${root}/${name}[:index]/…`. */
  get seed(): string {
    if (this.tail !== '') {
      this.prefix += this.tail;
      this.tail = '';
    }
    return this.prefix;
  }

  /** Mash's passes two and three over the seed (s1, s2), then the outputs {@link uniformBelow} consumed. */
  private seedRest(): void {
    const seed = this.seed;
    const b = mash(this.firstPass, seed);
    const d = mash(b, seed);
    let s1 = S1 - (b >>> 0) * TWO_M32;
    let s2 = S2 - (d >>> 0) * TWO_M32;
    if (s1 < 0) s1 += 1;
    if (s2 < 0) s2 += 1;
    this.s1 = s1;
    this.s2 = s2;
    this.seeded = true;
    for (; this.skip > 0; this.skip--) this.next();
  }

  /** Independent sub-stream named `name` (and optional index): seed `${seed}/${name}[:index]`. */
  child(name: string, index?: number): Stream {
    const tail = index === undefined ? `/${name}` : `/${name}:${index}`;
    return new Stream(this.seed, tail, mash(this.firstPass, tail));
  }

  /** Alea's next output in [0, 1): t = 2091639·s0 + c·2⁻³², shift, s2 = t − (c = t | 0). */
  private next(): number {
    if (!this.seeded) this.seedRest();
    const t = 2091639 * this.s0 + this.c * TWO_M32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }

  /** U ~ Uniform(0, 1), 53-bit resolution (never exactly 0). */
  uniform(): number {
    let u = 0;
    while (u === 0) u = this.next() + this.next() * TWO_M32;
    return u >= 1 ? u - 1 + Number.EPSILON : u;
  }

  /**
   * `uniform() < p`, the same value and the same draws. On a fresh stream U = x₁ + x₂·2⁻³² with x₁ a
   * multiple of 2⁻³² that s0 alone gives, so x₁ ≥ p ⇒ false and x₁ + 2⁻³² < p ⇒ true (for
   * 0 < x₁ < 1 − 2⁻³²) decide it without the seeding's last two passes (a fresh trial stream's
   * Bernoulli event at a third of its cost); otherwise it is `uniform() < p`.
   */
  uniformBelow(p: number): boolean {
    if (!this.seeded && this.skip === 0) {
      const t = 2091639 * this.s0 + TWO_M32;
      const x1 = t - (t | 0);
      if (x1 > 0 && x1 < 1 - TWO_M32) {
        if (x1 >= p) {
          this.skip = 2;
          return false;
        }
        if (x1 + TWO_M32 < p) {
          this.skip = 2;
          return true;
        }
      }
    }
    return this.uniform() < p;
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

  /**
   * out[i] = sd·zᵢ for i = 0, …, n − 1, zᵢ ~ N(0, 1): the same values, and the same stream afterwards, as
   * `for (i) out[i] = sd * this.normal()` (Marsaglia polar, spare cached), with the generator's state held in
   * locals for the whole loop (≈ 1.4× faster per variate at d = 10⁶, bench engine-normal-vector; identity tested in properties/streamAlea.test.ts).
   */
  fillNormal<T extends Float64Array>(out: T, sd = 1): T {
    const n = out.length;
    let i = 0;
    if (n > 0 && this.spare !== null) {
      out[i++] = sd * this.spare;
      this.spare = null;
    }
    if (i >= n) return out;
    if (!this.seeded) this.seedRest();
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let c = this.c;
    while (i < n) {
      // uniform() twice (q = 0: u, q = 1: v), exactly as `uniform` and `next` compute it: x = t₁ + t₂·2⁻³² from two Alea outputs.
      let u = 0;
      let v = 0;
      for (let q = 0; q < 2; q++) {
        let x = 0;
        while (x === 0) {
          let t = 2091639 * s0 + c * TWO_M32;
          s0 = s1;
          s1 = s2;
          s2 = t - (c = t | 0);
          const hi = s2;
          t = 2091639 * s0 + c * TWO_M32;
          s0 = s1;
          s1 = s2;
          s2 = t - (c = t | 0);
          x = hi + s2 * TWO_M32;
        }
        if (x >= 1) x = x - 1 + Number.EPSILON;
        if (q === 0) u = x;
        else v = x;
      }
      u = 2 * u - 1;
      v = 2 * v - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        out[i++] = sd * (u * m);
        if (i < n) out[i++] = sd * (v * m);
        else this.spare = v * m;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = c;
    return out;
  }

  /** ±1 with probability ½ each (Rademacher). */
  sign(): number {
    return this.next() < 0.5 ? -1 : 1;
  }

  /** Integer uniform on {0, …, n−1}. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}
