import { describe, expect, it } from 'vitest';
import { sampleSphereGram } from '../src/papers/vardi/model/sphereData.js';
import { Stream } from '../src/core/random/stream.js';
import { sampleSpanInit, SpanModel } from '../src/papers/vardi/training/spanTrainer.js';

/**
 * SpanModel.direction runs K G_l over the active samples only (and over rows of K when K is exactly symmetric):
 * it must equal the dense product (K G_l)_i = Σ_j K_ij G_lj, bitwise, on both paths.
 */
function denseKG(K: Float64Array, G: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(k * n);
  for (let l = 0; l < k; l++)
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += K[i * n + j] * G[l * n + j];
      out[l * n + i] = acc;
    }
  return out;
}

describe('SpanModel.direction (sparse K G)', () => {
  it.each([
    [false, 7],
    [true, 11],
  ])('equals the dense product bitwise (asymmetric K: %s, n = %i)', (asym, n) => {
    const rng = new Stream(`span-direction-${n}`);
    const d = 50;
    const k = 9;
    const data = sampleSphereGram(rng.child('data'), d, n);
    const K = Float64Array.from(data.K);
    if (asym) K[1] += 1e-3; // breaks exact symmetry: the row-gather path
    const model = new SpanModel(d, k, K, data.y);
    const s = model.state(sampleSpanInit(rng.child('init'), d, k, data.C as Float64Array, n, 0.5));
    const c = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : -rng.uniform()));
    const dir = model.direction(s, c);
    const ref = denseKG(K, dir.G, n, k);
    for (let j = 0; j < ref.length; j++) expect(Object.is(dir.KG[j], ref[j]) || dir.KG[j] === ref[j]).toBe(true);
    let normSq = 0;
    for (let l = 0; l < k; l++) {
      let wq = 0;
      for (let i = 0; i < n; i++) wq += dir.G[l * n + i] * ref[l * n + i];
      normSq += wq + dir.gb[l] ** 2 + dir.ga[l] ** 2;
    }
    expect(dir.normSq).toBe(normSq);
  });
});
