/**
 * WorkbookSpec → .xlsx bytes with @cj-tech-master/excelts. No fs, no Node built-ins: runs in Node
 * and in the browser (excelts' "browser" export).
 */
import { Workbook } from '@cj-tech-master/excelts';
import type { CellSpec, SheetSpec, StyleSpec, ValidationSpec, WorkbookSpec } from '../../core/sheets/spec';
import { columnLetter } from '../../core/sheets/address';
import { fitCellText } from '../../core/sheets/cellText';
import { separateVmlIds } from './vmlIds';

const argb = (rgb: string) => 'FF' + rgb.replace(/^#/, '').toUpperCase();

/** Convert a StyleSpec to an excelts style object. */
export function toExcelStyle(s: StyleSpec): any {
  const out: any = {};
  if (s.font) {
    const f: any = {};
    if (s.font.name) f.name = s.font.name;
    if (s.font.size) f.size = s.font.size;
    if (s.font.bold) f.bold = true;
    if (s.font.italic) f.italic = true;
    if (s.font.color) f.color = { argb: argb(s.font.color) };
    if (s.font.name && /[\u4e00-\u9fff]/.test(s.font.name)) f.charset = 134; // GB2312: Excel/WPS pick the CJK face
    out.font = f;
  }
  if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) }, bgColor: { argb: argb(s.fill) } };
  if (s.numFmt) out.numFmt = s.numFmt;
  if (s.horizontal || s.vertical || s.wrap) {
    out.alignment = {};
    if (s.horizontal) out.alignment.horizontal = s.horizontal;
    if (s.vertical) out.alignment.vertical = s.vertical;
    if (s.wrap) out.alignment.wrapText = true;
  }
  if (s.border) {
    const b = { style: 'thin', color: { argb: argb(s.border) } };
    out.border = { top: b, left: b, bottom: b, right: b };
  }
  if (s.locked === false) out.protection = { locked: false };
  return out;
}

/** Conditional-format style (dxf): font colour and background fill. */
function toDxf(s: StyleSpec): any {
  const out: any = {};
  if (s.font) {
    out.font = {};
    if (s.font.color) out.font.color = { argb: argb(s.font.color) };
    if (s.font.bold) out.font.bold = true;
  }
  if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(s.fill) } };
  return out;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

export function parseAddress(a: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a.trim().toUpperCase());
  if (!m) throw new Error(`Bad cell address: ${a}`);
  return { col: colIndex(m[1]), row: Number(m[2]) };
}

export function parseRange(r: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = r.split(':');
  const p = parseAddress(a);
  const q = b ? parseAddress(b) : p;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** excelts writes Date formulae of date validations as serial numbers. */
function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * excelts drops the characters XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF;
 * lone surrogates) after it has decided whether the text needs xml:space="preserve", so "\u000b 说明"
 * was written as " 说明" without it (Excel repairs that). Drop them first; then fit Excel's limit.
 */
// (A surrogate pair is matched whole and kept; no lookbehind, which older Safari cannot parse.)
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;
// eslint-disable-next-line no-control-regex
const MAYBE_NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

export function cellText(s: string): string {
  return fitCellText(MAYBE_NOT_XML.test(s) ? s.replace(NOT_XML, (m) => (m.length === 2 ? m : '')) : s);
}

function writeCell(ws: any, row: number, col: number, c: CellSpec, styles: Record<string, any>): void {
  const cell = ws.getCell(row, col);
  if (c.f !== undefined && c.f !== '') cell.value = { formula: c.f.replace(/^=/, '') };
  else if (c.v !== undefined && c.v !== null) {
    // Strings are always text: excelts writes a JS string as a shared string, never a formula,
    // so "=x", "+1", "-1", "@x" stay text.
    cell.value = typeof c.v === 'string' ? cellText(c.v) : c.v;
  }
  if (c.s && styles[c.s]) cell.style = styles[c.s];
  if (c.note) cell.note = cellText(c.note);
}

function validation(v: ValidationSpec): any {
  const base: any = { showInputMessage: !!v.prompt, showErrorMessage: v.kind !== 'any' };
  if (v.prompt) {
    base.promptTitle = v.prompt.title.slice(0, 32);
    base.prompt = v.prompt.text.slice(0, 255);
  }
  if (v.kind !== 'any' && v.error) {
    base.errorTitle = v.error.title.slice(0, 32);
    base.error = v.error.text.slice(0, 255);
    base.errorStyle = 'stop';
  }
  switch (v.kind) {
    case 'list':
      return { ...base, type: 'list', allowBlank: v.allowBlank, formulae: [v.source.replace(/^=/, '')] };
    case 'date':
      return { ...base, type: 'date', operator: 'between', allowBlank: v.allowBlank, formulae: [isoToDate(v.min), isoToDate(v.max)] };
    case 'decimal':
      return v.max === undefined
        ? { ...base, type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: v.allowBlank, formulae: [v.min] }
        : { ...base, type: 'decimal', operator: 'between', allowBlank: v.allowBlank, formulae: [v.min, v.max] };
    case 'any':
      return { ...base, type: 'any', allowBlank: true };
  }
}

async function renderSheet(wb: any, s: SheetSpec, spec: WorkbookSpec, styles: Record<string, any>): Promise<void> {
  const ws: any = wb.addWorksheet(s.name, { properties: s.tabColor ? { tabColor: { argb: argb(s.tabColor) } } : {} });
  ws.state = s.state;
  for (const c of s.columns) {
    const col = ws.getColumn(c.index);
    col.width = c.width;
    if (c.hidden) col.hidden = true;
    if (c.style && styles[c.style]) col.style = styles[c.style];
  }
  for (const r of s.rows ?? []) {
    const row = ws.getRow(r.index);
    if (r.height !== undefined) row.height = r.height;
    // A fitted row's height is a hint (LibreOffice shows it), not a fixed height: no customHeight,
    // so Excel, WPS and LibreOffice grow the row with its text.
    if (r.fit) row.customHeight = false;
    if (r.hidden) row.hidden = true;
  }
  for (const b of s.blocks) {
    const at = parseAddress(b.at);
    for (let i = 0; i < b.rows.length; i++) {
      const row = b.rows[i];
      for (let j = 0; j < row.length; j++) {
        const c = row[j];
        if (c) writeCell(ws, at.row + i, at.col + j, c, styles);
      }
    }
  }
  for (const f of s.formats) {
    const st = styles[f.style];
    if (!st) continue;
    const r = parseRange(f.range);
    for (let i = r.top; i <= r.bottom; i++) for (let j = r.left; j <= r.right; j++) ws.getCell(i, j).style = st;
  }
  for (const m of s.merges) ws.mergeCells(m);
  const view: any = {};
  if (s.freeze && (s.freeze.rows || s.freeze.cols)) Object.assign(view, { state: 'frozen', xSplit: s.freeze.cols, ySplit: s.freeze.rows, topLeftCell: `${colLetter(s.freeze.cols + 1)}${s.freeze.rows + 1}` });
  if (s.gridlines === false) view.showGridLines = false;
  if (Object.keys(view).length) ws.views = [view];
  for (const v of s.validations) ws.dataValidations.add(v.range, validation(v));
  for (const c of s.conditionalFormats) {
    const st = spec.styles[c.style];
    ws.addConditionalFormatting({ ref: c.range, rules: [{ type: 'expression', priority: c.priority, formulae: [c.formula.replace(/^=/, '')], style: st ? toDxf(st) : {} }] });
  }
  if (s.autoFilter) ws.autoFilter = s.autoFilter;
  for (const t of s.tables ?? []) addTable(ws, t);
  for (const ch of s.charts ?? []) addChart(ws, ch);
  if (s.print) {
    const p = s.print;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9,
      orientation: p.orientation,
      fitToPage: p.fitToWidth,
      fitToWidth: p.fitToWidth ? 1 : undefined,
      fitToHeight: p.fitToWidth ? 0 : undefined,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    };
    if (p.titleRows) ws.pageSetup.printTitlesRow = p.titleRows;
    if (p.printArea) ws.pageSetup.printArea = p.printArea;
    const hf: any = {};
    if (p.footer) hf.oddFooter = /^&[LCR]/.test(p.footer) ? p.footer : `&C${p.footer}`;
    if (p.header) hf.oddHeader = /^&[LCR]/.test(p.header) ? p.header : `&C${p.header}`;
    if (Object.keys(hf).length) ws.headerFooter = hf;
  }
  if (s.protection) {
    const pr = s.protection;
    await ws.protect(pr.password || undefined, {
      selectLockedCells: true,
      selectUnlockedCells: true,
      insertRows: pr.allowInsertRows,
      deleteRows: pr.allowDeleteRows,
      formatColumns: pr.allowFormatColumns,
      formatRows: true,
      sort: pr.allowSort,
      autoFilter: pr.allowAutoFilter,
      ...(pr.password ? { spinCount: 10000 } : {}),
    });
  }
}

const colLetter = columnLetter;

function cellPlain(ws: any, row: number, col: number): any {
  const v = ws.getCell(row, col).value;
  return v === undefined ? null : v;
}

/** A table over cells already written: header names from the first row, rows from the cells below. */
function addTable(ws: any, t: NonNullable<SheetSpec['tables']>[number]): void {
  const r = parseRange(t.range);
  const columns: any[] = [];
  const seen = new Set<string>();
  for (let j = r.left; j <= r.right; j++) {
    let name = String(cellPlain(ws, r.top, j) ?? `列${j - r.left + 1}`);
    while (seen.has(name)) name += '_';
    seen.add(name);
    columns.push({ name, filterButton: true });
  }
  const rows: any[][] = [];
  const styles: any[][] = [];
  for (let i = r.top + 1; i <= r.bottom; i++) {
    const row: any[] = [];
    const st: any[] = [];
    for (let j = r.left; j <= r.right; j++) {
      row.push(cellPlain(ws, i, j));
      st.push(ws.getCell(i, j).style);
    }
    rows.push(row);
    styles.push(st);
  }
  if (rows.length === 0) rows.push(columns.map(() => null));
  const headerStyles: any[] = [];
  for (let j = r.left; j <= r.right; j++) headerStyles.push(ws.getCell(r.top, j).style);
  ws.addTable({
    name: t.name,
    ref: `${colLetter(r.left)}${r.top}`,
    headerRow: true,
    style: { theme: t.style ?? 'TableStyleLight9', showRowStripes: t.showRowStripes ?? true },
    columns,
    rows,
  });
  // Table rendering may reset styles: restore ours.
  for (let j = r.left; j <= r.right; j++) ws.getCell(r.top, j).style = headerStyles[j - r.left];
  styles.forEach((st, i) => st.forEach((s, j) => (ws.getCell(r.top + 1 + i, r.left + j).style = s)));
}

function addChart(ws: any, ch: NonNullable<SheetSpec['charts']>[number]): void {
  const tl = parseAddress(ch.anchor.at);
  const range = { tl: { col: tl.col - 1, row: tl.row - 1 }, br: { col: tl.col - 1 + ch.anchor.cols, row: tl.row - 1 + ch.anchor.rows } };
  const series = ch.series.map((s) => ({ name: s.name, categories: ch.categories, values: s.values }));
  const opts: any = { title: ch.title, series, showLegend: ch.series.length > 1 || ch.kind === 'pie' };
  try {
    if (ch.kind === 'pie') ws.addPieChart(opts, range);
    else if (ch.kind === 'bar') ws.addBarChart(opts, range);
    else ws.addColumnChart(opts, range);
  } catch (e) {
    throw new Error(`Chart "${ch.title}" on "${ws.name}": ${(e as Error).message}`);
  }
}

let chartsInstalled = false;
/** Chart support of excelts is a separate module: loaded only when a spec has charts (or a workbook with charts is loaded). */
export async function ensureChartSupport(): Promise<void> {
  if (chartsInstalled) return;
  const mod: any = await import('@cj-tech-master/excelts/chart');
  mod.installChartSupport();
  chartsInstalled = true;
}

/** Render a WorkbookSpec to .xlsx bytes. */
export interface RenderOptions {
  /** Deflate level of the zip parts (default 6); 0 stores them, for a caller that re-zips the parts anyway (fastWrite). */
  level?: number;
}

export async function renderWorkbook(spec: WorkbookSpec, options: RenderOptions = {}): Promise<Uint8Array> {
  const wb: any = new Workbook();
  wb.creator = spec.properties.creator;
  wb.lastModifiedBy = spec.properties.creator;
  wb.title = spec.properties.title;
  const created = new Date(spec.properties.created);
  if (!isNaN(created.getTime())) {
    wb.created = created;
    wb.modified = created;
  }
  if (wb.calcProperties) wb.calcProperties.fullCalcOnLoad = true;
  else wb.calcProperties = { fullCalcOnLoad: true };
  const styles: Record<string, any> = {};
  for (const [k, v] of Object.entries(spec.styles)) styles[k] = toExcelStyle(v);
  if (spec.sheets.some((s) => s.charts?.length)) await ensureChartSupport();
  for (const s of spec.sheets) await renderSheet(wb, s, spec, styles);
  for (const n of spec.names) wb.definedNames.add(n.ref, n.name);
  const first = spec.sheets.findIndex((s) => s.state === 'visible');
  wb.views = [{ x: 0, y: 0, width: 24000, height: 14000, firstSheet: 0, activeTab: Math.max(0, first), visibility: 'visible' }];
  // validate: false — excelts would re-read and check every workbook it writes (half a second for a
  // summary); what we write is checked by tests/hosts/xlsx/ooxmlCheck.test.ts instead.
  const buf = await wb.xlsx.writeBuffer(options.level === undefined ? { validate: false } : { validate: false, zip: { level: options.level } });
  const bytes = buf instanceof Uint8Array ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
  // Notes are VML shapes: excelts numbers every sheet's shapes alike, Excel wants them apart.
  return hasNotes(spec) ? separateVmlIds(bytes) : bytes;
}

function hasNotes(spec: WorkbookSpec): boolean {
  return spec.sheets.some((s) => s.blocks.some((b) => b.rows.some((r) => r.some((c) => !!c?.note))));
}
