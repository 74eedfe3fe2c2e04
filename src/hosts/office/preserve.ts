/**
 * Keeping what a clerk already entered when the committee's sheets are created again.
 * Pure: old grid (values + formulas) and the new sheet description in, 2D writes out.
 *
 * Columns are found by stable key first (a cell holding the key itself, e.g. a hidden key row),
 * then by header text and aliases. Rows are matched by 任务编号 on 任务表 (a draft row of the new
 * template takes the old row with the same code); other rows, and rows whose code is new, go into
 * the template's empty input rows in order, or below the last row. Only input columns are written,
 * so the template's formulas stay. Cells that held a formula keep it; text stays text.
 */
import type { CellSpec, CellValue, SheetSpec } from '../../core/sheets/spec';
import { COLUMNS_BY_SHEET, SHEET_NAMES, headerKey, type ColumnDef } from '../../core/sheets/columns';
import { GROUP_RE } from '../../core/sheets/committeeWorkbook';
import { cellAddress, parseCell } from './address';
import { textInput } from './cells';
import type { SheetGrid } from './read';

export const PRESERVED_SHEETS: string[] = [SHEET_NAMES.tasks, SHEET_NAMES.budget, SHEET_NAMES.milestones];

const COLUMNS: Record<string, ColumnDef[]> = {
  [SHEET_NAMES.tasks]: COLUMNS_BY_SHEET.tasks,
  [SHEET_NAMES.budget]: COLUMNS_BY_SHEET.budget,
  [SHEET_NAMES.milestones]: COLUMNS_BY_SHEET.milestones,
};

type Get = (row: number, col: number) => unknown;

function matcher(cols: ColumnDef[]): (v: unknown) => string | null {
  const byText = new Map<string, string>();
  for (const c of cols) {
    for (const t of [c.header.zh, c.header.en, ...c.aliases]) {
      const k = headerKey(t);
      if (k && !byText.has(k)) byText.set(k, c.key);
    }
  }
  const keys = new Set(cols.map((c) => c.key));
  return (v) => {
    if (typeof v !== 'string' || !v.trim()) return null;
    if (keys.has(v.trim())) return v.trim();
    return byText.get(headerKey(v)) ?? null;
  };
}

export interface HeaderInfo {
  /** First data row (1-based). */
  dataStart: number;
  /** Column index (1-based) by key. */
  colByKey: Map<string, number>;
}

/** Find the header (and key) rows in the first 40 rows. */
export function findHeader(get: Get, maxCol: number, cols: ColumnDef[], maxRow = 40): HeaderInfo | null {
  const match = matcher(cols);
  const need = Math.min(3, cols.length);
  let best: Map<string, number> | null = null;
  let last = 0;
  for (let r = 1; r <= maxRow; r++) {
    const found = new Map<string, number>();
    for (let c = 1; c <= maxCol; c++) {
      const k = match(get(r, c));
      if (k && !found.has(k)) found.set(k, c);
    }
    if (found.size >= need) {
      last = r;
      // Stable keys win over header text: keep the first mapping found for each key, add new ones.
      if (!best) best = found;
      else for (const [k, c] of found) if (!best.has(k)) best.set(k, c);
    }
  }
  return best ? { dataStart: last + 1, colByKey: best } : null;
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Sparse view of a sheet description's cells. */
export function specCells(s: SheetSpec): { get: (r: number, c: number) => CellSpec | null; maxRow: number; maxCol: number } {
  const rows = new Map<number, Map<number, CellSpec>>();
  let maxRow = 0;
  let maxCol = 0;
  for (const b of s.blocks) {
    const at = parseCell(b.at);
    b.rows.forEach((row, i) => {
      const r = at.row + i;
      row.forEach((cell, j) => {
        if (!cell) return;
        const c = at.col + j;
        let m = rows.get(r);
        if (!m) rows.set(r, (m = new Map()));
        m.set(c, cell);
        if (r > maxRow) maxRow = r;
        if (c > maxCol) maxCol = c;
      });
    });
  }
  return { get: (r, c) => rows.get(r)?.get(c) ?? null, maxRow, maxCol };
}

export interface PreservePlan {
  /** Rows carried over. */
  kept: number;
  /** 2D writes (Office.js input: null = leave cell). */
  writes: { at: string; rows: (string | number | boolean | null)[][] }[];
}

export function planPreserve(old: SheetGrid, sheet: SheetSpec): PreservePlan {
  const cols = COLUMNS[sheet.name];
  const none: PreservePlan = { kept: 0, writes: [] };
  if (!cols || !old.values.length) return none;
  const oldMaxCol = Math.max(0, ...old.values.slice(0, 40).map((r) => r?.length ?? 0));
  const oldHeader = findHeader((r, c) => old.values[r - 1]?.[c - 1], oldMaxCol, cols);
  const spec = specCells(sheet);
  const newHeader = findHeader((r, c) => spec.get(r, c)?.v, spec.maxCol, cols);
  if (!oldHeader || !newHeader) return none;

  const inputKeys = cols.filter((c) => c.type !== 'formula' && newHeader.colByKey.has(c.key) && oldHeader.colByKey.has(c.key)).map((c) => c.key);
  if (!inputKeys.length) return none;

  // Old rows with anything typed in an input column, as Office.js input (formulas kept).
  const oldRows: { code: string; cells: Map<string, string | number | boolean> }[] = [];
  for (let r = oldHeader.dataStart; r <= old.values.length; r++) {
    const vals = old.values[r - 1] ?? [];
    const fs = old.formulas?.[r - 1];
    const cells = new Map<string, string | number | boolean>();
    let typed = false;
    for (const k of inputKeys) {
      const c = oldHeader.colByKey.get(k)! - 1;
      const v = vals[c] as CellValue | undefined;
      const f = fs?.[c];
      if (typeof f === 'string' && f.startsWith('=') && f !== v) cells.set(k, f);
      else if (!isEmpty(v)) {
        cells.set(k, typeof v === 'string' ? textInput(v) : (v as number | boolean));
        typed = true;
      }
    }
    // A row with formulas only is the template's (e.g. amount = price × quantity), not an entry.
    if (!typed) continue;
    // Group rows (“【要点 4】…”) belong to the template, not to what the clerk entered.
    const first = vals[(oldHeader.colByKey.get('code') ?? 1) - 1];
    if (typeof first === 'string' && GROUP_RE.test(first.trim())) continue;
    if (cells.size) oldRows.push({ code: String(vals[(oldHeader.colByKey.get('code') ?? 0) - 1] ?? '').trim(), cells });
  }
  if (!oldRows.length) return none;

  // Rows of the new template: by code, and the free input rows.
  const codeCol = newHeader.colByKey.get('code');
  const draftCol = newHeader.colByKey.get('draft');
  const byCode = new Map<string, number>();
  const free: number[] = [];
  const drafts: number[] = [];
  for (let r = newHeader.dataStart; r <= spec.maxRow; r++) {
    const code = codeCol ? spec.get(r, codeCol)?.v : undefined;
    // A free row has no value in its input cells (template formulas there are defaults a clerk may overwrite).
    const empty = inputKeys.every((k) => isEmpty(spec.get(r, newHeader.colByKey.get(k)!)?.v));
    if (empty) free.push(r);
    else if (sheet.name === SHEET_NAMES.tasks && typeof code === 'string' && code.trim() && !GROUP_RE.test(code.trim())) {
      byCode.set(code.trim(), r);
      if (draftCol && !isEmpty(spec.get(r, draftCol)?.v)) drafts.push(r);
    }
  }

  const placed = new Map<number, Map<string, string | number | boolean>>();
  const usedCodes = new Set<string>();
  let freeAt = 0;
  let below = spec.maxRow;
  for (const o of oldRows) {
    let row: number | undefined;
    if (o.code && byCode.has(o.code) && !usedCodes.has(o.code)) {
      row = byCode.get(o.code)!;
      usedCodes.add(o.code);
    } else if (freeAt < free.length) row = free[freeAt++];
    else row = ++below;
    placed.set(row, o.cells);
  }
  // Draft rows of the template the clerk had removed stay removed.
  for (const r of drafts) {
    const code = String(spec.get(r, codeCol!)?.v ?? '').trim();
    if (!usedCodes.has(code) && !placed.has(r)) placed.set(r, new Map());
  }

  // One 2D write per run of adjacent input columns, over the rows touched.
  const rowsTouched = [...placed.keys()].sort((a, b) => a - b);
  const r1 = rowsTouched[0];
  const r2 = rowsTouched[rowsTouched.length - 1];
  const colsSorted = inputKeys.map((k) => ({ k, c: newHeader.colByKey.get(k)! })).sort((a, b) => a.c - b.c);
  const runs: { k: string; c: number }[][] = [];
  for (const x of colsSorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1].c === x.c - 1) run.push(x);
    else runs.push([x]);
  }
  // Where the new template has a formula and the old cell held a formula too, the template's stays
  // (its references are right for the row); a value typed over a template formula is written back.
  const isFormula = (x: unknown) => typeof x === 'string' && x.startsWith('=');
  const writes = runs.map((run) => {
    const rows: (string | number | boolean | null)[][] = [];
    for (let r = r1; r <= r2; r++) {
      const p = placed.get(r);
      rows.push(
        run.map(({ k, c }) => {
          if (!p) return null;
          const x = p.get(k) ?? '';
          const templateFormula = !!spec.get(r, c)?.f;
          if (templateFormula && (isFormula(x) || x === '')) return null;
          return x;
        }),
      );
    }
    return { at: cellAddress(r1, run[0].c), rows };
  });
  return { kept: oldRows.length, writes };
}

