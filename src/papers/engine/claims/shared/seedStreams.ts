import { hash32 } from '#core/random/seeds.js';
import { Stream } from '#core/random/stream.js';

/**
 * The stream of meta-seed s: `${h}/seed:s` with h a 64-bit hash (two FNV-1a) of the decision stream's
 * path. Deterministic like ctx.rng.child('seed', s), but the inner trials' child streams then hash a
 * short seed: Alea's seeding (Mash) costs time linear in the seed's length, the engine's decision
 * paths are ~150 characters, and the meta-claims draw millions of trial streams.
 */
export function seedStreams(rng: Stream): (s: number) => Stream {
  const h = `${hash32(rng.seed).toString(36)}${hash32(`#${rng.seed}`).toString(36)}`;
  return (s) => new Stream(`${h}/seed:${s}`);
}
