import { normalCdf } from '../../../core/stats/normal.js';

/**
 * Activation registry: σ, σ′ and the regularity metadata the theorems ask for.
 * Bubeck et al. assume σ non-constant, Lipschitz, with Lipschitz derivative.
 */
export interface Activation {
  readonly name: string;
  /** σ(z) */
  readonly f: (z: number) => number;
  /** σ′(z) (a fixed element of the Clarke subdifferential at kinks: relu′(0) = 0). */
  readonly df: (z: number) => number;
  /** σ″(z) (0 where σ′ is piecewise constant). */
  readonly d2f: (z: number) => number;
  /** Lipschitz constant of σ (sup |σ′|). */
  readonly lipschitz: number;
  /** Lipschitz constant of σ′ (Infinity when σ′ is discontinuous). */
  readonly smoothness: number;
  /** True when σ satisfies the hypotheses of Bubeck et al.'s main theorem. */
  readonly inTheorem: boolean;
  /** Only for negative controls (e.g. the constant activation). */
  readonly controlOnly: boolean;
  readonly description: string;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const logistic = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Names of the registered activations (a configuration's `activation`). */
export type ActivationName = 'tanh' | 'softplus' | 'sigmoid-centred' | 'gelu' | 'relu' | 'identity' | 'constant';

const ACTIVATIONS: Record<ActivationName, Activation> = {
  tanh: {
    name: 'tanh',
    f: Math.tanh,
    df: (z) => {
      const t = Math.tanh(z);
      return 1 - t * t;
    },
    d2f: (z) => {
      const t = Math.tanh(z);
      return -2 * t * (1 - t * t);
    },
    lipschitz: 1,
    smoothness: 4 / (3 * Math.sqrt(3)),
    inTheorem: true,
    controlOnly: false,
    description: 'σ(z) = tanh z',
  },
  softplus: {
    name: 'softplus',
    f: (z) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))),
    df: logistic,
    d2f: (z) => {
      const s = logistic(z);
      return s * (1 - s);
    },
    lipschitz: 1,
    smoothness: 0.25,
    inTheorem: true,
    controlOnly: false,
    description: 'σ(z) = log(1 + e^z)',
  },
  'sigmoid-centred': {
    name: 'sigmoid-centred',
    f: (z) => logistic(z) - 0.5,
    df: (z) => {
      const s = logistic(z);
      return s * (1 - s);
    },
    d2f: (z) => {
      const s = logistic(z);
      return s * (1 - s) * (1 - 2 * s);
    },
    lipschitz: 0.25,
    smoothness: 1 / (6 * Math.sqrt(3)),
    inTheorem: true,
    controlOnly: false,
    description: 'σ(z) = 1/(1 + e^{-z}) − ½',
  },
  gelu: {
    name: 'gelu',
    f: (z) => z * normalCdf(z),
    df: (z) => normalCdf(z) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z),
    d2f: (z) => INV_SQRT_2PI * Math.exp(-0.5 * z * z) * (2 - z * z),
    lipschitz: 1.128905,
    smoothness: 2 * INV_SQRT_2PI,
    inTheorem: true,
    controlOnly: false,
    description: 'σ(z) = z·Φ(z)',
  },
  relu: {
    name: 'relu',
    f: (z) => (z > 0 ? z : 0),
    df: (z) => (z > 0 ? 1 : 0),
    d2f: () => 0,
    lipschitz: 1,
    smoothness: Infinity,
    inTheorem: false,
    controlOnly: false,
    description: 'σ(z) = max(0, z) (outside the smooth theorem; the slides say the result still holds)',
  },
  identity: {
    name: 'identity',
    f: (z) => z,
    df: () => 1,
    d2f: () => 0,
    lipschitz: 1,
    smoothness: 0,
    inTheorem: true,
    controlOnly: false,
    description: 'σ(z) = z (linear sanity case: the linearisation is exact)',
  },
  constant: {
    name: 'constant',
    f: () => 1,
    df: () => 0,
    d2f: () => 0,
    lipschitz: 0,
    smoothness: 0,
    inTheorem: false,
    controlOnly: true,
    description: 'σ(z) ≡ 1 (negative control only: ∇f = 0)',
  },
};

/** Names of all registered activations. */
/** @internal (the kernels test draws from it) */
export const activationNames: readonly string[] = Object.keys(ACTIVATIONS);

/** Look an activation up by name; unknown names are rejected listing the known ones. */
export function getActivation(name: string): Activation {
  const registry: Readonly<Record<string, Activation>> = ACTIVATIONS;
  const act = Object.prototype.hasOwnProperty.call(registry, name) ? registry[name] : undefined;
  if (!act) throw new RangeError(`getActivation: unknown activation "${name}"; known: ${activationNames.join(', ')}`);
  return act;
}
