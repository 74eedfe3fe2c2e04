/**
 * One pass over a worksheet's inflated bytes before they are decoded to text (fastGrid): reading
 * costs memory for the cells that hold something, not for the sheet's declared extent.
 *
 * - Empty self-closed cells (`<c r="B7" s="3"/>`: WPS writes a million styled empty rows) are
 *   checked to be inside Excel's grid, as the parser does, and dropped in place, and so are the row
 *   tags (the parser places cells by their references): the text decoded and scanned after holds
 *   only the cells with content.
 * - The first cell holding a value past limits.rows or limits.columns stops the reading there
 *   (LimitExceeded, as the parser would throw at that cell): a sheet of a million rows with content
 *   is refused without decoding or building a grid of it.
 *
 * Only unprefixed markup (`<c`, what Excel, WPS, LibreOffice and excelts write) is touched; anything
 * this pass does not recognise is left for the parser. Pure.
 */
import { LimitExceeded } from '../../core/limits';
import type { ReadLimits } from '../../core/limits';

const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

const LT = 60, GT = 62, SLASH = 47, C = 99, V = 118, F = 102, R = 114, O = 111, W = 119, Q1 = 34, Q2 = 39;

/** Index of the '>' ending the tag whose attributes start at `from` (quotes respected), or -1. */
function tagEnd(b: Uint8Array, from: number): number {
  let q = 0;
  for (let i = from; i < b.length; i++) {
    const k = b[i];
    if (q) {
      if (k === q) q = 0;
    } else if (k === Q1 || k === Q2) q = k;
    else if (k === GT) return i;
  }
  return -1;
}
const isSpace = (k: number) => k === 32 || k === 9 || k === 10 || k === 13;

/** Column and row of the r attribute of a cell's start tag in b[from, to); null when absent or odd. */
function cellRef(b: Uint8Array, from: number, to: number): { row: number; col: number; inline: boolean } | null {
  let row = -1, col = 0, inline = false;
  let i = from;
  while (i < to) {
    while (i < to && isSpace(b[i])) i++;
    const nameStart = i;
    while (i < to && b[i] !== 61 && !isSpace(b[i])) i++;
    const nameLen = i - nameStart;
    while (i < to && b[i] !== Q1 && b[i] !== Q2) i++;
    if (i >= to) break;
    const q = b[i];
    const vs = ++i;
    while (i < to && b[i] !== q) i++;
    if (i >= to) return null;
    if (nameLen === 1 && b[nameStart] === 114) {
      // r="AB12"
      let k = vs;
      col = 0;
      while (k < i && b[k] >= 65 && b[k] <= 90) col = col * 26 + (b[k++] - 64);
      if (k === vs || k === i) return null;
      row = 0;
      for (; k < i; k++) {
        if (b[k] < 48 || b[k] > 57) return null;
        row = row * 10 + (b[k] - 48);
      }
    } else if (nameLen === 1 && b[nameStart] === 116) {
      // t="inlineStr"
      inline = i - vs === 9 && b[vs] === 105 && b[vs + 6] === 83;
    }
    i++;
  }
  return row < 0 ? null : { row, col, inline };
}

/** True when the cell body b[from, to) holds a value: a formula, or a <v> with text. */
function bodyHasValue(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to - 2; i++) {
    if (b[i] !== LT) continue;
    if (b[i + 1] === F && (b[i + 2] === GT || b[i + 2] === SLASH || isSpace(b[i + 2]))) return true;
    if (b[i + 1] === V && b[i + 2] === GT && i + 3 < to && b[i + 3] !== LT) return true;
  }
  return false;
}

/**
 * Compact a sheet's bytes in place (empty self-closed cells dropped) and stop at the first value
 * past the rows or columns read; returns the length kept (b.subarray(0, n) is the sheet to decode).
 */
export function compactSheet(b: Uint8Array, limits: ReadLimits): number {
  const n = b.length;
  let w = 0; // write position (≤ read position)
  let copied = 0; // b[copied, r) not yet written
  let r = 0;
  const keep = (to: number) => {
    if (w !== copied) b.copyWithin(w, copied, to);
    w += to - copied;
    copied = to;
  };
  for (;;) {
    const a = b.indexOf(LT, r);
    if (a < 0 || a + 2 >= n) break;
    if (b[a + 1] !== C || !(isSpace(b[a + 2]) || b[a + 2] === GT || b[a + 2] === SLASH)) {
      // <row …>, </row> and <row …/>: the parser reads cells by their references, never rows (dropped)
      const row = b[a + 1] === R ? a + 1 : b[a + 1] === SLASH && b[a + 2] === R ? a + 2 : -1;
      if (row > 0 && b[row + 1] === O && b[row + 2] === W && (isSpace(b[row + 3]) || b[row + 3] === GT || b[row + 3] === SLASH)) {
        const end = tagEnd(b, row + 3);
        if (end < 0) break;
        keep(a);
        copied = end + 1;
        r = end + 1;
        continue;
      }
      r = a + 1;
      continue;
    }
    const i = tagEnd(b, a + 2);
    if (i < 0) break;
    const selfClosed = b[i - 1] === SLASH;
    const ref = cellRef(b, a + 2, selfClosed ? i - 1 : i);
    if (!ref) {
      r = i + 1;
      continue;
    }
    if (ref.row > EXCEL_ROWS) throw new LimitExceeded('rows', ref.row, Math.min(limits.rows, EXCEL_ROWS));
    if (ref.col > EXCEL_COLUMNS) throw new LimitExceeded('columns', ref.col, Math.min(limits.columns, EXCEL_COLUMNS));
    if (selfClosed) {
      // an empty cell: dropped
      keep(a);
      copied = i + 1;
      r = i + 1;
      continue;
    }
    if (ref.row > limits.rows || ref.col > limits.columns) {
      const end = indexOfClose(b, i + 1);
      if (end < 0) break;
      if (ref.inline || bodyHasValue(b, i + 1, end)) {
        if (ref.row > limits.rows) throw new LimitExceeded('rows', ref.row, limits.rows);
        throw new LimitExceeded('columns', ref.col, limits.columns);
      }
      r = end;
      continue;
    }
    r = i + 1;
  }
  keep(n);
  return w;
}

const CLOSE = [LT, SLASH, C, GT];
/** Index of the next "</c>" from `from`, or -1. */
function indexOfClose(b: Uint8Array, from: number): number {
  for (let i = b.indexOf(LT, from); i >= 0; i = b.indexOf(LT, i + 1)) {
    if (b[i + 1] === CLOSE[1] && b[i + 2] === CLOSE[2] && b[i + 3] === CLOSE[3]) return i;
  }
  return -1;
}
