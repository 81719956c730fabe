import { gaussianExpectation } from './gaussHermite.js';

/**
 * E g(z), z ~ N(0, 1). Smooth g: 80-point Gauss–Hermite. Non-smooth g (kinks, steps, e.g. ReLU):
 * composite Simpson of g(z)φ(z) on [−14, 0] and [0, 14] separately (kink at 0 is a node), 2×20000
 * panels, endpoints taken as one-sided limits: error ≲ 1e-10 for g piecewise smooth with its only break at 0 and polynomial growth.
 */
export function normalExpectation(g: (z: number) => number, smooth: boolean): number {
  if (smooth) return gaussianExpectation(g, 80);
  const half = (a: number, b: number): number => {
    const n = 20000;
    const h = (b - a) / n;
    let s = 0;
    for (let i = 0; i <= n; i++) {
      // endpoints are evaluated just inside the panel, i.e. as one-sided limits (a step at 0 counts on its own side)
      const z = i === 0 ? a + h * 1e-9 : i === n ? b - h * 1e-9 : a + i * h;
      const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
      s += w * g(z) * Math.exp(-0.5 * z * z);
    }
    return (s * h) / 3 / Math.sqrt(2 * Math.PI);
  };
  return half(-14, 0) + half(0, 14);
}
