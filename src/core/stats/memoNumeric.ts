/**
 * A bounded memo of a pure function of numbers: `f(...args)` is computed once per distinct argument
 * list (key: the arguments' shortest round-trip decimal forms, so equal doubles and only they share
 * a key, up to the sign of zero) and returned from the table afterwards, the table being emptied when
 * it reaches `cap` entries. The same values as `f`, so only for functions whose value does not
 * depend on the sign of a zero argument.
 */
export function memoNumeric<A extends number[], R>(f: (...args: A) => R, cap = 1 << 16): (...args: A) => R {
  if (!(Number.isInteger(cap) && cap >= 1)) throw new RangeError(`memoNumeric: cap must be an integer ≥ 1, got ${cap}`);
  const table = new Map<string, R>();
  return (...args: A): R => {
    const key = args.join(',');
    const hit = table.get(key);
    if (hit !== undefined || table.has(key)) return hit as R;
    const v = f(...args);
    if (table.size >= cap) table.clear();
    table.set(key, v);
    return v;
  };
}
