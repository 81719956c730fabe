import jstatMod from 'jstat';

/** jstat's namespace object (the package is CommonJS; its ESM default export is the jStat object itself). */
export const jStat = (jstatMod as unknown as { jStat?: typeof jstatMod }).jStat ?? jstatMod;
