/**
 * A lossless JSON codec for task results (the resume cache, src/core/engine/taskCache.ts): what a task
 * returns (numbers, strings, booleans, null, undefined, arrays, plain objects, typed arrays) must come
 * back exactly as the task returned it, so that a resumed run's report is the uninterrupted run's.
 *
 * Plain JSON loses NaN, ±Infinity (both become null), −0 (becomes 0) and undefined (dropped from
 * objects, null in arrays). Those travel as one-key tagged objects; finite numbers stay JSON numbers
 * (V8 writes the shortest decimal that parses back to the same Float64). A real object whose keys
 * include one starting with `$` is written as `{"$object": [[key, value], …]}`, so a tag can never be
 * mistaken for data. Anything else (functions, class instances, Map, bigint, symbols) is refused.
 */

/** JSON-representable data, as written to disk. */
export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

const SPECIAL_NUMBERS: ReadonlyArray<readonly [string, number]> = [
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['-0', -0],
];

const TYPED_ARRAYS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Int16Array,
  Int8Array,
  Uint32Array,
  Uint16Array,
  Uint8Array,
  Uint8ClampedArray,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

function encodeNumber(x: number): Encoded {
  if (Number.isFinite(x) && !Object.is(x, -0)) return x;
  return { $number: SPECIAL_NUMBERS.find(([, v]) => Object.is(v, x))![0] };
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The encoded form of `value`: JSON data that `decodeValue` turns back into a value deep-equal to
 * `value` (Object.is on every number, undefined kept, key order kept). Throws TypeError naming the path
 * of a value it cannot encode.
 */
export function encodeValue(value: unknown, path = '$'): Encoded {
  switch (typeof value) {
    case 'number':
      return encodeNumber(value);
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      return { $undefined: true };
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return Array.from(value, (x, i) => encodeValue(x, `${path}[${i}]`));
      if (ArrayBuffer.isView(value)) {
        const name = value.constructor.name;
        if (!(name in TYPED_ARRAYS)) throw new TypeError(`encodeValue: ${path} is a ${name}, which the cache codec does not store`);
        return { $typed: name, values: Array.from(value as unknown as ArrayLike<number>, encodeNumber) };
      }
      if (!isPlainObject(value))
        throw new TypeError(
          `encodeValue: ${path} is an instance of ${value.constructor?.name ?? 'a class'}, not plain data; the cache codec stores plain data only`,
        );
      const entries = Object.entries(value);
      if (entries.some(([k]) => k.startsWith('$'))) return { $object: entries.map(([k, v]) => [k, encodeValue(v, `${path}.${k}`)]) };
      return Object.fromEntries(entries.map(([k, v]) => [k, encodeValue(v, `${path}.${k}`)]));
    }
    default:
      throw new TypeError(`encodeValue: ${path} is a ${typeof value}, which the cache codec does not store`);
  }
}

/** The value `encodeValue` encoded. Throws TypeError on data no `encodeValue` call writes. */
export function decodeValue(data: Encoded, path = '$'): unknown {
  if (data === null || typeof data !== 'object') return data;
  if (Array.isArray(data)) return data.map((x, i) => decodeValue(x, `${path}[${i}]`));
  const keys = Object.keys(data);
  const tag = keys.length >= 1 && keys[0].startsWith('$') ? keys[0] : undefined;
  if (tag === undefined) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decodeValue(v, `${path}.${k}`)]));
  if (tag === '$number' && keys.length === 1) {
    const hit = SPECIAL_NUMBERS.find(([name]) => name === data.$number);
    if (hit) return hit[1];
  }
  if (tag === '$undefined' && keys.length === 1 && data.$undefined === true) return undefined;
  if (tag === '$typed' && keys.length === 2 && typeof data.$typed === 'string' && data.$typed in TYPED_ARRAYS && Array.isArray(data.values)) {
    const Ctor = TYPED_ARRAYS[data.$typed as TypedArrayName];
    return Ctor.from(data.values.map((x, i) => decodeValue(x, `${path}.values[${i}]`) as number));
  }
  if (tag === '$object' && keys.length === 1 && Array.isArray(data.$object)) {
    const out: Record<string, unknown> = {};
    for (const e of data.$object) {
      if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string') throw new TypeError(`decodeValue: ${path}.$object must hold [key, value] pairs`);
      // defineProperty: a key named __proto__ is data here, never the prototype.
      Object.defineProperty(out, e[0], { value: decodeValue(e[1], `${path}.${e[0]}`), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  throw new TypeError(`decodeValue: ${path} is a malformed tag ${JSON.stringify(data).slice(0, 80)}`);
}

/** JSON text of encoded data with every object's keys sorted: equal data give equal text (cache keys). */
export function stableStringify(data: Encoded): string {
  if (data === null || typeof data !== 'object') return JSON.stringify(data);
  if (Array.isArray(data)) return `[${data.map(stableStringify).join(',')}]`;
  const keys = Object.keys(data).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(data[k])}`).join(',')}}`;
}
