/**
 * The <sheetData> of a large sheet, written by the fast writer (hosts/xlsx/fastWrite) as bytes into
 * a ByteSink: plain blocks and rows made on demand, strings as shared strings.
 */
import type { CellSpec, SheetSpec } from '../../core/sheets/spec';
import { columnLetter } from '../../core/sheets/address';
import type { LazyColumn, LazyValue } from '../../core/sheets/lazyBlock';
import { xmlText } from './byteSink';
import type { ByteSink } from './byteSink';

export const colLetter = columnLetter;

export function parseAddress(a: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a.trim().toUpperCase());
  if (!m) throw new Error(`Bad cell address: ${a}`);
  let c = 0;
  for (let i = 0; i < m[1].length; i++) c = c * 26 + (m[1].charCodeAt(i) - 64);
  return { col: c, row: Number(m[2]) };
}

/** Shared strings added by the fast writer (after the ones excelts wrote). */
export class Strings {
  readonly index = new Map<string, number>();
  readonly added: string[] = [];
  constructor(public base: number) {}
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.base + this.added.length;
      this.index.set(s, i);
      this.added.push(s);
    }
    return i;
  }
}

/** A block of a large sheet: plain rows, or rows made on demand (a LazyBlock of the summary). */
export interface RowSource {
  at: string;
  count: number;
  /** Width of the rows (for the sheet's dimension). */
  cols: number;
  /** Row i as cells. */
  row: (i: number) => (CellSpec | null)[];
  /**
   * Row i as values with per-column styles (a LazyBlock of the summary): when both are given, the
   * rows are written from them, with no cell object per cell (row is then unused).
   */
  columns?: LazyColumn[];
  values?: (i: number, out: LazyValue[]) => void;
}

/** Last row and column a sheet's blocks (plain and lazy) and row specs cover. */
export function usedRange(sheet: SheetSpec, extra: RowSource[]): { lastRow: number; lastCol: number } {
  let lastRow = 1, lastCol = 1;
  for (const r of sheet.rows ?? []) lastRow = Math.max(lastRow, r.index);
  for (const b of sheet.blocks) {
    if (!b.rows.length) continue;
    const at = parseAddress(b.at);
    lastRow = Math.max(lastRow, at.row + b.rows.length - 1);
    for (const row of b.rows) lastCol = Math.max(lastCol, at.col + row.length - 1);
  }
  for (const b of extra) {
    if (!b.count) continue;
    const at = parseAddress(b.at);
    lastRow = Math.max(lastRow, at.row + b.count - 1);
    lastCol = Math.max(lastCol, at.col + b.cols - 1);
  }
  return { lastRow, lastCol };
}

interface Block {
  row: number;
  col: number;
  count: number;
  get: (i: number) => (CellSpec | null)[];
  /** A block of values (RowSource.values), written by writeValues. */
  typed?: TypedBlock;
}

/**
 * A column of a typed block: `<c r="` and its letters, the tags of its number and text styles, its
 * last string and that string's index, and its own small string → index map while the column has few
 * distinct strings (most columns repeat a few committees, codes, owners, categories): a lookup
 * there stays in the processor's cache where the whole shared-string map (hundreds of thousands of
 * strings) does not.
 */
interface TypedColumn {
  open: Uint8Array;
  num: StyleTags;
  str: StyleTags;
  lastS: string | undefined;
  lastI: number;
  /** null once the column has had more than COLUMN_STRINGS distinct strings. */
  seen: Map<string, number> | null;
}

/** Distinct strings a column's own map holds before the column gives it up. */
const COLUMN_STRINGS = 2048;

interface TypedBlock {
  values: (i: number, out: LazyValue[]) => void;
  /** The current row's values (reused row after row). */
  vals: LazyValue[];
  cols: TypedColumn[];
}

// The byte helpers of the cell writers live here, next to them: called millions of times, they stay
// plain calls within one module (a bundler or tsx turns a call into another module into a property read).

/** The bytes of ASCII text. */
export function asciiBytes(s: string): Uint8Array {
  const a = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
  return a;
}

/** Copy `a` into `b` at `n` (room reserved); the new end. A loop: the pieces are a few bytes long. */
export function put(b: Uint8Array, n: number, a: Uint8Array): number {
  const len = a.length;
  for (let i = 0; i < len; i++) b[n + i] = a[i];
  return n + len;
}

/** Decimal digits of a non-negative integer < 2^31 into `b` at `n`; the new end. */
export function putInt(b: Uint8Array, n: number, v: number): number {
  if (v < 10) {
    b[n] = 48 + v;
    return n + 1;
  }
  let k = 1;
  for (let x = v; x >= 10; x = (x / 10) | 0) k++;
  let e = n + k;
  for (let x = v; e > n; ) {
    const q = (x / 10) | 0;
    b[--e] = 48 + (x - q * 10);
    x = q;
  }
  return n + k;
}

/**
 * A finite number into `b` at `n` (room for 24 bytes reserved), exactly as String(v) writes it; the
 * new end. Integers below 2^31 and numbers below 2147 in magnitude with at most 6 decimals are
 * written from their digits: when round(|v|·10⁶)/10⁶ is |v|, v is the double nearest that decimal,
 * and no other decimal with at most 6 decimals reads back as v (doubles below 2^11… 2^12 are 10⁻¹²
 * apart), so its digits without the trailing zeros are the shortest that read back as v — String(v)'s
 * (no exponent from 10⁻⁶ on). Anything else goes through String(v).
 */
export function putNumber(b: Uint8Array, n: number, v: number): number {
  if (v >= 0 && v < 2147483648 && (v | 0) === v) return putInt(b, n, v);
  const a = v < 0 ? -v : v;
  if (a < 2147 && a >= 1e-6) {
    const m = Math.round(a * 1e6);
    if (m / 1e6 === a) {
      if (v < 0) b[n++] = 45; // '-'
      const whole = Math.floor(m / 1e6);
      let frac = m - whole * 1e6;
      n = putInt(b, n, whole);
      if (frac === 0) return n;
      b[n++] = 46; // '.'
      let k = 6;
      while (frac % 10 === 0) {
        frac /= 10;
        k--;
      }
      for (let e = n + k, x = frac; e > n; ) {
        const q = (x / 10) | 0;
        b[--e] = 48 + (x - q * 10);
        x = q;
      }
      return n + k;
    }
  }
  const t = String(v);
  for (let i = 0; i < t.length; i++) b[n++] = t.charCodeAt(i);
  return n;
}

/** Most bytes a cell with a shared string, number or boolean takes: `<c r="XFD1048576" s="N" t="b"><v>` + String(number) + `</v></c>`. */
const CELL_MAX = 128;
const CLOSE_V = asciiBytes('</v></c>');
const BOOL_TRUE = asciiBytes(' t="b"><v>1</v></c>');
const BOOL_FALSE = asciiBytes(' t="b"><v>0</v></c>');

/** Write the <sheetData> of a sheet: its blocks (plain and lazy), swept row by row. */
export function writeSheetData(out: ByteSink, sheet: SheetSpec, extra: RowSource[], styles: Map<string, StyleTags>, strings: Strings): void {
  const blocks: Block[] = [
    ...sheet.blocks.map((b) => {
      const at = parseAddress(b.at);
      return { row: at.row, col: at.col, count: b.rows.length, get: (i: number) => b.rows[i] };
    }),
    ...extra.map((b): Block => {
      const at = parseAddress(b.at);
      const typed = b.columns && b.values ? typedBlock(b.columns, b.values, at.col, styles) : undefined;
      return { row: at.row, col: at.col, count: b.count, get: (i: number) => b.row(i), typed };
    }),
  ].filter((b) => b.count > 0);
  blocks.sort((a, b) => a.col - b.col || a.row - b.row);
  const rowSpec = new Map((sheet.rows ?? []).map((r) => [r.index, r]));
  const maxRow = Math.max(0, ...blocks.map((b) => b.row + b.count - 1), ...rowSpec.keys());
  const minRow = Math.min(maxRow + 1, ...blocks.map((b) => b.row), ...rowSpec.keys());
  // '<c r="' + column letters, per column (grown on demand).
  const cellOpen: Uint8Array[] = [];
  const open = (j: number) => cellOpen[j] ?? (cellOpen[j] = asciiBytes(`<c r="${colLetter(j)}`));
  const last: ColumnCache = { s: [], i: [], style: [], tags: [] };
  // The row number's digits, rewritten for each row.
  const digits = new Uint8Array(16);
  out.ascii('<sheetData>');
  for (let r = minRow; r <= maxRow; r++) {
    const spec = rowSpec.get(r);
    let any = !!spec;
    if (!any) for (const b of blocks) if (r >= b.row && r < b.row + b.count) any = true;
    if (!any) continue;
    out.ascii('<row r="');
    out.num(r);
    if (spec?.height !== undefined) {
      out.ascii('" ht="');
      out.ascii(String(spec.height));
      out.ascii('" customHeight="1');
    }
    if (spec?.hidden) out.ascii('" hidden="1');
    out.ascii('">');
    const rs = digits.subarray(0, putInt(digits, 0, r));
    for (const b of blocks) {
      if (r < b.row || r >= b.row + b.count) continue;
      if (b.typed) {
        b.typed.values(r - b.row, b.typed.vals);
        writeValues(out, b.typed, rs, strings);
        continue;
      }
      const cells = b.get(r - b.row);
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        if (c) writeCell(out, open(b.col + j), rs, c, styles, strings, last, b.col + j);
      }
    }
    out.ascii('</row>');
  }
  out.ascii('</sheetData>');
}

/** The markup after a cell's reference, per style: `" s="N"` and what follows it for each kind of cell, as bytes. */
export interface StyleTags {
  /** `" s="N"` (or `"` for the default style). */
  attr: Uint8Array;
  /** A styled empty cell (`" s="N"/>`), or null when the style is the default (no cell written). */
  empty: Uint8Array | null;
  num: Uint8Array;
  str: Uint8Array;
}

export function styleTags(index: number): StyleTags {
  const attr = index ? `" s="${index}"` : '"';
  return { attr: asciiBytes(attr), empty: index ? asciiBytes(`${attr}/>`) : null, num: asciiBytes(`${attr}><v>`), str: asciiBytes(`${attr} t="s"><v>`) };
}

const DEFAULT_TAGS = styleTags(0);

/** Per column: the last string written and its shared-string index, the last style name and its tags. */
interface ColumnCache {
  s: string[];
  i: number[];
  style: (string | undefined)[];
  tags: StyleTags[];
}

/**
 * One cell (`open`: `<c r="` and its column letters; `r`: its row number's digits), straight into
 * the sink's bytes: every piece but a formula's text is ASCII and short, so the room for the whole
 * cell is reserved once.
 */
function writeCell(out: ByteSink, open: Uint8Array, r: Uint8Array, c: CellSpec, styles: Map<string, StyleTags>, strings: Strings, last: ColumnCache, j: number): void {
  let st: StyleTags;
  if (last.style[j] === c.s && last.tags[j] !== undefined) st = last.tags[j];
  else {
    st = c.s !== undefined ? styles.get(c.s) ?? DEFAULT_TAGS : DEFAULT_TAGS;
    last.style[j] = c.s;
    last.tags[j] = st;
  }
  out.reserve(CELL_MAX);
  const b = out.buf;
  let n = out.n;
  if (c.f !== undefined && c.f !== '') {
    n = put(b, n, open);
    n = put(b, n, r);
    n = put(b, n, st.attr);
    out.n = n;
    out.ascii('><f>');
    out.text(xmlText(c.f.replace(/^=/, '')));
    out.ascii('</f></c>');
    return;
  }
  const v = c.v;
  if (v === undefined || v === null || v === '') {
    if (!st.empty) return;
    n = put(b, n, open);
    n = put(b, n, r);
    out.n = put(b, n, st.empty);
    return;
  }
  n = put(b, n, open);
  n = put(b, n, r);
  if (typeof v === 'string') {
    let k: number;
    if (last.s[j] === v) k = last.i[j];
    else {
      k = strings.of(v);
      last.s[j] = v;
      last.i[j] = k;
    }
    n = put(b, n, st.str);
    n = putInt(b, n, k);
    out.n = put(b, n, CLOSE_V);
  } else if (typeof v === 'number') {
    if (Number.isFinite(v)) {
      n = put(b, n, st.num);
      out.n = put(b, putNumber(b, n, v), CLOSE_V);
    } else {
      n = put(b, n, st.attr);
      out.n = n;
      out.ascii(' t="inlineStr"><is><t>');
      out.ascii(String(v));
      out.ascii('</t></is></c>');
    }
  } else {
    n = put(b, n, st.attr);
    out.n = put(b, n, v ? BOOL_TRUE : BOOL_FALSE);
  }
}

function typedBlock(columns: LazyColumn[], values: TypedBlock['values'], col: number, styles: Map<string, StyleTags>): TypedBlock {
  const tags = (s: string | undefined) => (s !== undefined ? styles.get(s) ?? DEFAULT_TAGS : DEFAULT_TAGS);
  return {
    values,
    vals: new Array<LazyValue>(columns.length).fill(null),
    cols: columns.map((c, j) => ({ open: asciiBytes(`<c r="${colLetter(col + j)}`), num: tags(c.num), str: tags(c.str), lastS: undefined, lastI: 0, seen: new Map() })),
  };
}

/**
 * One row of a typed block (`r`: its row number's digits), as writeCell writes the same cells: a
 * text with its column's text style, a number (boolean, null: empty) with its number style.
 */
function writeValues(out: ByteSink, t: TypedBlock, r: Uint8Array, strings: Strings): void {
  const vals = t.vals;
  const cols = t.cols;
  for (let j = 0; j < cols.length; j++) {
    const v = vals[j];
    const c = cols[j];
    out.reserve(CELL_MAX);
    const b = out.buf;
    let n = out.n;
    if (typeof v === 'string') {
      const st = c.str;
      if (v === '') {
        if (st.empty) out.n = put(b, put(b, put(b, n, c.open), r), st.empty);
        continue;
      }
      let k: number;
      if (c.lastS === v) k = c.lastI;
      else {
        const seen = c.seen;
        if (seen === null) k = strings.of(v);
        else {
          const got = seen.get(v);
          if (got !== undefined) k = got;
          else {
            k = strings.of(v);
            if (seen.size < COLUMN_STRINGS) seen.set(v, k);
            else c.seen = null;
          }
        }
        c.lastS = v;
        c.lastI = k;
      }
      n = put(b, put(b, put(b, n, c.open), r), st.str);
      out.n = put(b, putInt(b, n, k), CLOSE_V);
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      n = put(b, put(b, put(b, n, c.open), r), c.num.num);
      out.n = put(b, putNumber(b, n, v), CLOSE_V);
    } else if (v === null || v === undefined) {
      const e = c.num.empty;
      if (e) out.n = put(b, put(b, put(b, n, c.open), r), e);
    } else {
      // a boolean or a non-finite number: as a cell
      const spec: CellSpec = { v, s: undefined };
      writeCell(out, c.open, r, spec, new Map(), strings, { s: [], i: [], style: [undefined], tags: [c.num] }, 0);
    }
  }
}
