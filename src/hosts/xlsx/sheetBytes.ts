/**
 * A worksheet's inflated bytes → a grid of plain values, without decoding the sheet to a string:
 * the cells of <sheetData> are scanned on the UTF-8 bytes (references, s and t attributes, numbers
 * and shared-string indexes parsed from their digits), and only what is text is decoded — inline
 * strings, t="str", errors, formulas' text, and anything the fast paths do not take (a number with
 * an exponent, a style index with spaces…), which then goes through the very code of sheetXml.ts.
 *
 * Same grid as sheetXml.ts parseSheet on the decoded text (its parseSheetScan is the reference,
 * step by step: the same cells taken, the same LimitExceeded at the same cell, null at the same
 * odd markup); a sheet of prefixed markup (<x:sheetData>) is decoded and read by parseSheetRegex.
 * Structure is ASCII, and UTF-8 never has an ASCII byte inside a multi-byte character, so byte
 * positions of markup stand for the text's. Pure.
 */
import { LimitExceeded } from '../../core/limits';
import type { ReadLimits } from '../../core/limits';
import { elementText, mergeAndFill, parseSheetRegex, serialToDate, typedValue } from './sheetXml';
import { textOf } from './xmlText';
import { FormulaTexts } from './formulaTexts';

/** Pieces of a part: a leading byte-order mark inside a piece is text (only the part's own is not). */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const text = (b: Uint8Array, from: number, to: number): string => (to > from ? utf8.decode(b.subarray(from, to)) : '');

/** Excel's grid. */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

const LT = 60, GT = 62, SLASH = 47, EQ = 61, C = 99, V = 118, F = 102, Q1 = 34, Q2 = 39;
const isSpace = (k: number) => k === 32 || k === 9 || k === 10 || k === 13;
const ascii = (s: string) => Array.from(s, (ch) => ch.charCodeAt(0));

const SHEET_DATA = ascii('<sheetData');
const PREFIXED_SHEET_DATA = ascii(':sheetData');
const SHEET_DATA_END = ascii('</sheetData>');
const MERGE_CELL = ascii('mergeCell');
const INLINE_STR = ascii('inlineStr');

/** Whether b[at, at + seq.length) is seq, within b[…, to). */
function seqAt(b: Uint8Array, at: number, seq: number[], to: number): boolean {
  if (at < 0 || at + seq.length > to) return false;
  for (let k = 0; k < seq.length; k++) if (b[at + k] !== seq[k]) return false;
  return true;
}

/**
 * First index ≥ from of seq lying wholly in b[…, to), or -1 (String.indexOf on the slice b[0, to)),
 * for long searches: Uint8Array.indexOf (native) for the byte seq[anchor], a rare one of the seq.
 */
function indexOfSeq(b: Uint8Array, seq: number[], from: number, to = b.length, anchor = 0): number {
  const x = seq[anchor], m = seq.length;
  for (let i = b.indexOf(x, Math.max(0, from) + anchor); i >= 0; i = b.indexOf(x, i + 1)) {
    const at = i - anchor;
    if (at + m > to) return -1;
    let k = 0;
    while (k < m && b[at + k] === seq[k]) k++;
    if (k === m) return at;
  }
  return -1;
}

/** First index ≥ from of byte x in b, or -1. */
function indexOfByte(b: Uint8Array, x: number, from: number): number {
  const n = b.length;
  for (let i = Math.max(0, from); i < n; i++) if (b[i] === x) return i;
  return -1;
}

/** First index ≥ from of "</x>" (x: one letter) lying wholly in b[…, to), or -1. A short search: a loop. */
function closeTagAt(b: Uint8Array, x: number, from: number, to: number): number {
  for (let i = from; i + 4 <= to; i++) if (b[i] === LT && b[i + 1] === SLASH && b[i + 2] === x && b[i + 3] === GT) return i;
  return -1;
}

/** A byte that may follow a tag's name: ">", "/" or XML space. */
const endsName = (k: number) => k === GT || k === 32 || k === SLASH || k === 9 || k === 10 || k === 13;

/** Found by elementAt: the element's content b[elFrom, elTo). */
let elFrom = 0, elTo = 0;
const ABSENT = 0, SELF_CLOSED = 1, CONTENT = 2;

/**
 * sheetXml's elementText on the bytes of one cell b[…, end) for a one-letter element x: `a` is the
 * first "<x" followed by ">", "/" or a space (-1: none), `close` the first "</x>" after it (-1:
 * none). ABSENT, SELF_CLOSED (<x/>), or CONTENT with elFrom/elTo set.
 */
function elementAt(b: Uint8Array, x: number, a: number, close: number, end: number): number {
  if (a < 0) return ABSENT;
  if (b[a + 2] === GT) {
    if (close < 0) return ABSENT;
    elFrom = a + 3;
    elTo = close;
    return CONTENT;
  }
  let gt = a;
  while (gt < end && b[gt] !== GT) gt++;
  if (gt >= end) return ABSENT;
  if (b[gt - 1] === SLASH) return SELF_CLOSED;
  // the first "</x>" after the start tag's end (one between "<x" and it would end at that ">")
  const e = close >= gt ? close : closeTagAt(b, x, gt, end);
  if (e < 0) return ABSENT;
  elFrom = gt + 1;
  elTo = e;
  return CONTENT;
}

/** Powers of ten that are exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Number(text) of b[from, to) when it is plainly written ("-12", "0.25": at most 15 digits), else
 * NaN for the caller to ask Number itself. m / 10^k with m < 2^53 and k ≤ 22 is one correctly
 * rounded division of two exact doubles: the very double Number gives.
 */
function plainNumber(b: Uint8Array, from: number, to: number): number {
  let i = from;
  const neg = b[i] === 45;
  if (neg) i++;
  let m = 0, digits = 0, frac = -1;
  for (; i < to; i++) {
    const k = b[i];
    if (k >= 48 && k <= 57) {
      m = m * 10 + (k - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (k === 46 && frac < 0 && digits > 0) frac = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || frac === 0) return NaN;
  const v = frac > 0 ? m / POW10[frac] : m;
  return neg ? -v : v;
}

/** A non-negative integer of at most 9 plain digits in b[from, to), else -1. */
function plainIndex(b: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const k = b[i] - 48;
    if (k < 0 || k > 9) return -1;
    v = v * 10 + k;
  }
  return v;
}

/** The t attribute as typedValue reads it: none, "s", "str", "b"/"e"/"d" (decoded for typedValue), or other (a number, as none). */
const T_NONE = 0, T_S = 1, T_STR = 2, T_BED = 3, T_OTHER = 4;
function typeCode(b: Uint8Array, from: number, to: number): number {
  if (from < 0) return T_NONE;
  const n = to - from;
  if (n === 1) {
    const k = b[from];
    return k === 115 ? T_S : k === 98 || k === 101 || k === 100 ? T_BED : T_OTHER;
  }
  return n === 3 && b[from] === 115 && b[from + 1] === 116 && b[from + 2] === 114 ? T_STR : T_OTHER;
}

/** Does the sheet's markup take the byte scanner (else: prefixed, for parseSheetRegex)? As parseSheet decides. */
function unprefixed(b: Uint8Array): boolean {
  return indexOfSeq(b, SHEET_DATA, 0, b.length, 2) >= 0 || indexOfSeq(b, PREFIXED_SHEET_DATA, 0, b.length, 2) < 0;
}

/**
 * The grid of a sheet's XML bytes (after fastGrid's DTD check), as sheetXml.ts parseSheet gives for
 * the decoded text; null where it gives null. Throws LimitExceeded where it throws.
 */
export function parseSheetBytes(b: Uint8Array, sst: string[], dates: boolean[], limits: ReadLimits): unknown[][] | null {
  if (!unprefixed(b)) return parseSheetRegex(new TextDecoder('utf-8').decode(b), sst, dates, limits);
  const rows: unknown[][] = [];
  const n = b.length;
  const formulas = new FormulaTexts(b);
  const ds = indexOfSeq(b, SHEET_DATA, 0, b.length, 2);
  let tail = ds;
  if (ds >= 0) {
    const open = indexOfByte(b, GT, ds);
    const selfClosed = open > 0 && b[open - 1] === SLASH;
    const end = selfClosed ? open : indexOfSeq(b, SHEET_DATA_END, open, b.length, 3);
    if (end < 0) return null;
    tail = end;
    let p = open + 1;
    for (;;) {
      // the next "<c" before </sheetData>
      let a = p;
      while (a < end && (b[a] !== LT || b[a + 1] !== C)) a++;
      if (a >= end) break;
      const k = b[a + 2];
      if (k !== 32 && k !== GT && k !== SLASH && k !== 9 && k !== 10 && k !== 13) {
        p = a + 2;
        continue;
      }
      // Attributes (either quote), to the end of the start tag: where r, s and t lie.
      let rFrom = -1, rTo = -1, sFrom = -1, sTo = -1, tFrom = -1, tTo = -1;
      let i = a + 2;
      let selfClose = false;
      for (;;) {
        let ch = b[i];
        while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = b[++i];
        if (ch === GT) {
          i++;
          break;
        }
        if (ch === SLASH) {
          selfClose = true;
          i = indexOfByte(b, GT, i) + 1;
          break;
        }
        if (i >= n) return null;
        let eq = i;
        while (eq < n && b[eq] !== EQ) eq++;
        if (eq >= n) return null;
        let ne = eq;
        while (ne > i && isSpace(b[ne - 1])) ne--;
        // r, s or t: a one-letter name (any other name by its trimmed text, as String.trim reads it)
        const which = ne - i === 1 ? b[i] : attrCode(text(b, i, eq).trim());
        let q = eq + 1;
        while (b[q] === 32) q++;
        const quote = b[q];
        if (quote !== Q1 && quote !== Q2) return null;
        let close = q + 1;
        while (close < n && b[close] !== quote) close++;
        if (close >= n) return null;
        if (which === 114) {
          rFrom = q + 1;
          rTo = close;
        } else if (which === 115) {
          sFrom = q + 1;
          sTo = close;
        } else if (which === 116) {
          tFrom = q + 1;
          tTo = close;
        }
        i = close + 1;
      }
      // r: letters A-Z then digits (refPos)
      if (rFrom < 0 || rTo === rFrom) return null;
      let col = 0, j = rFrom;
      for (; j < rTo; j++) {
        const x = b[j];
        if (x < 65 || x > 90) break;
        col = col * 26 + (x - 64);
      }
      if (j === rFrom || j === rTo) return null;
      let row = 0;
      for (; j < rTo; j++) {
        const x = b[j];
        if (x < 48 || x > 57) return null;
        row = row * 10 + (x - 48);
      }
      if (row > EXCEL_ROWS) throw new LimitExceeded('rows', row, Math.min(limits.rows, EXCEL_ROWS));
      if (col > EXCEL_COLUMNS) throw new LimitExceeded('columns', col, Math.min(limits.columns, EXCEL_COLUMNS));
      if (selfClose) {
        p = i;
        continue;
      }
      // (a "</c>" past </sheetData> is as good as none)
      // One pass to the cell's end ("</c>", not past </sheetData>): where its first <v and <f start and end.
      let ce = -1, va = -1, vc = -1, fa = -1, fc = -1;
      for (let j = i; ; j++) {
        while (j <= end && b[j] !== LT) j++;
        if (j > end) return null;
        const k = b[j + 1];
        if (k === SLASH) {
          const x = b[j + 2];
          if (b[j + 3] !== GT) continue;
          if (x === C) {
            ce = j;
            break;
          }
          if (x === V && va >= 0 && vc < 0) vc = j;
          else if (x === F && fa >= 0 && fc < 0) fc = j;
        } else if (k === V) {
          if (va < 0 && endsName(b[j + 2])) va = j;
        } else if (k === F) {
          if (fa < 0 && endsName(b[j + 2])) fa = j;
        }
      }
      p = ce + 4;
      if (ce === i) continue;
      let value: unknown = null;
      if (tTo - tFrom === INLINE_STR.length && seqAt(b, tFrom, INLINE_STR, tTo)) {
        const inner = text(b, i, ce);
        const is = elementText(inner, 'is', 0, inner.length);
        value = is !== undefined ? textOf(is) : '';
      } else {
        const t = typeCode(b, tFrom, tTo);
        const v = elementAt(b, V, va, vc, ce);
        // An empty <v> is no value (openpyxl writes <f>…</f><v></v>), except the empty text of t="str".
        if (v === CONTENT && (elTo > elFrom || t === T_STR)) {
          value = cellValue(b, t, tFrom, tTo, elFrom, elTo, sFrom, sTo, sst, dates);
        } else {
          const f = elementAt(b, F, fa, fc, ce);
          if (f === ABSENT) continue;
          value = { formula: f === SELF_CLOSED ? '' : formulas.text(col, row, elFrom, elTo) };
        }
      }
      if (row > limits.rows) throw new LimitExceeded('rows', row, limits.rows);
      if (col > limits.columns) throw new LimitExceeded('columns', col, limits.columns);
      (rows[row - 1] ??= [])[col - 1] = value;
    }
  }
  mergeAndFill(mergeText(b, Math.max(0, tail)), rows, limits);
  return rows;
}

/** 114, 115 or 116 for an attribute named r, s or t; else 0. */
const attrCode = (name: string) => (name === 'r' ? 114 : name === 's' ? 115 : name === 't' ? 116 : 0);

/**
 * The text mergeAndFill reads its <mergeCell>s from: the sheet from `tail` on, decoded from the
 * '<' that may start the first mergeCell element (none: no text, no range).
 */
function mergeText(b: Uint8Array, tail: number): string {
  const m = indexOfSeq(b, MERGE_CELL, tail, b.length, 5);
  if (m < 0) return '';
  let from = m;
  while (from > tail && b[from] !== LT) from--;
  return new TextDecoder('utf-8', { ignoreBOM: from > 0 }).decode(b.subarray(from));
}

/** typedValue of a cell whose <v> is b[vFrom, vTo): shared strings and plain numbers from the bytes, anything else by typedValue on the decoded text. */
function cellValue(b: Uint8Array, t: number, tFrom: number, tTo: number, vFrom: number, vTo: number, sFrom: number, sTo: number, sst: string[], dates: boolean[]): unknown {
  if (t === T_S) {
    const ix = plainIndex(b, vFrom, vTo);
    if (ix >= 0) return sst[ix] ?? '';
  } else if (t === T_NONE || t === T_OTHER) {
    const n = plainNumber(b, vFrom, vTo);
    if (n === n) {
      const sx = sFrom < 0 ? 0 : plainIndex(b, sFrom, sTo);
      if (sx >= 0) return dates[sx] ? serialToDate(n) : n;
    }
  }
  return typedValue(tFrom < 0 ? undefined : text(b, tFrom, tTo), text(b, vFrom, vTo), sFrom < 0 ? undefined : text(b, sFrom, sTo), sst, dates);
}

