import { allClaims } from '../../src/papers/index.js';
import { defineCommand } from './command.js';
import { EXIT } from './exitCodes.js';

export const list = defineCommand({
  name: 'list',
  summary: 'List the registered claims: id, check kinds, statement, negative controls.',
  flags: {},
  examples: ['list'],
  run(_args, io) {
    for (const c of allClaims) {
      io.out(`${c.id}  [${[...new Set(c.checks.map((k) => k.kind))].join('+')}]${c.observational ? ' (observation)' : ''}`);
      io.out(`    ${c.statement}`);
      for (const k of c.controls) io.out(`    control ${k.id}: ${k.description}`);
    }
    return EXIT.ok;
  },
});
