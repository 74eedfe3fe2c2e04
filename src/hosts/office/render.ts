/**
 * Render a WorkbookSpec into the live workbook with a constant number of context.sync() calls:
 *   1. list sheets and names                      (1 sync)
 *   2. when keeping entered data: sizes + values  (2 syncs, see read.ts)
 *   3. write everything                           (1 sync, more only per ~4.5 MB of payload)
 * Blocks are written as 2D arrays, styles are applied per rectangle (never per cell in a loop),
 * newer features are used only when the requirement set is supported.
 */

import type { CellSpec, ChartSpec, SheetSpec, StyleSpec, ValidationSpec, WorkbookSpec } from '../../core/sheets/spec';
import { cellAddress, colLetter, parseCell, parseRange, rangeAddress, splitSheetRef } from './address';
import { cellInput } from './cells';
import { Batcher, DEFAULT_BUDGET, chunkRows, jsonBytes } from './payload';
import { planPreserve, PRESERVED_SHEETS } from './preserve';
import { readUsedRanges, type SheetGrid } from './read';
import type { Capabilities, DegradeNote } from './support';
import { degradeNotes } from './support';
import type { XlContext } from './types';

export interface RenderOptions {
  caps: Capabilities;
  /** Keep the rows already entered in the committee's data sheets (default true). */
  preserve?: boolean;
  /** Request budget in bytes (tests lower it). */
  budget?: number;
  /** Sheet to show at the end (default: first visible sheet of the spec). */
  activate?: string;
  onProgress?: (phase: string) => void;
}

export interface RenderReport {
  syncs: number;
  /** Largest estimated request, bytes. */
  maxRequestBytes: number;
  notes: DegradeNote[];
  /** Rows kept per data sheet. */
  preservedRows: Record<string, number>;
  /** Features of the spec not rendered here (with count). */
  skipped: Record<string, number>;
}

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;
const CHART_TYPES = { bar: 'BarClustered', column: 'ColumnClustered', pie: 'Pie' } as const;
const VISIBILITY = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;

const hex = (c: string) => (c.startsWith('#') ? c : `#${c}`);
/** Excel column width in characters → points (what Office.js takes). */
export const widthToPoints = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** Apply one style to a whole range. Returns the estimated request bytes it queued. */
export function applyStyle(range: any, st: StyleSpec | undefined, box: { r1: number; c1: number; r2: number; c2: number }): number {
  if (!st) return 0;
  let n = 0;
  const f = range.format;
  if (st.font) {
    const font = f.font;
    if (st.font.name !== undefined) {
    font.name = st.font.name;
    n++;
  }
    if (st.font.size !== undefined) {
    font.size = st.font.size;
    n++;
  }
    if (st.font.bold !== undefined) {
    font.bold = st.font.bold;
    n++;
  }
    if (st.font.italic !== undefined) {
    font.italic = st.font.italic;
    n++;
  }
    if (st.font.color !== undefined) {
    font.color = hex(st.font.color);
    n++;
  }
  }
  if (st.fill) {
    f.fill.color = hex(st.fill);
    n++;
  }
  if (st.numFmt) {
    range.numberFormat = st.numFmt;
    n++;
  }
  if (st.horizontal) {
    f.horizontalAlignment = HORIZONTAL[st.horizontal];
    n++;
  }
  if (st.vertical) {
    f.verticalAlignment = VERTICAL[st.vertical];
    n++;
  }
  if (st.wrap !== undefined) {
    f.wrapText = st.wrap;
    n++;
  }
  if (st.border) {
    const edges = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (box.r2 > box.r1) edges.push('InsideHorizontal');
    if (box.c2 > box.c1) edges.push('InsideVertical');
    for (const e of edges) {
      const b = f.borders.getItem(e);
      b.style = 'Continuous';
      b.color = hex(st.border);
      n += 2;
    }
  }
  if (st.locked !== undefined) {
    f.protection.locked = st.locked;
    n++;
  }
  return n * 80;
}

/** Rectangles of equal style inside a block: runs per row, merged down while identical. */
export function styleRects(rows: (CellSpec | null)[][]): { r0: number; c0: number; r1: number; c1: number; style: string }[] {
  const done: { r0: number; c0: number; r1: number; c1: number; style: string }[] = [];
  let open = new Map<string, { r0: number; c0: number; r1: number; c1: number; style: string }>();
  for (let r = 0; r <= rows.length; r++) {
    const row = rows[r] ?? [];
    const next = new Map<string, { r0: number; c0: number; r1: number; c1: number; style: string }>();
    if (r < rows.length) {
      let c = 0;
      while (c < row.length) {
        const s = row[c]?.s;
        if (!s) {
          c++;
          continue;
        }
        let e = c;
        while (e + 1 < row.length && row[e + 1]?.s === s) e++;
        const k = `${c}:${e}:${s}`;
        const prev = open.get(k);
        if (prev) {
          prev.r1 = r;
          next.set(k, prev);
          open.delete(k);
        } else next.set(k, { r0: r, c0: c, r1: r, c1: e, style: s });
        c = e + 1;
      }
    }
    for (const v of open.values()) done.push(v);
    open = next;
  }
  return done;
}

function validationRule(v: ValidationSpec): any | null {
  switch (v.kind) {
    case 'list':
      return { list: { inCellDropDown: true, source: `=${v.source.replace(/^=/, '')}` } };
    case 'date':
      return { date: { formula1: v.min, formula2: v.max, operator: 'Between' } };
    case 'decimal':
      return v.max === undefined
        ? { decimal: { formula1: v.min, operator: 'GreaterThanOrEqualTo' } }
        : { decimal: { formula1: v.min, formula2: v.max, operator: 'Between' } };
    default:
      return null;
  }
}

function rangeOf(wb: any, ref: string, fallbackSheet: string): any {
  const { sheet, address } = splitSheetRef(ref);
  return wb.worksheets.getItem(sheet || fallbackSheet).getRange(address.replace(/\$/g, ''));
}


export async function renderSpec(ctx: XlContext, spec: WorkbookSpec, opts: RenderOptions): Promise<RenderReport> {
  const caps = opts.caps;
  const wb = ctx.workbook;
  const batch = new Batcher(ctx, opts.budget ?? DEFAULT_BUDGET);
  const skipped: Record<string, number> = {};
  const skip = (what: string, n = 1) => (skipped[what] = (skipped[what] ?? 0) + n);
  const progress = opts.onProgress ?? (() => undefined);

  // 1. What is there now.
  progress('inspect');
  const sheets = wb.worksheets;
  sheets.load('items/name,items/visibility');
  const names = wb.names;
  names.load('items/name');
  batch.add(200);
  await batch.sync();
  const existing = new Map<string, any>();
  for (const ws of sheets.items) existing.set(ws.name, ws);
  const existingNames = new Set<string>(names.items.map((n: any) => n.name));

  // 2. Entered data to keep.
  const preservedRows: Record<string, number> = {};
  let kept: SheetGrid[] = [];
  const specByName = new Map(spec.sheets.map((s) => [s.name, s]));
  if (opts.preserve !== false) {
    const toRead = PRESERVED_SHEETS.filter((n) => existing.has(n) && specByName.has(n));
    if (toRead.length) {
      progress('read');
      kept = await readUsedRanges(ctx, batch, toRead, { formulas: true });
    }
  }

  // 3. Write.
  progress('write');
  const suspend = () => {
    if (caps.conditionalFormats && ctx.application?.suspendApiCalculationUntilNextSync) {
      ctx.application.suspendApiCalculationUntilNextSync();
      batch.add(40);
    }
  };
  suspend();
  const chunkBytes = Math.max(10_000, Math.floor(batch.budget / 4));
  const reserve = async (bytes: number) => {
    const before = batch.syncs;
    await batch.reserve(bytes);
    if (batch.syncs !== before) suspend();
  };

  // Old sheets of the same name: renamed now, deleted once the new ones exist.
  const replaced: string[] = [];
  let tmp = 0;
  for (const s of spec.sheets) {
    const old = existing.get(s.name);
    if (!old) continue;
    let tmpName = `~old${++tmp}`;
    while (existing.has(tmpName)) tmpName = `~old${++tmp}`;
    old.visibility = 'Visible';
    old.name = tmpName;
    replaced.push(tmpName);
    batch.add(120);
  }
  for (const n of spec.names) {
    if (existingNames.has(n.name)) {
      names.getItem(n.name).delete();
      batch.add(80);
    }
  }
  const wsByName = new Map<string, any>();
  for (const s of spec.sheets) {
    const ws = sheets.add(s.name);
    wsByName.set(s.name, ws);
    batch.add(80);
  }

  for (const s of spec.sheets) await renderCells(wsByName.get(s.name), s, spec, caps, reserve, chunkBytes, skip, wb);

  for (const n of spec.names) {
    wb.names.add(n.name, `=${n.ref.replace(/^=/, '')}`);
    await reserve(jsonBytes(n));
  }

  for (const s of spec.sheets) await renderDecorations(wsByName.get(s.name), s, spec, caps, reserve, skip, wb);

  // Entered rows back into the new sheets (input columns only; formulas stay the template's).
  for (const g of kept) {
    const s = specByName.get(g.name)!;
    const plan = planPreserve(g, s);
    preservedRows[g.name] = plan.kept;
    const ws = wsByName.get(g.name);
    for (const w of plan.writes) {
      for (const [a, b, bytes] of chunkRows(w.rows, chunkBytes)) {
        const start = parseCell(w.at);
        const part = w.rows.slice(a, b);
        await reserve(bytes);
        ws.getRange(rangeAddress(start.row + a, start.col, start.row + b - 1, start.col + part[0].length - 1)).formulas = part;
      }
    }
  }

  for (const name of replaced) {
    sheets.getItem(name).delete();
    batch.add(60);
  }

  // Protection and visibility last: writing into a protected sheet would fail.
  for (const s of spec.sheets) {
    const ws = wsByName.get(s.name);
    if (s.protection) {
      const p = s.protection;
      ws.protection.protect(
        {
          allowInsertRows: p.allowInsertRows,
          allowDeleteRows: p.allowDeleteRows,
          allowFormatColumns: p.allowFormatColumns,
          allowSort: p.allowSort,
          allowAutoFilter: p.allowAutoFilter,
          allowFormatCells: false,
          allowEditObjects: false,
        },
        p.password || undefined,
      );
      batch.add(200);
    }
    if (s.state !== 'visible') {
      ws.visibility = VISIBILITY[s.state];
      batch.add(60);
    }
  }
  const show = opts.activate ?? spec.sheets.find((s) => s.state === 'visible')?.name;
  if (show && wsByName.has(show)) {
    wsByName.get(show).activate();
    batch.add(40);
  }
  await batch.sync();
  progress('done');

  return {
    syncs: batch.syncs,
    maxRequestBytes: batch.maxQueued,
    notes: degradeNotes(caps).filter((n) => featureUsed(spec, n.feature)),
    preservedRows,
    skipped,
  };
}

function featureUsed(spec: WorkbookSpec, f: DegradeNote['feature']): boolean {
  switch (f) {
    case 'dataValidation':
      return spec.sheets.some((s) => s.validations.length > 0 || s.gridlines === false);
    case 'conditionalFormats':
      return spec.sheets.some((s) => s.conditionalFormats.length > 0);
    case 'pageLayout':
      return spec.sheets.some((s) => !!s.print || !!s.autoFilter);
    case 'comments':
      return spec.sheets.some((s) => s.blocks.some((b) => b.rows.some((r) => r.some((c) => !!c?.note))));
    default:
      return true;
  }
}

type Reserve = (bytes: number) => Promise<void>;

async function renderCells(
  ws: any,
  s: SheetSpec,
  spec: WorkbookSpec,
  caps: Capabilities,
  reserve: Reserve,
  chunkBytes: number,
  skip: (what: string, n?: number) => void,
  wb: any,
): Promise<void> {
  if (s.tabColor) {
    ws.tabColor = hex(s.tabColor);
    await reserve(30);
  }
  if (s.gridlines === false) {
    if (caps.dataValidation) {
      ws.showGridlines = false;
      await reserve(30);
    } else skip('gridlines');
  }
  for (const col of s.columns) {
    const L = colLetter(col.index);
    const r = ws.getRange(`${L}:${L}`);
    r.format.columnWidth = widthToPoints(col.width);
    if (col.hidden) r.columnHidden = true;
    await reserve(100 + applyStyle(r, col.style ? spec.styles[col.style] : undefined, parseRange(`${L}:${L}`)));
  }
  for (const row of s.rows ?? []) {
    const r = ws.getRange(`${row.index}:${row.index}`);
    // A fitted row is autofitted once its text is written (below), never given a fixed height.
    if (row.height !== undefined && !row.fit) r.format.rowHeight = row.height;
    if (row.hidden) r.rowHidden = true;
    await reserve(80);
  }
  for (const f of s.formats) {
    const box = parseRange(f.range);
    await reserve(applyStyle(ws.getRange(f.range), spec.styles[f.style], box) + 40);
  }
  for (const block of s.blocks) {
    if (!block.rows.length) continue;
    const at = parseCell(block.at);
    let width = 0;
    for (const r of block.rows) if (r.length > width) width = r.length; // no spread: a block of 100,000 rows overflows the stack
    if (width === 0) continue;
    const hasFormula = block.rows.some((r) => r.some((c) => !!c?.f));
    const input = block.rows.map((r) => {
      const out: (string | number | boolean | null)[] = new Array(width).fill(null);
      for (let i = 0; i < r.length; i++) out[i] = cellInput(r[i]);
      return out;
    });
    for (const [a, b, bytes] of chunkRows(input, chunkBytes)) {
      await reserve(bytes);
      const range = ws.getRange(rangeAddress(at.row + a, at.col, at.row + b - 1, at.col + width - 1));
      if (hasFormula) range.formulas = input.slice(a, b);
      else range.values = input.slice(a, b);
    }
    for (const rect of styleRects(block.rows)) {
      const address = rangeAddress(at.row + rect.r0, at.col + rect.c0, at.row + rect.r1, at.col + rect.c1);
      await reserve(applyStyle(ws.getRange(address), spec.styles[rect.style], parseRange(address)) + 40);
    }
    for (let r = 0; r < block.rows.length; r++) {
      const row = block.rows[r];
      for (let c = 0; c < row.length; c++) {
        const note = row[c]?.note;
        if (!note) continue;
        if (caps.comments && wb.comments) {
          wb.comments.add(`'${s.name.replace(/'/g, "''")}'!${cellAddress(at.row + r, at.col + c)}`, note);
          await reserve(jsonBytes(note) + 60);
        } else skip('notes');
      }
    }
  }
  for (const m of s.merges) {
    ws.getRange(m).merge(false);
    await reserve(60);
  }
  for (const [a, b] of runs((s.rows ?? []).filter((r) => r.fit).map((r) => r.index))) {
    ws.getRange(`${a}:${b}`).format.autofitRows();
    await reserve(60);
  }
}

/** Consecutive runs of sorted row numbers: [4, 5, 6, 9] → [[4, 6], [9, 9]]. */
function runs(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of [...rows].sort((x, y) => x - y)) {
    const last = out[out.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

async function renderDecorations(
  ws: any,
  s: SheetSpec,
  spec: WorkbookSpec,
  caps: Capabilities,
  reserve: Reserve,
  skip: (what: string, n?: number) => void,
  wb: any,
): Promise<void> {
  if (s.freeze && (s.freeze.rows > 0 || s.freeze.cols > 0)) {
    const { rows, cols } = s.freeze;
    if (rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRange(rangeAddress(1, 1, rows, cols)));
    else if (rows > 0) ws.freezePanes.freezeRows(rows);
    else ws.freezePanes.freezeColumns(cols);
    await reserve(60);
  }
  if (s.validations.length) {
    if (!caps.dataValidation) skip('validations', s.validations.length);
    else
      for (const v of s.validations) {
        const dv = ws.getRange(v.range).dataValidation;
        const rule = validationRule(v);
        if (rule) dv.rule = rule;
        if (v.kind !== 'any') dv.ignoreBlanks = v.allowBlank;
        if (v.prompt) dv.prompt = { title: clip(v.prompt.title, 32), message: clip(v.prompt.text, 255), showPrompt: true };
        if (v.kind !== 'any' && v.error)
          dv.errorAlert = { title: clip(v.error.title, 32), message: clip(v.error.text, 255), showAlert: true, style: 'Stop' };
        await reserve(jsonBytes(v) + 120);
      }
  }
  if (s.conditionalFormats.length) {
    if (!caps.conditionalFormats) skip('conditionalFormats', s.conditionalFormats.length);
    else
      for (const cf of [...s.conditionalFormats].sort((a, b) => a.priority - b.priority)) {
        const st = spec.styles[cf.style] ?? {};
        const c = ws.getRange(cf.range).conditionalFormats.add('Custom');
        c.custom.rule.formula = `=${cf.formula.replace(/^=/, '')}`;
        if (st.font?.color) c.custom.format.font.color = hex(st.font.color);
        if (st.font?.bold !== undefined) c.custom.format.font.bold = st.font.bold;
        if (st.font?.italic !== undefined) c.custom.format.font.italic = st.font.italic;
        if (st.fill) c.custom.format.fill.color = hex(st.fill);
        c.priority = Math.max(0, cf.priority);
        await reserve(jsonBytes(cf) + 200);
      }
  }
  for (const t of s.tables ?? []) {
    // A Range, not a string: a string address without a sheet name would mean the active sheet.
    const table = ws.tables.add(ws.getRange(t.range), true);
    table.name = t.name;
    if (t.style) table.style = t.style;
    if (t.showRowStripes !== undefined) table.showBandedRows = t.showRowStripes;
    await reserve(jsonBytes(t) + 100);
  }
  for (const c of s.charts ?? []) {
    addChart(ws, wb, c, s.name);
    await reserve(jsonBytes(c) + 300);
  }
  if (s.print) {
    if (!caps.pageLayout) skip('print');
    else {
      const p = s.print;
      const pl = ws.pageLayout;
      pl.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      pl.paperSize = 'A4';
      if (p.titleRows) pl.setPrintTitleRows(`$${p.titleRows.replace(/\$/g, '').replace(':', ':$')}`);
      if (p.fitToWidth) pl.zoom = { horizontalFitToPages: 1 };
      if (p.footer) pl.headersFooters.defaultForAllPages.centerFooter = p.footer;
      if (p.header) pl.headersFooters.defaultForAllPages.centerHeader = p.header;
      if (p.printArea) pl.setPrintArea(p.printArea);
      await reserve(jsonBytes(p) + 200);
    }
  }
  if (s.autoFilter && !(s.tables ?? []).length) {
    if (!caps.pageLayout) skip('autoFilter');
    else {
      ws.autoFilter.apply(ws.getRange(s.autoFilter));
      await reserve(80);
    }
  }
}

function addChart(ws: any, wb: any, c: ChartSpec, sheetName: string): void {
  if (!c.series.length) return;
  const [first, ...rest] = c.series;
  const chart = ws.charts.add(CHART_TYPES[c.kind], rangeOf(wb, first.values, sheetName), 'Columns');
  chart.title.text = c.title;
  const cats = rangeOf(wb, c.categories, sheetName);
  const s0 = chart.series.getItemAt(0);
  s0.name = first.name;
  s0.setXAxisValues(cats);
  for (const s of rest) {
    const x = chart.series.add(s.name);
    x.setValues(rangeOf(wb, s.values, sheetName));
    x.setXAxisValues(cats);
  }
  const at = parseCell(c.anchor.at);
  chart.setPosition(cellAddress(at.row, at.col), cellAddress(at.row + Math.max(1, c.anchor.rows) - 1, at.col + Math.max(1, c.anchor.cols) - 1));
}

