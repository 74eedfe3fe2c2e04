/**
 * A compact wire format for what a reader (a CLI reader process, a page worker) sends back of one
 * checked file: a ConsolidationInput is a few thousand small objects of a handful of shapes (tasks,
 * budget lines, milestones, their sources) whose keys, repeated on every row, were most of the bytes
 * of a JSON or structured-clone message, and most of the receiving side's time to parse it.
 *
 * Packed, a value is:
 * - `strings`: every distinct string once, joined by a separator that none of them holds (or, when
 *   one does, as a JSON array);
 * - `ops` (Int32Array): one entry per value — a string's index in the table (≥ 0), or a tag (< 0)
 *   for null, undefined, booleans, small integers (the integer follows), other numbers (taken from
 *   `nums`), objects (their shape's index follows, then the values of its keys in order), arrays
 *   (their length follows, then the items), tables (an array of at least TABLE_MIN ordinary objects
 *   with the same own keys in the same order — the rows of a sheet: its length and shape follow, then
 *   the values column by column, so that a column's repeated strings cost a comparison with the one
 *   above rather than a lookup) and anything else (taken from `rest`);
 * - `nums` (Float64Array): numbers that are not small integers — exact: -0, NaN, ±Infinity, 1e308;
 * - `shapes`: each object shape's keys, in their order;
 * - `rest`: values that are not plain data (a Date, a Map, a sparse array, an object nested too
 *   deep): left to the transport's own copy (structured clone), as before.
 *
 * unpack(pack(x)) deep-equals what a structured clone of x gives (x itself when x is plain data: a
 * class instance comes back as a plain object, as from a clone), key order and the difference
 * between a missing key, an undefined value and null kept. Pure; no Node or DOM API.
 */

export interface Packed {
  /** Format version. */
  v: 1;
  /** The string table: joined by `sep`, or a JSON array when `sep` is "". */
  strings: string;
  sep: string;
  ops: Int32Array;
  nums: Float64Array;
  shapes: string[][];
  rest: unknown[];
}

const NULL = -1;
const UNDEF = -2;
const FALSE = -3;
const TRUE = -4;
const INT = -5;
const NUM = -6;
const OBJ = -7;
const ARR = -8;
const REST = -9;
const TABLE = -10;
/** How a table's column goes: its values one by one, or (a column of same-shape objects) as a table. */
const COLUMN_VALUES = -11;
const COLUMN_TABLE = -12;

/** Arrays of at least this many objects of the same own keys go column by column (TABLE). */
const TABLE_MIN = 4;

/** Separators tried in turn for the string table: characters a submission almost never holds. */
const SEPARATORS = ['\u0001', '\u0002', '\u001f'];
/** Objects nested deeper than this go to `rest` (cycles too, through it). */
const MAX_DEPTH = 64;

interface ShapeNode {
  id: number;
  next: Map<string, ShapeNode> | null;
}

/** An ordinary object (no internal slots: not a Date, Map, typed array, boxed primitive…), whatever its prototype. */
const ordinary = (v: object) => Object.prototype.toString.call(v) === '[object Object]' && !(Symbol.toStringTag in v);

const isSmallInt = (n: number) => (n | 0) === n && !(n === 0 && 1 / n < 0);

/** A growable typed array. */
class Grow<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(public a: T) {}
  push(x: number): void {
    if (this.length === this.a.length) {
      const b = new (this.a.constructor as { new (n: number): T })(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = x;
  }
  done(): T {
    return this.a.slice(0, this.length) as T;
  }
}

export function pack(value: unknown): Packed {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const ops = new Grow(new Int32Array(4096));
  const nums = new Grow(new Float64Array(256));
  const shapes: string[][] = [];
  const shapeRoot: ShapeNode = { id: -1, next: null };
  const rest: unknown[] = [];
  const proto = Object.prototype;
  // The shape last seen at each depth: rows of an array mostly share theirs.
  const lastKeys: (string[] | undefined)[] = [];
  const lastShape: number[] = [];

  const shapeOf = (keys: string[], depth: number): number => {
    const last = lastKeys[depth];
    if (last && last.length === keys.length) {
      let same = true;
      for (let k = 0; k < keys.length; k++)
        if (last[k] !== keys[k]) {
          same = false;
          break;
        }
      if (same) return lastShape[depth];
    }
    let node = shapeRoot;
    for (const k of keys) {
      const next = (node.next ??= new Map());
      let child = next.get(k);
      if (!child) next.set(k, (child = { id: -1, next: null }));
      node = child;
    }
    if (node.id < 0) {
      node.id = shapes.length;
      shapes.push(keys);
    }
    lastKeys[depth] = keys;
    lastShape[depth] = node.id;
    return node.id;
  };

  /** Plain arrays without holes: every index an own property. */
  const denseArray = (a: unknown[]) => {
    if (Object.getPrototypeOf(a) !== Array.prototype) return false;
    for (let i = 0; i < a.length; i++) if (a[i] === undefined && !(i in a)) return false;
    return true;
  };

  /** An ordinary object that a plain copy makes again (no "__proto__" own key). */
  const plainObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === proto || ordinary(v)) && !Object.prototype.hasOwnProperty.call(v, '__proto__');

  /** The own keys every item of `a` has, in the same order, when all are plain objects (a dense array); else null. */
  const tableKeys = (a: unknown[]): string[] | null => {
    if (Object.getPrototypeOf(a) !== Array.prototype) return null;
    const first = a[0];
    if (!plainObject(first)) return null;
    const keys = Object.keys(first);
    for (let i = 1; i < a.length; i++) {
      const o = a[i];
      if (!plainObject(o)) return null;
      const k = Object.keys(o);
      if (k.length !== keys.length) return null;
      for (let j = 0; j < k.length; j++) if (k[j] !== keys[j]) return null;
    }
    return keys;
  };

  const putString = (v: string): number => {
    let i = stringIndex.get(v);
    if (i === undefined) {
      i = strings.length;
      strings.push(v);
      stringIndex.set(v, i);
    }
    return i;
  };

  /** A table: its length, its rows' shape, then column after column (a string equal to the one above: that one's index, no lookup). */
  const putTable = (rows: Record<string, unknown>[], keys: string[], depth: number): void => {
    ops.push(TABLE);
    ops.push(rows.length);
    ops.push(shapeOf(keys, depth + 1));
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      // A column of objects of one shape (each row's source, say) is itself a table.
      const top = rows[0][key];
      if (typeof top === 'object' && top !== null && !Array.isArray(top) && rows.length >= TABLE_MIN && depth + 2 < MAX_DEPTH) {
        const column = new Array<unknown>(rows.length);
        for (let i = 0; i < rows.length; i++) column[i] = rows[i][key];
        const sub = tableKeys(column);
        if (sub) {
          ops.push(COLUMN_TABLE);
          putTable(column as Record<string, unknown>[], sub, depth + 1);
          continue;
        }
      }
      ops.push(COLUMN_VALUES);
      let last: string | undefined;
      let lastIndex = 0;
      for (let i = 0; i < rows.length; i++) {
        const x = rows[i][key];
        if (typeof x === 'string') {
          if (x !== last) {
            last = x;
            lastIndex = putString(x);
          }
          ops.push(lastIndex);
        } else put(x, depth + 2);
      }
    }
  };

  const put = (v: unknown, depth: number): void => {
    switch (typeof v) {
      case 'string':
        ops.push(putString(v));
        return;
      case 'number':
        if (isSmallInt(v)) {
          ops.push(INT);
          ops.push(v);
        } else {
          ops.push(NUM);
          nums.push(v);
        }
        return;
      case 'boolean':
        ops.push(v ? TRUE : FALSE);
        return;
      case 'undefined':
        ops.push(UNDEF);
        return;
      case 'object':
        if (v === null) {
          ops.push(NULL);
          return;
        }
        if (depth < MAX_DEPTH) {
          if (Array.isArray(v)) {
            if (v.length >= TABLE_MIN && depth + 1 < MAX_DEPTH) {
              const keys = tableKeys(v);
              if (keys) {
                putTable(v as Record<string, unknown>[], keys, depth);
                return;
              }
            }
            if (denseArray(v)) {
              ops.push(ARR);
              ops.push(v.length);
              for (let i = 0; i < v.length; i++) put(v[i], depth + 1);
              return;
            }
          } else if ((Object.getPrototypeOf(v) === proto || ordinary(v)) && !Object.prototype.hasOwnProperty.call(v, '__proto__')) {
            // An ordinary object (a class instance too) goes as its own enumerable keys, as a
            // structured clone copies it; a "__proto__" own key, which an assignment would not make
            // again, sends the object to `rest`.
            const o = v as Record<string, unknown>;
            const keys = Object.keys(o);
            ops.push(OBJ);
            ops.push(shapeOf(keys, depth));
            for (let k = 0; k < keys.length; k++) put(o[keys[k]], depth + 1);
            return;
          }
        }
        break;
    }
    ops.push(REST);
    ops.push(rest.length);
    rest.push(v);
  };

  put(value, 0);
  const sep = SEPARATORS.find((c) => strings.every((s) => !s.includes(c))) ?? '';
  return {
    v: 1,
    strings: sep ? strings.join(sep) : JSON.stringify(strings),
    sep,
    ops: ops.done(),
    nums: nums.done(),
    shapes,
    rest,
  };
}

/** True for a value made by pack (of this version). */
export function isPacked(x: unknown): x is Packed {
  return typeof x === 'object' && x !== null && (x as Packed).v === 1 && (x as Packed).ops instanceof Int32Array;
}

export function unpack(p: Packed): unknown {
  const table: string[] = p.sep ? (p.strings === '' ? [''] : p.strings.split(p.sep)) : (JSON.parse(p.strings) as string[]);
  const { ops, nums, shapes, rest } = p;
  let i = 0;
  let n = 0;
  const get = (): unknown => {
    const op = ops[i++];
    if (op >= 0) return table[op];
    switch (op) {
      case NULL:
        return null;
      case UNDEF:
        return undefined;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case INT:
        return ops[i++];
      case NUM:
        return nums[n++];
      case OBJ: {
        const keys = shapes[ops[i++]];
        const o: Record<string, unknown> = {};
        for (let k = 0; k < keys.length; k++) o[keys[k]] = get();
        return o;
      }
      case ARR: {
        const len = ops[i++];
        const a = new Array<unknown>(len);
        for (let k = 0; k < len; k++) a[k] = get();
        return a;
      }
      case REST:
        return rest[ops[i++]];
      case TABLE: {
        const len = ops[i++];
        const keys = shapes[ops[i++]];
        const rows = new Array<Record<string, unknown>>(len);
        for (let r = 0; r < len; r++) rows[r] = {};
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k];
          const how = ops[i++];
          if (how === COLUMN_TABLE) {
            const column = get() as unknown[];
            for (let r = 0; r < len; r++) rows[r][key] = column[r];
          } else if (how === COLUMN_VALUES) for (let r = 0; r < len; r++) rows[r][key] = get();
          else throw new Error(`packed value: unknown column op ${how} at ${i - 1}`);
        }
        return rows;
      }
    }
    throw new Error(`packed value: unknown op ${op} at ${i - 1}`);
  };
  return get();
}
