import { afterAll, describe, expect, test } from 'vitest';
import type { BubeckTrialParams } from '../src/papers/bubeck/model/bubeckSampler.js';
import { drawReducedBubeck, reducedBubeckFromDraws } from '../src/papers/bubeck/model/bubeckReduced.js';
import { resolveBubeckParams } from '../src/papers/bubeck/model/bubeckTrial.js';
import { Stream } from '../src/core/random/stream.js';
import { P_MIN, N, SEED, type Stat, STATS, CONFIGS, label, statistics, collect, agreement } from './bubeck-reduced-battery.js';

const table: string[] = [];
afterAll(() => {
  if (table.length) console.log(['naive vs reduced, p-values (KS / mean / 2nd moment):', ...table].join('\n'));
});

describe('reduced Bubeck sampler agrees in distribution with the naive reference', () => {
  for (const p of CONFIGS) {
    test(
      label(p),
      () => {
        const nv = collect(p, 'naive', N);
        const rd = collect(p, 'reduced', N);
        const cells: string[] = [];
        for (const k of STATS) {
          const ag = agreement(nv[k], rd[k]);
          cells.push(`${k} ${ag.ks.toExponential(1)}/${ag.mean.toExponential(1)}/${ag.second.toExponential(1)}`);
          expect.soft(ag.ks, `${label(p)}: KS p-value of ${k}`).toBeGreaterThanOrEqual(P_MIN);
          expect.soft(ag.mean, `${label(p)}: Welch p-value of mean ${k}`).toBeGreaterThanOrEqual(P_MIN);
          expect.soft(ag.second, `${label(p)}: Welch p-value of E ${k}²`).toBeGreaterThanOrEqual(P_MIN);
        }
        table.push(`  ${label(p)}: ${cells.join(' | ')}`);
      },
      60_000,
    );
  }
});

describe('the agreement battery has power against wrong reductions', () => {
  /** A reduced trial assembled from mutated draws. */
  function mutant(p: BubeckTrialParams, n: number, mutate: (dr: ReturnType<typeof drawReducedBubeck>, d: number) => void): Record<Stat, Float64Array> {
    const rp = resolveBubeckParams('mutant', p);
    const out = Object.fromEntries(STATS.map((k) => [k, new Float64Array(n)])) as Record<Stat, Float64Array>;
    const base = new Stream(SEED).child('mutant').child(label(p));
    for (let t = 0; t < n; t++) {
      const trial = base.child('trial', t);
      const dr = drawReducedBubeck(rp, trial);
      mutate(dr, p.d);
      const st = statistics(reducedBubeckFromDraws(rp, dr, trial), trial.child('direction'));
      for (const k of STATS) out[k][t] = st[k];
    }
    return out;
  }

  test('dropping the off-diagonal Wishart term (z ≡ 0) is detected on η_rel', () => {
    const p = CONFIGS[6];
    const nv = collect(p, 'naive', N);
    const bad = mutant(p, N, (dr) => dr.z.fill(0));
    const ag = agreement(nv.etaRel, bad.etaRel);
    table.push(`  mutant z ≡ 0, ${label(p)}: etaRel ${ag.ks.toExponential(1)}/${ag.mean.toExponential(1)}/${ag.second.toExponential(1)}`);
    expect(Math.min(ag.ks, ag.mean)).toBeLessThan(1e-6);
  }, 60_000);

  test('replacing S ~ χ²_{d−1}/d by its mean is detected on ‖∇f‖', () => {
    const p = CONFIGS[1];
    const nv = collect(p, 'naive', N);
    const bad = mutant(p, N, (dr, d) => {
      dr.S = (d - 1) / d;
    });
    const ag = agreement(nv.gradNorm, bad.gradNorm);
    table.push(`  mutant S ≡ (d−1)/d, ${label(p)}: gradNorm ${ag.ks.toExponential(1)}/${ag.mean.toExponential(1)}/${ag.second.toExponential(1)}`);
    expect(Math.min(ag.ks, ag.second)).toBeLessThan(1e-6);
  }, 60_000);
});
