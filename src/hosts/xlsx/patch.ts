/**
 * Edit a few cells of an existing .xlsx in place, at the zip level: the file path's answer to
 * Office.js' range writes (one-click fixes, the 提交 stamp in _meta) for WPS and Excel 2019 users.
 *
 * Only the sheet parts that change are rewritten; every other part (styles, validations, charts,
 * protection, names…) is copied byte for byte, so nothing the workbook had is lost. A patched cell
 * keeps its style; text is written as an inline string (never a formula), numbers as numbers.
 * A patched cell that held a formula loses it (the value replaces it) and calcChain.xml is dropped
 * so that Excel rebuilds it instead of reporting a broken file.
 *
 * Bytes in, bytes out: no fs and no Node built-ins, so it runs in Node and in the browser.
 */
import { editZip, unzip } from '@cj-tech-master/excelts/archive';
import { columnLetter } from '../../core/sheets/address';
import { fitCellText } from '../../core/sheets/cellText';
import { decodeXml } from './fastGrid';
import { xmlText } from './fastWrite';

export interface CellEdit {
  sheet: string;
  /** A1-style address, e.g. "F12". */
  address: string;
  value: string | number;
}

export interface PatchRequest {
  cells?: CellEdit[];
  /** Key/value rows to upsert on a sheet laid out as column A key, column B value (e.g. _meta). */
  keyValues?: { sheet: string; entries: Record<string, string> };
}

/** Why a patch cannot be applied: names the sheet or cell. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

interface Addr {
  row: number;
  col: number;
}

function parseA1(a: string): Addr {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a.trim());
  if (!m) throw new PatchError(`不是单元格地址：${a} / Not a cell address: ${a}`);
  let col = 0;
  const letters = m[1].toUpperCase();
  for (let i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
  return { row: Number(m[2]), col };
}

const attrOf = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? m[1] : undefined;
};

/** Sheet name → part path, from workbook.xml and its relationships. */
function sheetPaths(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const id = attrOf(m[1], 'Id');
    const target = attrOf(m[1], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const name = attrOf(m[1], 'name');
    const rid = /\br:id="([^"]*)"/.exec(m[1]);
    const t = rid ? targets.get(rid[1]) : undefined;
    if (name !== undefined && t) out.set(decodeXml(name), t);
  }
  return out;
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const si of xml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g)) {
    const body = (si[1] ?? '').replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
    let s = '';
    for (const t of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += t[1];
    out.push(decodeXml(s));
  }
  return out;
}

/** One <c> element of a sheet: where it is in the XML and what it says. */
interface CellXml {
  start: number;
  end: number;
  col: number;
  attrs: string;
  body: string;
}

interface RowXml {
  row: number;
  /** Whole <row …>…</row> (or <row …/>) element. */
  start: number;
  end: number;
  /** Where its cells begin and end (inside the element); -1 for a self-closing row. */
  innerStart: number;
  innerEnd: number;
  attrs: string;
}

function findSheetData(xml: string): { innerStart: number; innerEnd: number; selfClosing: boolean; at: number } {
  const open = /<(?:\w+:)?sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) throw new PatchError('工作表缺少 sheetData / The sheet has no sheetData');
  if (open[1] === '/') return { innerStart: -1, innerEnd: -1, selfClosing: true, at: open.index };
  const innerStart = open.index + open[0].length;
  const closeRe = /<\/(?:\w+:)?sheetData>/g;
  closeRe.lastIndex = innerStart;
  const close = closeRe.exec(xml)?.index ?? -1;
  if (close < 0) throw new PatchError('工作表 sheetData 不完整 / The sheet data is incomplete');
  return { innerStart, innerEnd: close, selfClosing: false, at: open.index };
}

function rowsOf(xml: string, from: number, to: number): RowXml[] {
  const rows: RowXml[] = [];
  const re = /<(?:\w+:)?row\b([^>]*?)(\/?)>/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  let implicit = 0;
  while ((m = re.exec(xml)) && m.index < to) {
    const r = attrOf(m[1], 'r');
    const row = r ? Number(r) : implicit + 1;
    implicit = row;
    if (m[2] === '/') {
      rows.push({ row, start: m.index, end: re.lastIndex, innerStart: -1, innerEnd: -1, attrs: m[1] });
      continue;
    }
    const closeRe = /<\/(?:\w+:)?row>/g;
    closeRe.lastIndex = re.lastIndex;
    const c = closeRe.exec(xml);
    if (!c) throw new PatchError(`第 ${row} 行不完整 / Row ${row} is incomplete`);
    rows.push({ row, start: m.index, end: closeRe.lastIndex, innerStart: re.lastIndex, innerEnd: c.index, attrs: m[1] });
    re.lastIndex = closeRe.lastIndex;
  }
  return rows;
}

function cellsOf(xml: string, row: RowXml): CellXml[] {
  if (row.innerStart < 0) return [];
  const cells: CellXml[] = [];
  const inner = xml.slice(row.innerStart, row.innerEnd);
  const re = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
  let m: RegExpExecArray | null;
  let implicit = 0;
  while ((m = re.exec(inner))) {
    const r = attrOf(m[1], 'r');
    const col = r ? parseA1(r).col : implicit + 1;
    implicit = col;
    cells.push({ start: row.innerStart + m.index, end: row.innerStart + re.lastIndex, col, attrs: m[1], body: m[2] ?? '' });
  }
  return cells;
}

function cellText(c: CellXml, sst: string[]): string {
  const t = attrOf(c.attrs, 't');
  if (t === 's') {
    const v = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/.exec(c.body);
    return v ? sst[Number(v[1])] ?? '' : '';
  }
  if (t === 'inlineStr') {
    let s = '';
    for (const m of c.body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += m[1];
    return decodeXml(s);
  }
  const v = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/.exec(c.body);
  return v ? decodeXml(v[1]) : '';
}

function cellElement(ref: string, style: string | undefined, value: string | number): string {
  const s = style !== undefined ? ` s="${style}"` : '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new PatchError(`${ref}：不是有限数值 / ${ref}: not a finite number`);
    return `<c r="${ref}"${s}><v>${String(value)}</v></c>`;
  }
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(fitCellText(value))}</t></is></c>`;
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Apply splices made in document order. Several inserts at one place (new rows before the same row
 * or at the end of sheetData, new cells before the same cell) come out in the order they were made,
 * which is increasing row / column order: Excel repairs a file whose rows or cells are out of order.
 */
function applySplices(xml: string, splices: Splice[]): string {
  const order = splices.map((s, i) => ({ s, i }));
  // From the end backwards so positions stay valid; at one position, a replacement (it ends later)
  // first, then the inserts, the last made first so that each earlier one lands before it.
  order.sort((a, b) => b.s.start - a.s.start || b.s.end - a.s.end || b.i - a.i);
  let out = xml;
  for (const { s } of order) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** The edits of one sheet part → its new XML; `hadFormula` tells whether a formula was replaced. */
function patchSheetXml(xml: string, edits: Map<number, Map<number, string | number>>): { xml: string; hadFormula: boolean } {
  const sd = findSheetData(xml);
  let hadFormula = false;
  if (sd.selfClosing) {
    const rows = [...edits.keys()].sort((a, b) => a - b).map((r) => newRow(r, edits.get(r)!)).join('');
    const open = /<(?:\w+:)?sheetData\b[^>]*?\/>/.exec(xml)!;
    const tag = open[0].replace(/\s*\/>$/, '>');
    const name = /<((?:\w+:)?sheetData)/.exec(open[0])![1];
    return { xml: xml.slice(0, open.index) + tag + rows + `</${name}>` + xml.slice(open.index + open[0].length), hadFormula };
  }
  const rows = rowsOf(xml, sd.innerStart, sd.innerEnd);
  const splices: Splice[] = [];
  const wantedRows = [...edits.keys()].sort((a, b) => a - b);
  for (const r of wantedRows) {
    const cols = edits.get(r)!;
    const existing = rows.find((x) => x.row === r);
    if (!existing) {
      const after = rows.find((x) => x.row > r);
      const at = after ? after.start : sd.innerEnd;
      splices.push({ start: at, end: at, text: newRow(r, cols) });
      continue;
    }
    const cells = cellsOf(xml, existing);
    const sortedCols = [...cols.keys()].sort((a, b) => a - b);
    if (existing.innerStart < 0) {
      // <row r="5" …/> → <row r="5" …>cells</row>
      const attrs = existing.attrs.replace(/\s*$/, '');
      splices.push({ start: existing.start, end: existing.end, text: `<row${attrs}>${sortedCols.map((c) => cellElement(columnLetter(c) + r, undefined, cols.get(c)!)).join('')}</row>` });
      continue;
    }
    for (const c of sortedCols) {
      const ref = columnLetter(c) + r;
      const cell = cells.find((x) => x.col === c);
      if (cell) {
        if (/<(?:\w+:)?f\b/.test(cell.body)) hadFormula = true;
        splices.push({ start: cell.start, end: cell.end, text: cellElement(ref, attrOf(cell.attrs, 's'), cols.get(c)!) });
      } else {
        const after = cells.find((x) => x.col > c);
        const at = after ? after.start : existing.innerEnd;
        // A new cell takes the row's style (customFormat) if it has one.
        const rowStyle = attrOf(existing.attrs, 'customFormat') === '1' ? attrOf(existing.attrs, 's') : undefined;
        splices.push({ start: at, end: at, text: cellElement(ref, rowStyle, cols.get(c)!) });
      }
    }
  }
  return { xml: applySplices(xml, splices), hadFormula };
}

function newRow(r: number, cols: Map<number, string | number>): string {
  const cells = [...cols.keys()].sort((a, b) => a - b).map((c) => cellElement(columnLetter(c) + r, undefined, cols.get(c)!));
  return `<row r="${r}">${cells.join('')}</row>`;
}

const utf8 = new TextEncoder();
const text = (b: Uint8Array | null): string | null => (b ? new TextDecoder('utf-8').decode(b) : null);

/**
 * Apply cell edits and key/value upserts to a workbook's bytes. Throws PatchError when a sheet is
 * missing or the file is not an xlsx this can edit; the original bytes are never modified.
 */
export async function patchWorkbook(bytes: Uint8Array, req: PatchRequest): Promise<Uint8Array> {
  const reader = unzip(bytes);
  const read = async (path: string) => text(await reader.bytes(path));
  const [wbXml, relsXml] = await Promise.all([read('xl/workbook.xml'), read('xl/_rels/workbook.xml.rels')]);
  if (!wbXml || !relsXml) throw new PatchError('不是 Excel 工作簿（缺少 workbook.xml）/ Not an Excel workbook (no workbook.xml)');
  const paths = sheetPaths(wbXml, relsXml);
  const bySheet = new Map<string, Map<number, Map<number, string | number>>>();
  const put = (sheet: string, a: Addr, v: string | number) => {
    let rows = bySheet.get(sheet);
    if (!rows) bySheet.set(sheet, (rows = new Map()));
    let cols = rows.get(a.row);
    if (!cols) rows.set(a.row, (cols = new Map()));
    cols.set(a.col, v);
  };
  for (const e of req.cells ?? []) put(e.sheet, parseA1(e.address), e.value);

  const xmlBySheet = new Map<string, string>();
  const sheetXml = async (sheet: string): Promise<string> => {
    let x = xmlBySheet.get(sheet);
    if (x === undefined) {
      const p = paths.get(sheet);
      const got = p ? await read(p) : null;
      if (got === null) throw new PatchError(`找不到工作表“${sheet}” / No sheet named “${sheet}”`);
      xmlBySheet.set(sheet, (x = got));
    }
    return x;
  };

  if (req.keyValues && Object.keys(req.keyValues.entries).length) {
    const { sheet, entries } = req.keyValues;
    const xml = await sheetXml(sheet);
    const sst = sharedStrings(await read('xl/sharedStrings.xml'));
    const sd = findSheetData(xml);
    const rows = sd.selfClosing ? [] : rowsOf(xml, sd.innerStart, sd.innerEnd);
    const keyRow = new Map<string, number>();
    let last = 0;
    for (const r of rows) {
      last = Math.max(last, r.row);
      const a = cellsOf(xml, r).find((c) => c.col === 1);
      if (a) {
        const k = cellText(a, sst).trim();
        if (k && !keyRow.has(k)) keyRow.set(k, r.row);
      }
    }
    for (const [k, v] of Object.entries(entries)) {
      const existing = keyRow.get(k);
      if (existing !== undefined) put(sheet, { row: existing, col: 2 }, v);
      else {
        last++;
        put(sheet, { row: last, col: 1 }, k);
        put(sheet, { row: last, col: 2 }, v);
      }
    }
  }

  if (!bySheet.size) return bytes;
  const editor = await editZip(bytes);
  let dropCalcChain = false;
  for (const [sheet, edits] of bySheet) {
    const res = patchSheetXml(await sheetXml(sheet), edits);
    dropCalcChain ||= res.hadFormula;
    editor.set(paths.get(sheet)!, utf8.encode(res.xml));
  }
  if (dropCalcChain && editor.has('xl/calcChain.xml')) {
    editor.delete('xl/calcChain.xml');
    const ct = await read('[Content_Types].xml');
    if (ct) editor.set('[Content_Types].xml', utf8.encode(ct.replace(/<Override\b[^>]*PartName="\/xl\/calcChain\.xml"[^>]*\/>/, '')));
    editor.set('xl/_rels/workbook.xml.rels', utf8.encode(relsXml.replace(/<Relationship\b[^>]*Target="[^"]*calcChain\.xml"[^>]*\/>/, '')));
  }
  return editor.bytes();
}
