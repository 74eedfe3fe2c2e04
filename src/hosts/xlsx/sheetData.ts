/**
 * The <sheetData> of a large sheet, written by the fast writer (hosts/xlsx/fastWrite) as bytes into
 * a ByteSink: plain blocks and rows made on demand, strings as shared strings.
 */
import type { CellSpec, SheetSpec } from '../../core/sheets/spec';
import { columnLetter } from '../../core/sheets/address';
import { asciiBytes, put, putInt, xmlText } from './byteSink';
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
  /** Row i; with `reuse` the cells may be overwritten by the next call (each row is written at once here). */
  row: (i: number, reuse?: boolean) => (CellSpec | null)[];
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
    ...extra.map((b) => {
      const at = parseAddress(b.at);
      return { row: at.row, col: at.col, count: b.count, get: (i: number) => b.row(i, true) };
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
      if (v >= 0 && v < 2147483648 && (v | 0) === v) n = putInt(b, n, v);
      else {
        // String(v) of a finite number: at most 24 ASCII characters
        const t = String(v);
        for (let i = 0; i < t.length; i++) b[n++] = t.charCodeAt(i);
      }
      out.n = put(b, n, CLOSE_V);
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
