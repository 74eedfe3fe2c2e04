/**
 * A worksheet's decoded XML → a grid of plain values, as excelts reads it: cached formula results,
 * rich text as plain text, dates as Date (UTC) when the cell has a date format, merged slaves null,
 * `{ formula }` for a formula without a value. parseSheetScan (unprefixed XML, by indexOf and char
 * codes) and parseSheetRegex (any prefix) are the reference the byte scanner (sheetBytes.ts) keeps
 * to; null when a sheet is beyond them (a cell without a reference…). Pure.
 */
import { DEFAULT_LIMITS, LimitExceeded } from '../../core/limits';
import type { ReadLimits } from '../../core/limits';
import { decodeXml, textOf } from './xmlText';

function cellAttrs(attrs: string): { r?: string; s?: string; t?: string } {
  const out: { r?: string; s?: string; t?: string } = {};
  const re = /(\w+)="([^"]*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(attrs))) {
    const k = m[1];
    if (k === 'r' || k === 's' || k === 't') out[k] = m[2];
  }
  return out;
}

export function colNumber(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  let c = 0;
  for (let i = 0; i < m[1].length; i++) c = c * 26 + (m[1].charCodeAt(i) - 64);
  return { row: Number(m[2]), col: c };
}

export function serialToDate(serial: number): Date {
  // Excel's 1900 system (with its 1900-02-29), as excelts converts it.
  return new Date(Math.round((serial - 25569) * 86400000));
}

/** Column and row of an A1 reference ("AB12"), scanning chars; null when it is not one. */
export function refPos(ref: string): { row: number; col: number } | null {
  let c = 0, i = 0;
  const n = ref.length;
  for (; i < n; i++) {
    const k = ref.charCodeAt(i);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  if (i === 0 || i === n) return null;
  let r = 0;
  for (; i < n; i++) {
    const k = ref.charCodeAt(i);
    if (k < 48 || k > 57) return null;
    r = r * 10 + (k - 48);
  }
  return { row: r, col: c };
}

/** Contents of the first <name>…</name> (or <name attrs>…) in xml[from, to); undefined when absent; `empty` for <name/>. */
export function elementText(whole: string, name: string, start: number, end: number, empty: string | undefined = ''): string | undefined {
  // Searched within the cell only: an indexOf over the rest of the sheet for an element the cell
  // does not have (a formula cell without <v>) made reading quadratic in the number of such cells.
  const xml = whole.slice(start, end);
  const from = 0, to = xml.length;
  const open = '<' + name;
  let p = from;
  for (;;) {
    const a = xml.indexOf(open, p);
    if (a < 0 || a >= to) return undefined;
    const k = xml.charCodeAt(a + open.length);
    if (k === 62) {
      const e = xml.indexOf('</' + name + '>', a);
      return e < 0 || e > to ? undefined : xml.slice(a + open.length + 1, e);
    }
    if (k === 32 || k === 47 || k === 9 || k === 10 || k === 13) {
      const gt = xml.indexOf('>', a);
      if (gt < 0 || gt >= to) return undefined;
      if (xml.charCodeAt(gt - 1) === 47) return empty;
      const e = xml.indexOf('</' + name + '>', gt);
      return e < 0 || e > to ? undefined : xml.slice(gt + 1, e);
    }
    p = a + open.length;
  }
}

/**
 * parseSheet for unprefixed XML (what Excel, WPS, LibreOffice and excelts write): the cells of
 * <sheetData> by indexOf and char codes instead of regular expressions. Same values as parseSheetRegex.
 */
/** A cell's value from its type attribute and <v> text: shared string, text, boolean, error, ISO date, or number (a Date when its style is a date format). */
export function typedValue(t: string | undefined, v: string, style: string | undefined, sst: string[], dates: boolean[]): unknown {
  if (t === 's') return sst[Number(v)] ?? '';
  if (t === 'str') return decodeXml(v);
  if (t === 'b') return v.trim() === '1' || v.trim() === 'true';
  if (t === 'e') return { error: decodeXml(v) };
  if (t === 'd') {
    // An ISO date cell; text that is no date stays as typed (an Invalid Date would lose it).
    const d = new Date(v);
    return Number.isFinite(d.getTime()) ? d : decodeXml(v);
  }
  const n = Number(v);
  const sx = style === undefined ? 0 : Number(style);
  return Number.isFinite(n) ? (dates[sx] ? serialToDate(n) : n) : decodeXml(v);
}

/** A cell with content within the rows and columns read: else LimitExceeded. */
export function inGrid(pos: { row: number; col: number }, limits: ReadLimits): void {
  if (pos.row > limits.rows) throw new LimitExceeded('rows', pos.row, limits.rows);
  if (pos.col > limits.columns) throw new LimitExceeded('columns', pos.col, limits.columns);
}

/** Excel's grid: 1,048,576 rows × 16,384 columns. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;

/**
 * Any cell, even an empty styled one, inside Excel's grid: else LimitExceeded (the file is not what
 * Excel writes). Empty styled cells inside the grid do not count against the rows read: WPS writes
 * a million of them, and they hold nothing.
 */
export function inExcelGrid(pos: { row: number; col: number }, limits: ReadLimits): void {
  if (pos.row > EXCEL_ROWS) throw new LimitExceeded('rows', pos.row, Math.min(limits.rows, EXCEL_ROWS));
  if (pos.col > EXCEL_COLUMNS) throw new LimitExceeded('columns', pos.col, Math.min(limits.columns, EXCEL_COLUMNS));
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** 114, 115 or 116 for an attribute named r, s or t; else 0. */
const attrCode = (name: string) => (name === 'r' ? 114 : name === 's' ? 115 : name === 't' ? 116 : 0);

export function parseSheetScan(xml: string, sst: string[], dates: boolean[], limits: ReadLimits): unknown[][] | null {
  const rows: unknown[][] = [];
  const n = xml.length;
  const ds = xml.indexOf('<sheetData');
  let tail = ds;
  if (ds >= 0) {
    const open = xml.indexOf('>', ds);
    const selfClosed = xml.charCodeAt(open - 1) === 47;
    const end = selfClosed ? open : xml.indexOf('</sheetData>', open);
    if (end < 0) return null;
    tail = end;
    let p = open + 1;
    for (;;) {
      const a = xml.indexOf('<c', p);
      if (a < 0 || a >= end) break;
      const k = xml.charCodeAt(a + 2);
      if (k !== 32 && k !== 62 && k !== 47 && k !== 9 && k !== 10 && k !== 13) {
        p = a + 2;
        continue;
      }
      // Attributes (either quote), to the end of the start tag.
      let r: string | undefined, st: string | undefined, t: string | undefined;
      let i = a + 2;
      let selfClose = false;
      for (;;) {
        let ch = xml.charCodeAt(i);
        while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = xml.charCodeAt(++i);
        if (ch === 62) {
          i++;
          break;
        }
        if (ch === 47) {
          selfClose = true;
          i = xml.indexOf('>', i) + 1;
          break;
        }
        if (Number.isNaN(ch)) return null;
        // By char codes, not indexOf: attributes are a few characters long, and a call to indexOf
        // on a two-byte string (a sheet with Chinese formulas) costs more than the scan.
        let eq = i;
        while (eq < n && xml.charCodeAt(eq) !== 61) eq++;
        if (eq >= n) return null;
        let ne = eq;
        while (ne > i && isSpace(xml.charCodeAt(ne - 1))) ne--;
        // r, s or t: a one-letter name (any other name by its trimmed text, as String.trim reads it)
        const which = ne - i === 1 ? xml.charCodeAt(i) : attrCode(xml.slice(i, eq).trim());
        let q = eq + 1;
        while (xml.charCodeAt(q) === 32) q++;
        const quote = xml.charCodeAt(q);
        if (quote !== 34 && quote !== 39) return null;
        let close = q + 1;
        while (close < n && xml.charCodeAt(close) !== quote) close++;
        if (close >= n) return null;
        if (which === 114) r = xml.slice(q + 1, close);
        else if (which === 115) st = xml.slice(q + 1, close);
        else if (which === 116) t = xml.slice(q + 1, close);
        i = close + 1;
      }
      if (!r) return null;
      const pos = refPos(r);
      if (!pos) return null;
      inExcelGrid(pos, limits);
      if (selfClose) {
        p = i;
        continue;
      }
      const ce = xml.indexOf('</c>', i);
      if (ce < 0 || ce > end) return null;
      p = ce + 4;
      if (ce === i) continue;
      let value: unknown = null;
      if (t === 'inlineStr') {
        const is = elementText(xml, 'is', i, ce);
        value = is !== undefined ? textOf(is) : '';
      } else {
        const v = elementText(xml, 'v', i, ce, undefined);
        // An empty <v> is no value (openpyxl writes <f>…</f><v></v>), except the empty text of t="str".
        if (v !== undefined && (v !== '' || t === 'str')) {
          value = typedValue(t, v, st, sst, dates);
        } else {
          const f = elementText(xml, 'f', i, ce);
          if (f === undefined) continue;
          value = { formula: decodeXml(f) };
        }
      }
      inGrid(pos, limits);
      (rows[pos.row - 1] ??= [])[pos.col - 1] = value;
    }
  }
  mergeAndFill(xml.slice(Math.max(0, tail)), rows, limits);
  return rows;
}

export function parseSheet(xml: string, sst: string[], dates: boolean[], limits: ReadLimits): unknown[][] | null {
  if (xml.indexOf('<sheetData') >= 0 || xml.indexOf(':sheetData') < 0) return parseSheetScan(xml, sst, dates, limits);
  return parseSheetRegex(xml, sst, dates, limits);
}

export function parseSheetRegex(xml: string, sst: string[], dates: boolean[], limits: ReadLimits): unknown[][] | null {
  const rows: unknown[][] = [];
  const data = /<(?:\w+:)?sheetData\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheetData>/.exec(xml);
  if (data) {
    const re = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(data[1]))) {
      const ca = cellAttrs(m[1]);
      const ref = ca.r;
      if (!ref) return null;
      const pos = colNumber(ref);
      if (!pos) return null;
      inExcelGrid(pos, limits);
      const inner = m[2];
      if (inner === undefined || inner === '') continue;
      const t = ca.t;
      const vm = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner);
      const fm = /<(?:\w+:)?f(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*\/>/.exec(inner);
      let value: unknown = null;
      if (t === 'inlineStr') {
        const is = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner);
        value = is ? textOf(is[1]) : '';
      } else if (vm && (vm[1] !== '' || t === 'str')) {
        value = typedValue(t, vm[1], ca.s, sst, dates);
      } else if (fm) {
        value = { formula: decodeXml(fm[1] ?? '') };
      } else continue;
      inGrid(pos, limits);
      (rows[pos.row - 1] ??= [])[pos.col - 1] = value;
    }
  }
  mergeAndFill(xml, rows, limits);
  return rows;
}

/**
 * Merged areas (only the top-left cell holds the value) and holes as null. A merged range is
 * clipped to the cells read (A1:XFD1048576 costs what the used range costs); the same range given
 * twice is done once; past limits.mergedRanges distinct ranges: LimitExceeded.
 */
export function mergeAndFill(xml: string, rows: unknown[][], limits: ReadLimits = DEFAULT_LIMITS): void {
  const seen = new Set<string>();
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*ref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const key = m[1] + ':' + m[2];
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > limits.mergedRanges) throw new LimitExceeded('mergedRanges', seen.size, limits.mergedRanges, '', true);
    const a = colNumber(m[1]), b = colNumber(m[2]);
    if (!a || !b) continue;
    const lastRow = Math.min(b.row, rows.length);
    for (let r = a.row; r <= lastRow; r++) {
      const row = rows[r - 1];
      if (!row) continue;
      const lastCol = Math.min(b.col, row.length);
      for (let c = a.col; c <= lastCol; c++) if ((r !== a.row || c !== a.col) && row[c - 1] !== undefined) row[c - 1] = null;
    }
  }
  for (let i = 0; i < rows.length; i++) {
    const r = (rows[i] ??= []);
    for (let j = 0; j < r.length; j++) if (r[j] === undefined) r[j] = null;
  }
}

