import { loadConstants, saveConstants } from '../../src/core/claim/constants.js';
import { selectClaims } from '../../src/core/claim/registry.js';
import type { ConstantsTable } from '../../src/core/claim/types.js';
import { Stream } from '../../src/core/random/stream.js';
import { allClaims } from '../../src/papers/index.js';
import { defineCommand } from './command.js';
import { EXIT } from './exitCodes.js';
import { onlyFlag, profileFlag, seedFlag } from './flags.js';

export const calibrate = defineCommand({
  name: 'calibrate',
  summary: 'Re-estimate the calibrated constants → fixtures/constants.json.',
  description:
    'The universal constants (C1…C4, c, c1, c2) are estimated on the calibration stream calibration/<seed>. Each constant is stored with its interval and method; verify checks the claims on the independent master stream. One line per constant on stderr.',
  flags: {
    only: onlyFlag(),
    profile: profileFlag(),
    seed: seedFlag('calibration seed (the stream is calibration/<seed>)'),
  },
  examples: ['calibrate --only schmidt', 'calibrate --profile smoke --seed 7'],
  run({ flags: f }, io) {
    const claims = selectClaims(allClaims, f.only);
    let table: ConstantsTable = loadConstants();
    const root = new Stream(`calibration/${f.seed}`);
    for (const c of claims) {
      for (const cal of c.calibrations ?? []) {
        const t0 = performance.now();
        const est = cal.estimate(root.child(cal.name), f.profile, table);
        const value = {
          value: est.value,
          ci: est.ci,
          calibratedOn: { seed: `calibration/${f.seed}`, profile: f.profile, method: est.method },
          description: cal.description,
        };
        table = saveConstants({ [cal.name]: value });
        io.err(
          `calibrate: ${cal.name} = ${est.value.toPrecision(5)} [${est.ci.map((x) => x.toPrecision(4)).join(', ')}] (${((performance.now() - t0) / 1000).toFixed(1)}s)`,
        );
      }
    }
    return EXIT.ok;
  },
});
