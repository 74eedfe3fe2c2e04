/**
 * Fill a generated committee workbook by code, as a clerk would: write tasks, budget lines and
 * milestones by stable column key into the .xlsx bytes and return the filled bytes.
 * Columns are located through the hidden key row (row 2), so it still works on moved columns.
 *
 *   const filled = await fillWorkbook(bytes, {
 *     tasks: [{ code: 'T001', owner: '张三', start: '2023-03-01', end: '2023-06-30', draft: null }],
 *     budget: [{ taskCode: 'T001', expenseCategory: '会议费', fundingSource: '财政拨款', unitPrice: 0.5, quantity: 2 }],
 *     milestones: [{ taskCode: 'T001', date: '2023-06-30', deliverableType: '研究报告', deliverable: '课题报告' }],
 *   });
 *
 * - tasks: a row with `code` equal to a pre-filled task code is written into that row (merging
 *   with the draft values); other rows go into the next empty spare task row (keeping its code
 *   unless `code` is given). Use `$row` to write to an exact worksheet row.
 * - budget / milestones: written into the next empty rows from row 4 (or `$row`).
 * - Task rows written to are fitted to their text as Excel would (see refit).
 * - Values: string (always text), number, boolean, Date; an ISO "yyyy-mm-dd" string given to a
 *   date column is written as a real date unless `$textDates` is set; null clears the cell
 *   (e.g. `draft: null` confirms a draft; `amount: 3` replaces the amount formula).
 *   `{ result: 3 }` keeps the cell's formula and stores 3 as its cached value (as Excel saves it);
 *   `{ value: 44986, numFmt: 'yyyy"年"m"月"d"日";@' }` writes a number with that number format.
 */
import { Workbook } from '@cj-tech-master/excelts';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, SHEET_NAMES, TASK_COLUMNS } from '../../src/core/sheets/columns';
import type { ColumnDef } from '../../src/core/sheets/columns';
import { DATA_FIRST_ROW, KEY_ROW, STYLES } from '../../src/core/sheets/committeeWorkbook';
import { rowHeightFor } from '../../src/core/sheets/rowHeight';
import { amountFormula } from '../../src/core/sheets/formulas';
import { columnLetter } from '../../src/core/sheets/address';


export type FillValue = string | number | boolean | Date | null | { result: number | string } | { value: number; numFmt: string };
export type FillRow = Record<string, FillValue | undefined> & { $row?: number; $textDates?: boolean };

export interface FillInput {
  tasks?: FillRow[];
  budget?: FillRow[];
  milestones?: FillRow[];
  /** Extra edits: sheet, address, value (e.g. to type over a header). */
  cells?: { sheet: string; address: string; value: FillValue }[];
}

export interface FillResult {
  bytes: Uint8Array;
  /** Worksheet row each input row was written to, by kind. */
  rows: { tasks: number[]; budget: number[]; milestones: number[] };
}

function keyColumns(ws: any): Map<string, number> {
  const m = new Map<string, number>();
  ws.getRow(KEY_ROW).eachCell({ includeEmpty: false }, (cell: any, c: number) => {
    if (typeof cell.value === 'string') m.set(cell.value, c);
  });
  return m;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function write(ws: any, row: number, cols: Map<string, number>, defs: ColumnDef[], values: FillRow): void {
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith('$') || v === undefined) continue;
    const c = cols.get(k);
    if (!c) throw new Error(`fillWorkbook: no column "${k}" on ${ws.name}`);
    const cell = ws.getCell(row, c);
    const def = defs.find((d) => d.key === k);
    if (v === null) cell.value = null;
    else if (typeof v === 'object' && 'result' in v) {
      let formula = cell.formula;
      if (!formula && ws.name === SHEET_NAMES.budget && k === 'amount') {
        // Below the workbook's prepared rows: the clerk filled the 金额 formula down (Excel's fill handle).
        const L = (key: string) => columnLetter(cols.get(key)!);
        formula = amountFormula(L('unitPrice'), L('quantity'), L('times'), row);
      }
      if (!formula) throw new Error(`fillWorkbook: ${ws.name}!${cell.address} has no formula to keep`);
      cell.value = { formula, result: v.result };
    } else if (typeof v === 'object' && 'numFmt' in v) {
      cell.value = v.value;
      cell.numFmt = v.numFmt;
    } else if (typeof v === 'string' && def?.type === 'date' && ISO.test(v) && !values.$textDates) {
      const [y, m, d] = v.split('-').map(Number);
      cell.value = new Date(Date.UTC(y, m - 1, d));
    } else cell.value = v;
  }
}

/**
 * What Excel, WPS and LibreOffice do to a row whose height is not fixed when a cell in it is edited:
 * fit it to its text again (our estimate stands in for their measuring). excelts reads a stored
 * height without customHeight as a fixed one, so such rows are marked not fixed again first.
 */
function keepFittedRows(ws: any): void {
  ws.eachRow({ includeEmpty: true }, (row: any) => {
    if (row.height && row.customHeight !== true) row.customHeight = false;
  });
}

function refit(ws: any, row: number, cols: Map<string, number>, defs: ColumnDef[]): void {
  const r = ws.getRow(row);
  if (r.customHeight) return;
  const widths = defs.map((d) => ws.getColumn(cols.get(d.key) ?? 1).width ?? d.width);
  const texts = defs.map((d) => {
    const v = cols.has(d.key) ? ws.getCell(row, cols.get(d.key)!).value : null;
    return typeof v === 'string' ? v : undefined;
  });
  r.height = rowHeightFor(texts, widths, STYLES.input.font!.size!);
  r.customHeight = false;
}

function isEmptyRow(ws: any, row: number, cols: Map<string, number>, defs: ColumnDef[], skip: Set<string>): boolean {
  for (const d of defs) {
    if (skip.has(d.key) || d.type === 'formula') continue;
    const c = cols.get(d.key);
    if (!c) continue;
    const v = ws.getCell(row, c).value;
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) continue;
    return false;
  }
  return true;
}

export async function fillWorkbookDetailed(bytes: Uint8Array, input: FillInput): Promise<FillResult> {
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  const rows = { tasks: [] as number[], budget: [] as number[], milestones: [] as number[] };
  const used = new Set<string>();
  const groupRow = (ws: any, r: number) => /^【/.test(String(ws.getCell(r, 1).value ?? ''));
  // Tasks
  if (input.tasks?.length) {
    const ws = wb.getWorksheet(SHEET_NAMES.tasks);
    const cols = keyColumns(ws);
    const codeCol = cols.get('code')!;
    const last = ws.rowCount;
    keepFittedRows(ws);
    for (const t of input.tasks) {
      let target = t.$row;
      if (!target && typeof t.code === 'string') {
        for (let r = DATA_FIRST_ROW; r <= last && !target; r++) if (ws.getCell(r, codeCol).value === t.code) target = r;
      }
      if (!target) {
        for (let r = DATA_FIRST_ROW; r <= last + 1000 && !target; r++) {
          if (used.has(`t${r}`) || groupRow(ws, r)) continue;
          if (isEmptyRow(ws, r, cols, TASK_COLUMNS, new Set(['code']))) target = r;
        }
      }
      used.add(`t${target}`);
      write(ws, target!, cols, TASK_COLUMNS, t);
      refit(ws, target!, cols, TASK_COLUMNS);
      rows.tasks.push(target!);
    }
  }
  for (const [kind, name, defs] of [['budget', SHEET_NAMES.budget, BUDGET_COLUMNS], ['milestones', SHEET_NAMES.milestones, MILESTONE_COLUMNS]] as const) {
    const list = input[kind];
    if (!list?.length) continue;
    const ws = wb.getWorksheet(name);
    const cols = keyColumns(ws);
    for (const b of list) {
      let target = b.$row;
      for (let r = DATA_FIRST_ROW; !target; r++) if (!used.has(`${kind}${r}`) && isEmptyRow(ws, r, cols, defs, new Set())) target = r;
      used.add(`${kind}${target}`);
      write(ws, target!, cols, defs, b);
      rows[kind].push(target!);
    }
  }
  for (const e of input.cells ?? []) {
    const ws = wb.getWorksheet(e.sheet);
    ws.getCell(e.address).value = e.value;
  }
  const buf = await wb.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buf), rows };
}

/** Fill a generated workbook; returns the filled .xlsx bytes. */
export async function fillWorkbook(bytes: Uint8Array, input: FillInput): Promise<Uint8Array> {
  return (await fillWorkbookDetailed(bytes, input)).bytes;
}
