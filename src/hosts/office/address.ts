/** A1 address helpers (pure). Rows and columns are 1-based. */
import { columnLetter } from '../../core/sheets/address';

export const colLetter = columnLetter;

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface CellRef {
  row: number;
  col: number;
}

/** "B7" / "$B$7" → {row: 7, col: 2}. */
export function parseCell(a1: string): CellRef {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(a1.trim());
  if (!m) throw new Error(`Not a cell address: ${a1}`);
  return { row: Number(m[2]), col: colIndex(m[1]) };
}

export function cellAddress(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

export function rangeAddress(r1: number, c1: number, r2: number, c2: number): string {
  const a = cellAddress(r1, c1);
  const b = cellAddress(r2, c2);
  return a === b ? a : `${a}:${b}`;
}

export interface RangeBox {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Largest row / column Excel has. */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** "A1:C3", "A1", "C:E", "5:9" (with or without $) → a box. */
export function parseRange(address: string): RangeBox {
  const a = address.replace(/\$/g, '').trim();
  const [p, q = p] = a.split(':');
  const colOnly = /^[A-Za-z]+$/;
  const rowOnly = /^\d+$/;
  if (colOnly.test(p) && colOnly.test(q)) return { r1: 1, c1: colIndex(p), r2: MAX_ROWS, c2: colIndex(q) };
  if (rowOnly.test(p) && rowOnly.test(q)) return { r1: Number(p), c1: 1, r2: Number(q), c2: MAX_COLS };
  const x = parseCell(p);
  const y = parseCell(q);
  return { r1: Math.min(x.row, y.row), c1: Math.min(x.col, y.col), r2: Math.max(x.row, y.row), c2: Math.max(x.col, y.col) };
}

/** "'按专委会'!$A$4:$A$10" → {sheet: "按专委会", address: "$A$4:$A$10"}; no sheet → sheet "". */
export function splitSheetRef(ref: string): { sheet: string; address: string } {
  const r = ref.replace(/^=/, '');
  const i = r.lastIndexOf('!');
  if (i < 0) return { sheet: '', address: r };
  let sheet = r.slice(0, i);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: r.slice(i + 1) };
}
