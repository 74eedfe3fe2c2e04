/**
 * The committee's plan workbook (计划工作簿), described once as a WorkbookSpec and rendered by both
 * hosts (src/hosts/xlsx for files, src/hosts/office for the live workbook). Pure.
 *
 * Layout of every data sheet (任务表, 预算明细, 里程碑):
 *   row 1  title (merged)
 *   row 2  stable column keys (hidden, locked) — readers map columns by these first
 *   row 3  headers (locked, repeated on every printed page)
 *   row 4… data rows (DATA_FIRST_ROW)
 * 任务表 is grouped by the committee's work points: a locked group row "【要点 4】凝练决策咨询重点课题"
 * (merged across the row, text in column A), then draft task rows made from the point's measures
 * (flagged 草稿), then spare rows; a final group "【其他任务】" holds more spare rows. Every task row
 * carries a pre-filled task code T001, T002 … (grey, unlocked so inserted rows can be coded)
 */
import { columnLetter } from './address';
import { rowHeightFor } from './rowHeight';
import type { Catalog, WorkPoint } from '../catalog/types';
import { fillRegion } from '../catalog';
import { draftNameOf, draftTasks } from '../catalog/drafts';
import type { Settings } from '../plan/types';
import { committeeToken, secretOf, TOKEN_META_KEY } from '../plan/token';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, SHEET_NAMES, TASK_COLUMNS } from './columns';
import { amountFormula, budgetTotalFormula, nameLookupFormula } from './formulas';
import type { ColumnDef } from './columns';
import type {
  BlockSpec,
  CellSpec,
  ConditionalFormatSpec,
  DefinedNameSpec,
  PrintSpec,
  ProtectionSpec,
  SheetSpec,
  StyleSpec,
  ValidationSpec,
  WorkbookSpec,
} from './spec';

export const TEMPLATE_VERSION = '1.0';
export const KEY_ROW = 2;
export const HEADER_ROW = 3;
export const DATA_FIRST_ROW = 4;
/** Text that starts a group row on 任务表 (column A). */
export const GROUP_PREFIX = '【';
export const GROUP_RE = /^【(要点\s*\d+|其他任务)】/;
export const DRAFT_FLAG = '草稿';

export const NAMES = {
  points: 'PointList',
  committees: 'CommitteeList',
  categories: 'CategoryList',
  sources: 'SourceList',
  deliverableTypes: 'DeliverableTypeList',
  flags: 'FlagList',
  taskCodes: 'TaskCodeList',
} as const;

export interface CommitteeWorkbookOptions {
  /** ISO timestamp written to _meta (default: now). Pass one for reproducible output. */
  generatedAt?: string;
  /** Spare task rows in the final 【其他任务】 group (default 20). Each point also gets 2 spare rows. */
  taskRows?: number;
  /** Budget line rows covered by the dropdowns, red marks and 校验 counts (default 200). */
  budgetRows?: number;
  /** Milestone rows covered by the dropdowns, red marks and 校验 counts (default 100). */
  milestoneRows?: number;
  /**
   * Budget rows written out with borders and the amount / task-name formulas (default 30, at most
   * budgetRows). Only these print on a blank workbook: rows typed below them are still checked and
   * read (the amount is unit price × quantity × times when not typed), and print once they hold text.
   */
  budgetFormRows?: number;
  /** Milestone rows written out with borders and the task-name formula (default 20, at most milestoneRows). */
  milestoneFormRows?: number;
  /**
   * The secretariat's secret (core/plan/token.ts): when set, _meta carries the committee's token, an
   * HMAC over committee id, year and catalog hash, which consolidation checks. Never written itself.
   */
  secret?: string;
}

const FONT = '宋体';
const FONT_GUIDE = '仿宋';
const BORDER = 'BFBFBF';
const DATE_FMT = 'yyyy-mm-dd';

export { columnLetter };

const letters = (cols: ColumnDef[]): Record<string, string> => Object.fromEntries(cols.map((c, i) => [c.key, columnLetter(i + 1)]));
export const TASK_LETTERS = letters(TASK_COLUMNS);
export const BUDGET_LETTERS = letters(BUDGET_COLUMNS);
export const MILESTONE_LETTERS = letters(MILESTONE_COLUMNS);

/** "4 凝练决策咨询重点课题": the text of a point in the 要点 dropdown. */
export function pointLabel(p: Pick<WorkPoint, 'number' | 'title'>): string {
  return `${p.number} ${p.title}`;
}

/** Measures of a point that this committee carries out. */
export function measuresOf(p: WorkPoint, committeeId: string) {
  return p.measures.filter((m) => m.committeeId === committeeId || (m.committeeId === null && p.committeeIds.includes(committeeId)));
}

/** A short task name from a measure sentence: its first actionable clause from the action word (see catalog/drafts). */
export function draftName(text: string): string {
  const named = draftNameOf(text);
  if (named) return named;
  const t = text.replace(/[。；;]+$/, '');
  const first = t.split(/[，,；;：:]/)[0] || t;
  return first.length > 30 ? first.slice(0, 29) + '…' : first;
}

const q = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

export const STYLES: Record<string, StyleSpec> = {
  title: { font: { name: FONT, size: 16, bold: true, color: '1F3864' }, horizontal: 'left', vertical: 'middle' },
  subtitle: { font: { name: FONT, size: 10, color: '595959' }, horizontal: 'left', vertical: 'middle' },
  key: { font: { name: FONT, size: 8, color: '808080' }, fill: 'F2F2F2' },
  header: { font: { name: FONT, size: 11, bold: true, color: 'FFFFFF' }, fill: '2F5496', horizontal: 'center', vertical: 'middle', wrap: true, border: BORDER },
  headerRequired: { font: { name: FONT, size: 11, bold: true, color: 'FFFF00' }, fill: '2F5496', horizontal: 'center', vertical: 'middle', wrap: true, border: BORDER },
  group: { font: { name: FONT, size: 11, bold: true, color: '1F3864' }, fill: 'D9E1F2', vertical: 'middle', border: BORDER },
  // Pre-filled codes are grey but not locked: a row inserted inside the table copies this cell's
  // format, and its clerk must be able to type a code there (the validator offers the next free one).
  code: { font: { name: FONT, size: 10, color: '404040' }, fill: 'EDEDED', horizontal: 'center', vertical: 'top', border: BORDER, numFmt: '@', locked: false },
  codeInput: { font: { name: FONT, size: 10 }, horizontal: 'center', vertical: 'top', locked: false, numFmt: '@' },
  input: { font: { name: FONT, size: 10 }, vertical: 'top', wrap: true, border: BORDER, locked: false, numFmt: '@' },
  inputCenter: { font: { name: FONT, size: 10 }, horizontal: 'center', vertical: 'top', border: BORDER, locked: false, numFmt: '@' },
  inputDate: { font: { name: FONT, size: 10 }, horizontal: 'center', vertical: 'top', border: BORDER, locked: false, numFmt: DATE_FMT },
  inputAmount: { font: { name: FONT, size: 10 }, horizontal: 'right', vertical: 'top', border: BORDER, locked: false, numFmt: '#,##0.00##' },
  inputNumber: { font: { name: FONT, size: 10 }, horizontal: 'right', vertical: 'top', border: BORDER, locked: false, numFmt: 'General' },
  formula: { font: { name: FONT, size: 10, color: '1F3864' }, fill: 'F2F2F2', horizontal: 'right', vertical: 'top', border: BORDER, numFmt: '#,##0.00##' },
  formulaText: { font: { name: FONT, size: 10, color: '404040' }, fill: 'F2F2F2', vertical: 'top', wrap: true, border: BORDER },
  guideTitle: { font: { name: FONT, size: 18, bold: true, color: '1F3864' }, horizontal: 'center', vertical: 'middle' },
  guideHeading: { font: { name: FONT, size: 13, bold: true, color: '2F5496' }, vertical: 'middle' },
  guideText: { font: { name: FONT_GUIDE, size: 12 }, vertical: 'top', wrap: true },
  guideLabel: { font: { name: FONT, size: 12, bold: true }, vertical: 'top', wrap: true },
  guidePoint: { font: { name: FONT_GUIDE, size: 12 }, vertical: 'top', wrap: true, border: BORDER },
  guidePointNo: { font: { name: FONT, size: 12, bold: true, color: '1F3864' }, fill: 'D9E1F2', horizontal: 'center', vertical: 'top', border: BORDER },
  checkLabel: { font: { name: FONT, size: 11 }, vertical: 'middle', wrap: true, border: BORDER },
  checkCount: { font: { name: FONT, size: 12, bold: true }, horizontal: 'center', vertical: 'middle', border: BORDER, numFmt: '0' },
  checkValue: { font: { name: FONT, size: 11 }, horizontal: 'right', vertical: 'middle', border: BORDER, numFmt: '#,##0.00##' },
  checkTotal: { font: { name: FONT, size: 12, bold: true, color: 'FFFFFF' }, fill: '2F5496', horizontal: 'center', vertical: 'middle', border: BORDER, numFmt: '0' },
  listHeader: { font: { name: FONT, bold: true } },
  plain: { font: { name: FONT, size: 10 } },
  cfError: { font: { color: '9C0006' }, fill: 'FFC7CE' },
  cfDraft: { fill: 'FFF2CC' },
  cfOk: { font: { color: '006100' }, fill: 'C6EFCE' },
};

const STYLE_OF_TYPE: Record<string, string> = {
  text: 'input',
  code: 'code',
  point: 'input',
  committee: 'input',
  date: 'inputDate',
  amount: 'inputAmount',
  number: 'inputNumber',
  list: 'inputCenter',
  flag: 'inputCenter',
  formula: 'formula',
};

function prompt(c: ColumnDef): { title: string; text: string } {
  // Excel limits: title 32 characters, text 255.
  return { title: c.header.zh.slice(0, 32), text: c.help.zh.slice(0, 250) };
}

const PROTECTION = (password: string): ProtectionSpec => ({
  password,
  allowInsertRows: true,
  allowDeleteRows: true,
  allowFormatColumns: true,
  allowSort: true,
  allowAutoFilter: true,
});

const PRINT = (titleRows: string, footer = '第 &P 页 共 &N 页'): PrintSpec => ({
  orientation: 'landscape',
  paper: 'A4',
  titleRows,
  fitToWidth: true,
  footer,
});

function emptySheet(name: string, extra: Partial<SheetSpec> = {}): SheetSpec {
  return { name, state: 'visible', columns: [], blocks: [], formats: [], merges: [], validations: [], conditionalFormats: [], ...extra };
}

/** Title row, hidden key row, header row. */
function headRows(cols: ColumnDef[], title: string): BlockSpec {
  return {
    at: 'A1',
    rows: [
      cols.map((_, i) => (i === 0 ? { v: title, s: 'title' } : { s: 'title' })),
      cols.map((c) => ({ v: c.key, s: 'key' })),
      cols.map((c) => ({ v: c.header.zh, s: c.required ? 'headerRequired' : 'header', note: undefined })),
    ],
  };
}

/** Style of an input cell of column c on a data sheet (task codes of 任务表 are pre-filled, grey). */
function inputStyle(c: ColumnDef, sheet: 'tasks' | 'budget' | 'milestones'): string {
  if (c.type === 'code') return sheet === 'tasks' ? 'code' : 'inputCenter';
  return STYLE_OF_TYPE[c.type];
}

/** Column styles: rows below the generated ones stay typeable (unlocked), formulas and headers are cell-styled. */
function columnSpecs(cols: ColumnDef[], sheet: 'tasks' | 'budget' | 'milestones') {
  return cols.map((c, i) => ({
    index: i + 1,
    width: c.width,
    style: c.type === 'formula' ? undefined : c.type === 'code' ? (sheet === 'tasks' ? 'codeInput' : 'inputCenter') : STYLE_OF_TYPE[c.type],
  }));
}

function validationsFor(
  cols: ColumnDef[],
  letter: Record<string, string>,
  first: number,
  last: number,
  settings: Settings,
  lists: Partial<Record<string, string>>,
): ValidationSpec[] {
  const out: ValidationSpec[] = [];
  const y = settings.year;
  for (const c of cols) {
    const range = `${letter[c.key]}${first}:${letter[c.key]}${last}`;
    const p = prompt(c);
    const list = lists[c.key];
    if (list) {
      out.push({ kind: 'list', range, source: list, allowBlank: true, prompt: p, error: { title: '请从列表选择', text: `“${c.header.zh}”请从下拉列表中选择。` } });
    } else if (c.type === 'date') {
      out.push({ kind: 'date', range, min: `${y}-01-01`, max: `${y}-12-31`, allowBlank: true, prompt: p, error: { title: '日期超出计划年度', text: `请填写 ${y} 年内的日期，如 ${y}-05-30。` } });
    } else if (c.type === 'amount' || c.type === 'number') {
      out.push({ kind: 'decimal', range, min: 0, allowBlank: true, prompt: p, error: { title: '请填写数字', text: `“${c.header.zh}”请填写不小于 0 的数字${c.type === 'amount' ? `（单位：${settings.budgetUnit}）` : ''}。` } });
    } else {
      out.push({ kind: 'any', range, prompt: p });
    }
  }
  return out;
}

/** Sum of LEN() over the given columns of row r: > 0 when the row has any input. */
const hasInput = (cols: string[], r: number) => cols.map((l) => `LEN($${l}${r})`).join('+') + '>0';
const hasInputRange = (sheet: string, cols: string[], first: number, last: number) =>
  '(' + cols.map((l) => `LEN(${q(sheet)}!$${l}$${first}:$${l}$${last})`).join('+') + '>0)';

export function describeCommitteeWorkbook(
  catalog: Catalog,
  settings: Settings,
  committeeId: string,
  options: CommitteeWorkbookOptions = {},
): WorkbookSpec {
  const committee = catalog.committees.find((c) => c.id === committeeId);
  if (!committee) throw new Error(`Unknown committee id: ${committeeId}`);
  const region = settings.region;
  const year = settings.year;
  const unit = settings.budgetUnit;
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const spareOther = Math.max(1, options.taskRows ?? 20);
  const budgetRows = Math.max(1, options.budgetRows ?? 200);
  const milestoneRows = Math.max(1, options.milestoneRows ?? 100);
  const budgetFormRows = Math.min(budgetRows, Math.max(1, options.budgetFormRows ?? 30));
  const milestoneFormRows = Math.min(milestoneRows, Math.max(1, options.milestoneFormRows ?? 20));
  const points = catalog.points.filter((p) => p.committeeIds.includes(committeeId) || p.measures.some((m) => m.committeeId === committeeId));
  const committeeName = committee.name;
  const fullName = fillRegion(committee.fullName, region);
  const T = SHEET_NAMES.tasks, B = SHEET_NAMES.budget, M = SHEET_NAMES.milestones;
  const TL = TASK_LETTERS, BL = BUDGET_LETTERS, ML = MILESTONE_LETTERS;
  const first = DATA_FIRST_ROW;

  // ── 任务表 rows ──
  const taskRows: (CellSpec | null)[][] = [];
  const groupRows: number[] = [];
  /** Rows whose pre-filled text wraps: an estimated height that still grows (RowSpec.fit). */
  const fitRows: { index: number; height: number; fit: true }[] = [];
  const taskCodes: string[] = [];
  let n = 0;
  const nextCode = () => `T${String(++n).padStart(3, '0')}`;
  const sumif = (r: number) => budgetTotalFormula(B, BL.taskCode, BL.amount, first, first + budgetRows - 1, TL.code, r);
  const taskRow = (values: Record<string, string>): (CellSpec | null)[] => {
    const r = first + taskRows.length;
    const code = nextCode();
    taskCodes.push(code);
    return TASK_COLUMNS.map((c) => {
      if (c.key === 'code') return { v: code, s: 'code' };
      if (c.key === 'budgetTotal') return { f: sumif(r), s: 'formula' };
      const v = values[c.key];
      return v !== undefined ? { v, s: STYLE_OF_TYPE[c.type] } : { s: STYLE_OF_TYPE[c.type] };
    });
  };
  const taskWidths = TASK_COLUMNS.map((c) => c.width);
  const fontSize = STYLES.input.font!.size!;
  const fit = (values: Record<string, string>) => {
    const height = rowHeightFor(TASK_COLUMNS.map((c) => values[c.key]), taskWidths, fontSize);
    if (height !== undefined) fitRows.push({ index: first + taskRows.length, height, fit: true });
  };
  const groupRow = (text: string): (CellSpec | null)[] => {
    groupRows.push(first + taskRows.length);
    return TASK_COLUMNS.map((_, i) => (i === 0 ? { v: text, s: 'group' } : { s: 'group' }));
  };
  for (const p of points) {
    taskRows.push(groupRow(`【要点 ${p.number}】${p.title}`));
    // Draft rows are tasks: one per actionable measure, named by its action (an action-less measure joins the next).
    for (const d of draftTasks(measuresOf(p, committeeId).map((m) => ({ index: m.index, text: fillRegion(m.text, region) })))) {
      const values = { point: pointLabel(p), name: d.name, content: d.content, committee: committeeName, draft: DRAFT_FLAG };
      fit(values);
      taskRows.push(taskRow(values));
    }
    for (let i = 0; i < 2; i++) taskRows.push(taskRow({}));
  }
  taskRows.push(groupRow('【其他任务】（空行用完时，在表格最后一行下方续填，并接着编号）'));
  for (let i = 0; i < spareOther; i++) taskRows.push(taskRow({}));
  const taskLast = first + taskRows.length - 1;
  const taskDataRows = taskRows.length;

  const tasks = emptySheet(T, {
    tabColor: '2F5496',
    columns: columnSpecs(TASK_COLUMNS, 'tasks'),
    rows: [{ index: 1, height: 30 }, { index: KEY_ROW, hidden: true }, { index: HEADER_ROW, height: 32 }, ...groupRows.map((index) => ({ index, height: 20 })), ...fitRows],
    blocks: [headRows(TASK_COLUMNS, `${year}年工作计划 · 任务表 — ${committeeName}`), { at: `A${first}`, rows: taskRows }],
    merges: [`A1:${columnLetter(TASK_COLUMNS.length)}1`, ...groupRows.map((r) => `A${r}:${columnLetter(TASK_COLUMNS.length)}${r}`)],
    freeze: { rows: HEADER_ROW, cols: 1 },
    validations: validationsFor(TASK_COLUMNS, TL, first, taskLast, settings, { point: NAMES.points, committee: NAMES.committees, draft: NAMES.flags }),
    protection: PROTECTION(settings.protectionPassword ?? ''),
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
    autoFilter: `A${HEADER_ROW}:${columnLetter(TASK_COLUMNS.length)}${taskLast}`,
  });
  // Task inputs (all but code, formula, draft) decide whether a row "has input".
  const taskInputs = TASK_COLUMNS.filter((c) => c.key !== 'code' && c.type !== 'formula' && c.key !== 'draft').map((c) => TL[c.key]);
  const taskReqRun = (keys: string[]) => keys.map((k) => TL[k]);
  let prio = 1;
  const cf = (range: string, formula: string, style: string): ConditionalFormatSpec => ({ range, formula, style, priority: prio++ });
  for (const k of TASK_COLUMNS.filter((c) => c.required && c.key !== 'code' && c.type !== 'formula').map((c) => c.key)) {
    const l = taskReqRun([k])[0];
    tasks.conditionalFormats.push(cf(`${l}${first}:${l}${taskLast}`, `AND($${TL.draft}${first}="",${hasInput(taskInputs, first)},LEN(${l}${first})=0)`, 'cfError'));
  }
  // A point is known when it is a list entry ("4 凝练…") or the number of one (4, "4").
  tasks.conditionalFormats.push(cf(`${TL.point}${first}:${TL.point}${taskLast}`, `AND(LEN(${TL.point}${first})>0,COUNTIF(${NAMES.points},${TL.point}${first})=0,COUNTIF(${NAMES.points},${TL.point}${first}&" *")=0)`, 'cfError'));
  tasks.conditionalFormats.push(cf(`${TL.end}${first}:${TL.end}${taskLast}`, `AND(ISNUMBER($${TL.start}${first}),ISNUMBER($${TL.end}${first}),$${TL.end}${first}<$${TL.start}${first})`, 'cfError'));
  tasks.conditionalFormats.push(cf(`${TL.point}${first}:${columnLetter(TASK_COLUMNS.length)}${taskLast}`, `$${TL.draft}${first}="${DRAFT_FLAG}"`, 'cfDraft'));

  // ── 预算明细 ──
  const budgetLast = first + budgetRows - 1;
  const bRows: (CellSpec | null)[][] = [];
  const nameLookup = (codeCol: string, r: number) => nameLookupFormula(T, TL.name, TL.code, first, taskLast, codeCol, r);
  for (let i = 0; i < budgetFormRows; i++) {
    const r = first + i;
    bRows.push(
      BUDGET_COLUMNS.map((c) => {
        if (c.key === 'taskName') return { f: nameLookup(BL.taskCode, r), s: 'formulaText' };
        if (c.key === 'amount')
          return { f: amountFormula(BL.unitPrice, BL.quantity, BL.times, r), s: 'inputAmount' };
        return { s: inputStyle(c, 'budget') };
      }),
    );
  }
  const budget = emptySheet(B, {
    tabColor: 'C55A11',
    columns: columnSpecs(BUDGET_COLUMNS, 'budget'),
    rows: [{ index: 1, height: 30 }, { index: KEY_ROW, hidden: true }, { index: HEADER_ROW, height: 32 }],
    blocks: [headRows(BUDGET_COLUMNS, `${year}年工作计划 · 预算明细 — ${committeeName}（单位：${unit}）`), { at: `A${first}`, rows: bRows }],
    merges: [`A1:${columnLetter(BUDGET_COLUMNS.length)}1`],
    freeze: { rows: HEADER_ROW, cols: 0 },
    validations: validationsFor(BUDGET_COLUMNS, BL, first, budgetLast, settings, { taskCode: NAMES.taskCodes, expenseCategory: NAMES.categories, fundingSource: NAMES.sources }),
    protection: PROTECTION(settings.protectionPassword ?? ''),
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
    autoFilter: `A${HEADER_ROW}:${columnLetter(BUDGET_COLUMNS.length)}${budgetLast}`,
  });
  const budgetInputs = BUDGET_COLUMNS.filter((c) => c.type !== 'formula').map((c) => BL[c.key]);
  for (const c of BUDGET_COLUMNS.filter((x) => x.required)) {
    const l = BL[c.key];
    budget.conditionalFormats.push(cf(`${l}${first}:${l}${budgetLast}`, `AND(${hasInput(budgetInputs, first)},LEN(${l}${first})=0)`, 'cfError'));
  }
  budget.conditionalFormats.push(cf(`${BL.amount}${first}:${BL.amount}${budgetLast}`, `AND(ISNUMBER(${BL.amount}${first}),${BL.amount}${first}<=0)`, 'cfError'));
  budget.conditionalFormats.push(cf(`${BL.taskCode}${first}:${BL.taskCode}${budgetLast}`, `AND(LEN(${BL.taskCode}${first})>0,COUNTIF(${NAMES.taskCodes},${BL.taskCode}${first})=0)`, 'cfError'));

  // ── 里程碑 ──
  const msLast = first + milestoneRows - 1;
  const mRows: (CellSpec | null)[][] = [];
  for (let i = 0; i < milestoneFormRows; i++) {
    const r = first + i;
    mRows.push(MILESTONE_COLUMNS.map((c) => (c.key === 'taskName' ? { f: nameLookup(ML.taskCode, r), s: 'formulaText' } : { s: inputStyle(c, 'milestones') })));
  }
  const milestones = emptySheet(M, {
    tabColor: '548235',
    columns: columnSpecs(MILESTONE_COLUMNS, 'milestones'),
    rows: [{ index: 1, height: 30 }, { index: KEY_ROW, hidden: true }, { index: HEADER_ROW, height: 32 }],
    blocks: [headRows(MILESTONE_COLUMNS, `${year}年工作计划 · 里程碑 — ${committeeName}`), { at: `A${first}`, rows: mRows }],
    merges: [`A1:${columnLetter(MILESTONE_COLUMNS.length)}1`],
    freeze: { rows: HEADER_ROW, cols: 0 },
    validations: validationsFor(MILESTONE_COLUMNS, ML, first, msLast, settings, { taskCode: NAMES.taskCodes, deliverableType: NAMES.deliverableTypes }),
    protection: PROTECTION(settings.protectionPassword ?? ''),
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
    autoFilter: `A${HEADER_ROW}:${columnLetter(MILESTONE_COLUMNS.length)}${msLast}`,
  });
  const msInputs = MILESTONE_COLUMNS.filter((c) => c.type !== 'formula').map((c) => ML[c.key]);
  for (const c of MILESTONE_COLUMNS.filter((x) => x.required)) {
    const l = ML[c.key];
    milestones.conditionalFormats.push(cf(`${l}${first}:${l}${msLast}`, `AND(${hasInput(msInputs, first)},LEN(${l}${first})=0)`, 'cfError'));
  }
  milestones.conditionalFormats.push(cf(`${ML.taskCode}${first}:${ML.taskCode}${msLast}`, `AND(LEN(${ML.taskCode}${first})>0,COUNTIF(${NAMES.taskCodes},${ML.taskCode}${first})=0)`, 'cfError'));

  // ── 校验 ──
  const rng = (sheet: string, l: string, a: number, b: number) => `${q(sheet)}!$${l}$${a}:$${l}$${b}`;
  const tHas = hasInputRange(T, taskInputs, first, taskLast);
  const notDraft = `(${rng(T, TL.draft, first, taskLast)}<>"${DRAFT_FLAG}")`;
  const reqTask = TASK_COLUMNS.filter((c) => c.required && c.key !== 'code' && c.type !== 'formula');
  const bHas = hasInputRange(B, budgetInputs, first, budgetLast);
  const mHas = hasInputRange(M, msInputs, first, msLast);
  const sp = (...parts: string[]) => `SUMPRODUCT(${parts.join('*')})`;
  const emptyOf = (sheet: string, l: string, a: number, b: number) => `(LEN(${rng(sheet, l, a, b)})=0)`;
  const ceiling = settings.ceilings?.[committeeId];
  const budgetSum = `SUM(${rng(B, BL.amount, first, budgetLast)})`;
  const checks: { label: string; f: string; key: string }[] = [
    { key: 'task.required', label: '任务表：必填项未填写（不含草稿行）', f: reqTask.map((c) => sp(tHas, notDraft, emptyOf(T, TL[c.key], first, taskLast))).join('+') },
    {
      key: 'task.point.unknown',
      label: '任务表：要点不在下拉列表中',
      f: sp(`(LEN(${rng(T, TL.point, first, taskLast)})>0)`, `(COUNTIF(${NAMES.points},${rng(T, TL.point, first, taskLast)})=0)`, `(COUNTIF(${NAMES.points},${rng(T, TL.point, first, taskLast)}&" *")=0)`),
    },
    {
      key: 'date.outsideYear',
      label: `任务表：日期不在 ${year} 年内`,
      f: [TL.start, TL.end]
        .map((l) => sp(`ISNUMBER(${rng(T, l, first, taskLast)})`, `((${rng(T, l, first, taskLast)}<DATE(${year},1,1))+(${rng(T, l, first, taskLast)}>DATE(${year},12,31))>0)`))
        .join('+'),
    },
    { key: 'task.date.endBeforeStart', label: '任务表：完成日期早于开始日期', f: sp(`ISNUMBER(${rng(T, TL.start, first, taskLast)})`, `ISNUMBER(${rng(T, TL.end, first, taskLast)})`, `(${rng(T, TL.end, first, taskLast)}<${rng(T, TL.start, first, taskLast)})`) },
    { key: 'task.draft', label: '任务表：尚未处理的草稿任务', f: `COUNTIF(${rng(T, TL.draft, first, taskLast)},"${DRAFT_FLAG}")` },
    { key: 'budget.required', label: '预算明细：必填项未填写', f: BUDGET_COLUMNS.filter((c) => c.required).map((c) => sp(bHas, emptyOf(B, BL[c.key], first, budgetLast))).join('+') },
    { key: 'budget.task.unknown', label: '预算明细：任务编号在任务表中不存在', f: sp(`(LEN(${rng(B, BL.taskCode, first, budgetLast)})>0)`, `(COUNTIF(${NAMES.taskCodes},${rng(B, BL.taskCode, first, budgetLast)})=0)`) },
    { key: 'amount.nonPositive', label: '预算明细：金额不大于 0', f: sp(`ISNUMBER(${rng(B, BL.amount, first, budgetLast)})`, `(${rng(B, BL.amount, first, budgetLast)}<=0)`) },
    { key: 'milestone.required', label: '里程碑：必填项未填写', f: MILESTONE_COLUMNS.filter((c) => c.required).map((c) => sp(mHas, emptyOf(M, ML[c.key], first, msLast))).join('+') },
    { key: 'milestone.task.unknown', label: '里程碑：任务编号在任务表中不存在', f: sp(`(LEN(${rng(M, ML.taskCode, first, msLast)})>0)`, `(COUNTIF(${NAMES.taskCodes},${rng(M, ML.taskCode, first, msLast)})=0)`) },
    { key: 'committee.ceiling.exceeded', label: '预算合计超过控制数', f: ceiling === undefined ? '0' : `IF(${budgetSum}>${ceiling},1,0)` },
  ];
  const checkFirst = 5;
  const checkRows: (CellSpec | null)[][] = checks.map((c) => [{ v: c.label, s: 'checkLabel' }, { f: c.f, s: 'checkCount' }, { v: c.key, s: 'key' }]);
  const totalRow = checkFirst + checks.length;
  checkRows.push([{ v: '问题合计', s: 'checkTotal' }, { f: `SUM(B${checkFirst}:B${totalRow - 1})`, s: 'checkTotal' }, { v: 'total', s: 'key' }]);
  const sumRow = totalRow + 2;
  const check = emptySheet(SHEET_NAMES.check, {
    tabColor: 'C00000',
    columns: [{ index: 1, width: 44 }, { index: 2, width: 16 }, { index: 3, width: 26, hidden: true }],
    blocks: [
      {
        at: 'A1',
        rows: [
          [{ v: `${year}年工作计划 · 自动校验 — ${committeeName}`, s: 'title' }, { s: 'title' }],
          [{ v: '本表用公式统计各表中的问题，无需安装任何插件；数字为 0 表示该项没有问题。红色底纹标出了对应的单元格。', s: 'subtitle' }, { s: 'subtitle' }],
          [null],
          [{ v: '检查项', s: 'header' }, { v: '问题数', s: 'header' }, { v: 'key', s: 'key' }],
        ],
      },
      { at: `A${checkFirst}`, rows: checkRows },
      {
        at: `A${sumRow}`,
        rows: [
          [{ v: `预算合计（${unit}）`, s: 'checkLabel' }, { f: budgetSum, s: 'checkValue' }, { v: 'budgetTotal', s: 'key' }],
          [{ v: `控制数（${unit}）`, s: 'checkLabel' }, ceiling === undefined ? { v: '未设定', s: 'checkValue' } : { v: ceiling, s: 'checkValue' }, { v: 'ceiling', s: 'key' }],
          [{ v: `结余（${unit}）`, s: 'checkLabel' }, ceiling === undefined ? { v: '—', s: 'checkValue' } : { f: `B${sumRow + 1}-B${sumRow}`, s: 'checkValue' }, { v: 'balance', s: 'key' }],
        ],
      },
    ],
    merges: ['A1:B1', 'A2:B2'],
    rows: [{ index: 1, height: 30 }, { index: 2, height: 36 }],
    conditionalFormats: [
      { range: `B${checkFirst}:B${totalRow - 1}`, formula: `B${checkFirst}>0`, style: 'cfError', priority: prio++ },
      { range: `B${checkFirst}:B${totalRow - 1}`, formula: `B${checkFirst}=0`, style: 'cfOk', priority: prio++ },
    ],
    protection: PROTECTION(settings.protectionPassword ?? ''),
    print: { ...PRINT('4:4'), orientation: 'portrait' },
    gridlines: false,
  });

  // ── 填报说明 ──
  const g: (CellSpec | null)[][] = [];
  const merges: string[] = [];
  const line = (label: string, text: string, style = 'guideText') => {
    merges.push(`B${g.length + 1}:D${g.length + 1}`);
    g.push([{ v: label, s: 'guideLabel' }, { v: text, s: style }, null, null]);
  };
  const heading = (text: string) => {
    merges.push(`A${g.length + 1}:D${g.length + 1}`);
    g.push([{ v: text, s: 'guideHeading' }, null, null, null]);
  };
  merges.push('A1:D1');
  g.push([{ v: `${fillRegion(settings.organisation, region)}${year}年工作计划填报`, s: 'guideTitle' }, null, null, null]);
  merges.push('A2:D2');
  g.push([{ v: `${fullName}（生成于 ${generatedAt.slice(0, 10)}，模板版本 ${TEMPLATE_VERSION}）`, s: 'subtitle' }, null, null, null]);
  g.push([null, null, null, null]);
  heading('一、填报要求');
  line('填报单位', fullName);
  line('截止日期', settings.deadline ? settings.deadline : '请按秘书处通知的时间报送');
  line('联系人', settings.contact || '秘书处');
  line('金额单位', `${unit}（所有金额均以${unit}填写，不要写单位）`);
  line('填什么', `在“任务表”逐项填写本专委会 ${year} 年的工作任务（要点、名称、内容与目标、负责人、起止日期、考核指标）；在“预算明细”按任务填写经费科目、来源、单价×数量×次数（金额自动计算）或直接填金额；在“里程碑”填写关键节点日期和成果。`);
  line('草稿任务', '任务表中标为“草稿”的行是按工作要点的举措预拟的任务：需要保留的，补全负责人、日期等内容后清空“草稿”格；不需要的，清空该行内容（保留任务编号）。');
  line('颜色提示', '蓝色表头中黄色字为必填项；灰色单元格由系统生成或自动计算，不能修改；红色底纹表示该格有问题；黄色底纹表示草稿行。“校验”表汇总问题数量。');
  line('增加行', `任务表每个要点下留有带编号的空行，表末“其他任务”下另有空行，请先用这些行。空行用完时，请在表格最后一行下方继续填写，并在“任务编号”中接着编号（如最后是 T044，就写 T045）。工作表保护允许插入和删除行：在任务表中间插入的行，请在其灰色“任务编号”格填一个未用过的编号（校验会给出建议编号）。预算明细已备 ${budgetFormRows} 行、里程碑已备 ${milestoneFormRows} 行，不够时可以直接插入行或在下方继续填写；续填的预算行可直接填金额，也可只填单价、数量、次数（金额由汇总自动计算）。`);
  line('不要改动', '不要修改表头、不要删除或重命名工作表、不要修改已有的灰色任务编号（预算和里程碑靠它关联任务）；需要调整列顺序时也请保留表头文字。');
  line('报送', `填好后保存为 .xlsx 文件（文件名保持“${year}年工作计划-${committeeName}.xlsx”），报送秘书处。`);
  g.push([null, null, null, null]);
  heading(`二、本专委会负责的工作要点（共 ${points.length} 条）`);
  for (const p of points) {
    const mine = measuresOf(p, committeeId);
    const shared = p.committeeIds.length > 1;
    const text = fillRegion(p.text, region) + (shared ? `\n（本专委会负责其中第 ${mine.map((m) => m.index).join('、')} 项举措。）` : '');
    merges.push(`B${g.length + 1}:D${g.length + 1}`);
    g.push([{ v: `要点 ${p.number}`, s: 'guidePointNo' }, { v: `${p.title}。${text.startsWith(p.title) ? text.slice(p.title.length).replace(/^。/, '') : text}`, s: 'guidePoint' }, null, null]);
  }
  const guide = emptySheet(SHEET_NAMES.guide, {
    tabColor: '1F3864',
    columns: [{ index: 1, width: 14 }, { index: 2, width: 40 }, { index: 3, width: 40 }, { index: 4, width: 40 }],
    blocks: [{ at: 'A1', rows: g }],
    merges,
    rows: [
      { index: 1, height: 36 },
      ...g.map((row, i) => {
        const cell = row[1];
        const text = cell && typeof cell.v === 'string' ? cell.v : '';
        const lines = text ? Math.ceil(text.length / 52) + (text.match(/\n/g)?.length ?? 0) : 0;
        return { index: i + 1, height: lines > 1 ? Math.min(400, 17 * lines + 4) : undefined };
      }).filter((r) => r.index > 1 && r.height !== undefined),
    ],
    protection: PROTECTION(settings.protectionPassword ?? ''),
    print: { ...PRINT('1:2'), orientation: 'portrait' },
    gridlines: false,
  });

  // ── _lists ──
  const listCols: { key: keyof typeof NAMES; header: string; values: string[] }[] = [
    { key: 'points', header: '要点', values: catalog.points.map(pointLabel) },
    { key: 'committees', header: '专委会', values: catalog.committees.map((c) => c.name) },
    { key: 'categories', header: '经费科目', values: settings.expenseCategories },
    { key: 'sources', header: '经费来源', values: settings.fundingSources },
    { key: 'deliverableTypes', header: '成果形式', values: settings.deliverableTypes },
    { key: 'flags', header: '草稿标记', values: [DRAFT_FLAG] },
    { key: 'taskCodes', header: '任务编号', values: taskCodes },
  ];
  const maxLen = Math.max(...listCols.map((l) => l.values.length));
  const listRows: (CellSpec | null)[][] = [listCols.map((l) => ({ v: l.header, s: 'listHeader' }))];
  for (let i = 0; i < maxLen; i++) listRows.push(listCols.map((l) => (i < l.values.length ? { v: l.values[i] } : null)));
  const names: DefinedNameSpec[] = listCols.map((l, i) => ({
    name: NAMES[l.key],
    ref: `${q(SHEET_NAMES.lists)}!$${columnLetter(i + 1)}$2:$${columnLetter(i + 1)}$${Math.max(2, l.values.length + 1)}`,
  }));
  const lists = emptySheet(SHEET_NAMES.lists, {
    state: 'hidden',
    columns: listCols.map((_, i) => ({ index: i + 1, width: 24 })),
    blocks: [{ at: 'A1', rows: listRows }],
    protection: PROTECTION(settings.protectionPassword ?? ''),
  });

  // ── _meta ──
  const meta: [string, string][] = [
    ['templateVersion', TEMPLATE_VERSION],
    ['kind', 'committeePlan'],
    ['year', String(year)],
    ['committeeId', committeeId],
    ['committee', committeeName],
    ['organisation', settings.organisation],
    ['region', region],
    ['catalogHash', catalog.hash],
    ['generatedAt', generatedAt],
    ['budgetUnit', unit],
    ['keyRow', String(KEY_ROW)],
    ['headerRow', String(HEADER_ROW)],
    ['firstDataRow', String(DATA_FIRST_ROW)],
    ['taskRows', String(taskDataRows)],
    ['budgetRows', String(budgetRows)],
    ['milestoneRows', String(milestoneRows)],
  ];
  if (secretOf(options.secret)) meta.push([TOKEN_META_KEY, committeeToken(options.secret!, { committeeId, year, catalogHash: catalog.hash })]);
  for (const [sheetKey, cols] of [['tasks', TASK_COLUMNS], ['budget', BUDGET_COLUMNS], ['milestones', MILESTONE_COLUMNS]] as const)
    cols.forEach((c, i) => meta.push([`col.${sheetKey}.${c.key}`, columnLetter(i + 1)]));
  const metaSheet = emptySheet(SHEET_NAMES.meta, {
    state: 'veryHidden',
    columns: [{ index: 1, width: 28 }, { index: 2, width: 40 }],
    blocks: [{ at: 'A1', rows: [[{ v: 'key', s: 'listHeader' }, { v: 'value', s: 'listHeader' }], ...meta.map(([k, v]) => [{ v: k }, { v }])] }],
    protection: PROTECTION(settings.protectionPassword ?? ''),
  });

  return {
    sheets: [guide, tasks, budget, milestones, check, lists, metaSheet],
    styles: STYLES,
    names,
    properties: { title: `${year}年工作计划-${committeeName}`, creator: '计划预算编制助手', created: generatedAt },
  };
}

/** File name of a committee's workbook: "2023年工作计划-决策咨询专委会.xlsx". */
export function committeeWorkbookFileName(year: number, committeeName: string): string {
  return `${year}年工作计划-${committeeName.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`;
}
