import { loadConstants } from '../../src/core/claim/constants.js';
import { replayDecision } from '../../src/core/engine/engine.js';
import { allClaims } from '../../src/papers/index.js';
import { BadValue, UsageError, valueFlag } from './args.js';
import { defineCommand } from './command.js';
import { EXIT } from './exitCodes.js';
import { claimFlag, implFlag, paramsFlag, probabilityFlag, profileFlag, seedFlag } from './flags.js';

export const replay = defineCommand({
  name: 'replay',
  summary: "Rerun one decision (a report's replay command); exit 1 when it is violated.",
  description: 'A decision is a pure function of (master seed, claim, stream tag, parameters, profile): the replay prints the same evidence as JSON on stdout.',
  flags: {
    claim: claimFlag(),
    control: valueFlag({
      placeholder: 'ID',
      type: 'string',
      summary: 'decide with the checks of this negative control of the claim',
      allowed: 'a control id of the claim (run "list")',
      defaultText: 'none (the claim itself)',
      convert(raw) {
        if (raw === '') throw new BadValue();
        return raw;
      },
    }),
    profile: profileFlag(),
    seed: seedFlag('master seed of the run being replayed'),
    stream: valueFlag({
      placeholder: 'TAG',
      type: 'string',
      summary: 'stream tag of the decision',
      allowed: 'a non-empty stream tag (runs use main, confirm or control:<id>)',
      default: 'main',
      convert(raw) {
        if (raw === '') throw new BadValue();
        return raw;
      },
    }),
    alpha: probabilityFlag("per-test α the checks' sequential tests used (α/m of the run)"),
    threshold: probabilityFlag('rejection threshold of the verdict (the Holm threshold, ≥ α)'),
    params: paramsFlag(),
    impl: implFlag(),
  },
  examples: [
    `replay --claim engine.holm-fwer --control no-correction --profile smoke --seed 20261125 --stream 'control:no-correction' --alpha 0.0001 --threshold 0.0001 --params '{"alpha":0.05,"m":20,"rho":0,"rule":"no-correction"}'`,
  ],
  run({ flags: f }, io) {
    const claim = allClaims.find((c) => c.id === f.claim)!;
    if (f.control !== undefined && !claim.controls.some((k) => k.id === f.control)) {
      const known = claim.controls.map((k) => k.id);
      throw new UsageError(
        `--control must be a control of ${claim.id} (${known.length ? `one of ${known.join(' | ')}` : 'it has none'}), got ${JSON.stringify(f.control)}`,
      );
    }
    const r = replayDecision(claim, f.params, {
      controlId: f.control,
      stream: f.stream,
      profile: f.profile,
      masterSeed: f.seed,
      alpha: f.alpha,
      threshold: f.threshold,
      constants: loadConstants(),
      impl: f.impl,
    });
    io.out(JSON.stringify({ claim: claim.id, control: f.control, params: f.params, status: r.status, checks: r.outcomes }, null, 2));
    return r.status === 'violated' ? EXIT.failed : EXIT.ok;
  },
});
