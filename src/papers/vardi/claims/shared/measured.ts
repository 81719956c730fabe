/** A measured quantity for the report, rounded to 6 significant digits: Number(v.toPrecision(6)). */
export const fmt = (v: number): number => Number(v.toPrecision(6));
