/**
 * Blocks whose rows are made on demand (the large blocks of the summary): a row is its values —
 * text, numbers, null — and each column says which style its numbers and its texts take. A writer
 * that writes rows as it goes (hosts/xlsx/fastWrite) reads the values straight into a reused array,
 * with no cell object per cell; row(i) gives the same row as cells (CellSpec) for any other host.
 * Pure.
 */
import { tidy } from '../util/tidy';
import type { BlockSpec, CellSpec } from './spec';

/** A cell's value in a lazy row: text ('' is an empty cell of the text style), a number, or null (an empty cell of the number style). */
export type LazyValue = string | number | boolean | null;

/** The styles of a lazy column: of its numbers (and booleans and nulls), of its texts; undefined: no style. */
export interface LazyColumn {
  num?: string;
  str?: string;
}

/**
 * A block whose rows are made on demand (row i, 0 ≤ i < count), for a host that writes rows as it
 * goes instead of holding millions of CellSpec objects. Expanded, it is the BlockSpec
 * { at, rows: [row(0) … row(count - 1)] }.
 */
export interface LazyBlock {
  at: string;
  count: number;
  /** Width of the rows (columns.length). */
  cols: number;
  columns: LazyColumn[];
  /** Row i's values into `out` (cols long; every entry written). */
  values: (i: number, out: LazyValue[]) => void;
  /** Row i as cells: each value with its column's style. */
  row: (i: number) => (CellSpec | null)[];
}

/** A cell of a lazy column: `{ v, s }`, `{ s }` for null (a styled empty cell), null for null without a style. */
export function lazyCell(v: LazyValue, c: LazyColumn): CellSpec | null {
  if (v === null) return c.num === undefined ? null : { s: c.num };
  const s = typeof v === 'string' ? c.str : c.num;
  return s === undefined ? { v } : { v, s };
}

export function lazyBlock(at: string, count: number, columns: LazyColumn[], values: (i: number, out: LazyValue[]) => void): LazyBlock {
  const cols = columns.length;
  return {
    at,
    count,
    cols,
    columns,
    values,
    row(i) {
      const out: LazyValue[] = new Array(cols).fill(null);
      values(i, out);
      return out.map((v, j) => lazyCell(v, columns[j]));
    },
  };
}

/** Expand a lazy block into a plain BlockSpec. */
export function expandLazyBlock(b: LazyBlock): BlockSpec {
  const rows: (CellSpec | null)[][] = new Array(b.count);
  for (let i = 0; i < b.count; i++) rows[i] = b.row(i);
  return { at: b.at, rows };
}

/** A text value: null and undefined are ''. */
export const textValue = (v: string | null | undefined): string => v ?? '';

/** A number value: tidied; null, undefined and non-finite numbers are null (an empty cell). */
export const numValue = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : tidy(v));

/** Excel serial of an ISO date (1900 system). */
export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

const serials = new Map<string, number>();

/** A date's value: its Excel serial for YYYY-MM-DD, '' for none, else the text as given. */
export function dateValue(iso: string | null | undefined): string | number {
  if (!iso) return '';
  let v = serials.get(iso);
  if (v === undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
    if (serials.size > 100000) serials.clear();
    serials.set(iso, (v = isoToSerial(iso)));
  }
  return v;
}

/** Column styles: text (str), number (num), date (serial or text), plain (no style). */
export const TEXT = (s = 'text'): LazyColumn => ({ str: s });
export const NUM = (s = 'amount'): LazyColumn => ({ num: s });
export const DATE: LazyColumn = { num: 'date', str: 'textc' };
export const PLAIN: LazyColumn = {};
