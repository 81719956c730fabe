import { chiSquare } from '../src/core/random/samplers.js';
import type { Stream } from '../src/core/random/stream.js';

/**
 * sampleSphereGram's K as it was before the four-row kernel (the plain triple loop for K = C Cᵀ over the Bartlett factor,
 * C's rows scaled to norm √d): the bit-for-bit reference of properties/vardi-separation-fast.test.ts and of the bench
 * case 'vardi.separation-gram'.
 */
export function referenceSphereGram(rng: Stream, d: number, n: number): Float64Array {
  const L = new Float64Array(n * n);
  const g = rng.child('bartlett');
  for (let i = 0; i < n; i++) {
    L[i * n + i] = Math.sqrt(chiSquare(g, d - i));
    for (let j = 0; j < i; j++) L[i * n + j] = g.normal();
  }
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j <= i; j++) s += L[i * n + j] ** 2;
    const f = Math.sqrt(d / s);
    for (let j = 0; j <= i; j++) C[i * n + j] = f * L[i * n + j];
  }
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = 0; m <= j; m++) s += C[i * n + m] * C[j * n + m];
      K[i * n + j] = s;
      K[j * n + i] = s;
    }
    K[i * n + i] = d;
  }
  return K;
}
