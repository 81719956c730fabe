import { definePaper } from '#core/claim/definePaper.js';
import { cltMean } from './claims/clt-mean.js';
import { hoeffding } from './claims/hoeffding.js';
import { sampleVariance } from './claims/sample-variance.js';

/**
 * The toy paper: three textbook theorems on the sample mean and variance, each with a negative
 * control. An example to copy (docs/adding-a-paper.md): `cp -r docs/examples/toy src/papers/toy`
 * and one line in src/papers/index.ts.
 */
export const toy = definePaper({
  id: 'toy',
  title: 'Toy paper — concentration and the CLT for a sample mean',
  reference:
    'W. Hoeffding, Probability inequalities for sums of bounded random variables, J. Amer. Statist. Assoc. 58 (1963) 13–30; I. G. Shevtsova, On the ' +
    'absolute constants in the Berry–Esseen type inequalities for identically distributed summands, arXiv:1111.6554 (2011); any textbook for ' +
    'Bessel’s correction.',
  claims: [hoeffding, cltMean, sampleVariance],
});
