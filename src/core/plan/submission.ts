/**
 * RawSubmission (what a host read) → Submission (normalised tasks, budget lines, milestones).
 *
 * - Every cell is normalised by its column's type (core/sheets/columns.ts); the Normalised record is
 *   kept per column key in `fields`, so nothing typed is lost.
 * - Blank rows are skipped: a row is blank when every input cell is empty. The pre-filled task code,
 *   formula columns (预算合计, 任务名称 lookups) and the 草稿 flag do not count as input.
 * - Budget line amount: the amount cell when it holds a value; otherwise unit price × quantity ×
 *   times (times defaults to 1) when price and quantity are given — formula cells of workbooks we
 *   generate may come back with no cached value. The validator reports a difference between both.
 * - Milestones attach to tasks by task code; unmatched ones are kept in orphanMilestones and reported
 *   here (milestone.task.unknown).
 * - Drafts (草稿): kept as tasks with draft = true; see core/validate/rules/draft.ts for how they are
 *   reported (docs/VALIDATION.md).
 */
import type { Catalog } from '../catalog/types';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, TASK_COLUMNS } from '../sheets/columns';
import type { ColumnDef } from '../sheets/columns';
import type { Finding } from '../validate/types';
import { makeFinding } from '../validate/codes';
import {
  normaliseAmount,
  normaliseCode,
  normaliseCommitteeRef,
  normaliseDate,
  normaliseFlag,
  normaliseNumber,
  normalisePointRef,
  normaliseText,
  isBlank,
  tidy,
} from './normalise';
import type { BudgetLine, Milestone, Normalised, RawRow, RawSubmission, Settings, Submission, Task } from './types';

type Fields = Record<string, Normalised<unknown>>;

interface Ctx {
  catalog: Catalog;
  settings: Settings;
  /**
   * Memo per column kind: the same primitive raw value normalises to the same record, which is
   * shared (Normalised records are immutable). Dropdown values, dates and amounts repeat a lot.
   */
  memo: Map<string, Map<unknown, Normalised<unknown>>>;
  /** ctx.memo's maps by column position, per column list. */
  sheetMemos: Map<ColumnDef[], Map<unknown, Normalised<unknown>>[]>;
}

const MEMO_LIMIT = 200_000;
/** Text columns whose values repeat a lot (people, partner units, standard KPIs and bases). */
const REPEATING_TEXT = new Set(['owner', 'partners', 'kpi', 'remarks', 'basis', 'deliverable']);

/** Column keys that do not make a row non-blank. */
const NON_INPUT = new Set<string>(['code', 'budgetTotal', 'taskName', 'draft']);
for (const c of [...TASK_COLUMNS, ...BUDGET_COLUMNS, ...MILESTONE_COLUMNS]) if (c.type === 'formula') NON_INPUT.add(c.key);

/** True when every input cell of the row is empty (see NON_INPUT). */
export function isBlankRow(row: RawRow, sheet: 'tasks' | 'budget' | 'milestones'): boolean {
  const cells = row.cells;
  for (const key in cells) {
    if (!Object.prototype.hasOwnProperty.call(cells, key)) continue;
    if (sheet === 'tasks' ? NON_INPUT.has(key) : key !== 'taskCode' && NON_INPUT.has(key)) continue;
    const v = cells[key];
    if (isBlank(v)) continue;
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      const o = v as Record<string, unknown>;
      // A formula without a cached value is not input.
      if (('formula' in o || 'sharedFormula' in o) && (o.result === undefined || isBlank(o.result))) continue;
    }
    return false;
  }
  return true;
}

/** Memo slot of a column: its type, except dates (by role) and formulas, which are per key. */
function memoKeyOf(type: ColumnDef['type'], key: string): string {
  return type === 'date' ? `date:${key}` : type === 'formula' ? `formula:${key}` : type;
}

function normaliseCell(def: ColumnDef | undefined, key: string, raw: unknown, ctx: Ctx, memo?: Map<unknown, Normalised<unknown>>): Normalised<unknown> {
  const type = def ? def.type : 'text';
  const t = typeof raw;
  const primitive = raw === null || raw === undefined || t === 'string' || t === 'number' || t === 'boolean';
  // Names and contents are mostly unique: only their empty values go through the memo.
  if (!primitive || (type === 'text' && !REPEATING_TEXT.has(key) && !isBlank(raw))) return computeCell(type, key, raw, ctx);
  let m = memo;
  if (!m) {
    const memoKey = memoKeyOf(type, key);
    m = ctx.memo.get(memoKey);
    if (!m) ctx.memo.set(memoKey, (m = new Map()));
  }
  let n = m.get(raw);
  if (n === undefined) {
    n = computeCell(type, key, raw, ctx);
    if (m.size < MEMO_LIMIT) m.set(raw, n);
  }
  return n;
}

function computeCell(type: ColumnDef['type'], key: string, raw: unknown, ctx: Ctx): Normalised<unknown> {
  switch (type) {
    case 'code':
      return normaliseCode(raw);
    case 'point':
      return normalisePointRef(raw, ctx.catalog);
    case 'committee':
      return normaliseCommitteeRef(raw, ctx.catalog, ctx.settings.region);
    case 'date':
      return normaliseDate(raw, ctx.settings.year, key === 'start' ? 'start' : key === 'end' ? 'end' : 'date');
    case 'amount':
      return normaliseAmount(raw, ctx.settings.budgetUnit);
    case 'number':
      return normaliseNumber(raw);
    case 'flag':
      return normaliseFlag(raw);
    case 'formula':
      return key === 'budgetTotal' ? normaliseAmount(raw, ctx.settings.budgetUnit) : normaliseText(raw);
    default:
      return normaliseText(raw);
  }
}

function fieldsOf(row: RawRow, columns: ColumnDef[], byKey: Map<string, ColumnDef>, ctx: Ctx): Fields {
  const fields: Fields = {};
  const cells = row.cells;
  const memos = memosOf(ctx, columns);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    fields[c.key] = normaliseCell(c, c.key, cells[c.key], ctx, memos[i]);
  }
  for (const key in cells) if (Object.prototype.hasOwnProperty.call(cells, key) && !byKey.has(key)) fields[key] = normaliseText(cells[key]);
  return fields;
}

/** The memo map of every column of a sheet (looked up once per sheet, not per cell). */
function memosOf(ctx: Ctx, columns: ColumnDef[]): Map<unknown, Normalised<unknown>>[] {
  let list = ctx.sheetMemos.get(columns);
  if (!list) {
    list = columns.map((c) => {
      const memoKey = memoKeyOf(c.type, c.key);
      let m = ctx.memo.get(memoKey);
      if (!m) ctx.memo.set(memoKey, (m = new Map()));
      return m;
    });
    ctx.sheetMemos.set(columns, list);
  }
  return list;
}

const TASK_BY_KEY = new Map(TASK_COLUMNS.map((c) => [c.key, c]));
const BUDGET_BY_KEY = new Map(BUDGET_COLUMNS.map((c) => [c.key, c]));
const MILESTONE_BY_KEY = new Map(MILESTONE_COLUMNS.map((c) => [c.key, c]));

const str = (n: Normalised<unknown> | undefined): string => (n && typeof n.value === 'string' ? n.value : '');
const num = (n: Normalised<unknown> | undefined): number | null => (n && typeof n.value === 'number' ? n.value : null);

/** Committee id of the submission from its metadata (committeeId / committee / committee_id), else null. */
export function submissionCommitteeId(raw: RawSubmission, catalog: Catalog, settings: Settings): string | null {
  const meta = raw.meta ?? {};
  const v = meta.committeeId ?? meta.committee_id ?? meta.committee ?? meta['专委会'];
  if (!v) return null;
  return normaliseCommitteeRef(v, catalog, settings.region).value;
}

export function normaliseSubmission(raw: RawSubmission, catalog: Catalog, settings: Settings): { submission: Submission; findings: Finding[] } {
  const ctx: Ctx = { catalog, settings, memo: new Map(), sheetMemos: new Map() };
  const findings: Finding[] = [];
  const tasks: Task[] = [];
  const budgetLines: BudgetLine[] = [];
  const orphanMilestones: Milestone[] = [];

  for (const row of raw.tasks ?? []) {
    if (isBlankRow(row, 'tasks')) continue;
    const f = fieldsOf(row, TASK_COLUMNS, TASK_BY_KEY, ctx);
    const committee = f.committee;
    tasks.push({
      code: str(f.code),
      point: num(f.point),
      name: str(f.name),
      content: str(f.content),
      committeeId: committee && typeof committee.value === 'string' ? committee.value : null,
      committeeText: committee && typeof committee.raw === 'string' ? committee.raw.trim() : committee && committee.raw != null ? String(committee.raw) : '',
      owner: str(f.owner),
      partners: str(f.partners),
      start: str(f.start) || null,
      end: str(f.end) || null,
      kpi: str(f.kpi),
      remarks: str(f.remarks),
      draft: f.draft ? f.draft.value === true : false,
      declaredTotal: num(f.budgetTotal),
      milestones: [],
      source: row.source,
      columns: row.columns,
      fields: f,
    });
  }

  for (const row of raw.budgetLines ?? []) {
    if (isBlankRow(row, 'budget')) continue;
    const f = fieldsOf(row, BUDGET_COLUMNS, BUDGET_BY_KEY, ctx);
    const unitPrice = num(f.unitPrice);
    const quantity = num(f.quantity);
    const timesField = f.times;
    const times = num(timesField);
    const timesOk = times !== null || (timesField ? timesField.empty : true);
    const computed = unitPrice !== null && quantity !== null && timesOk ? tidy(unitPrice * quantity * (times ?? 1)) : null;
    const cell = num(f.amount);
    const amount = cell !== null ? cell : computed;
    budgetLines.push({
      taskCode: str(f.taskCode),
      expenseCategory: str(f.expenseCategory),
      fundingSource: str(f.fundingSource),
      unitPrice,
      quantity,
      times,
      amount,
      amountSource: cell !== null ? 'cell' : computed !== null ? 'computed' : null,
      basis: str(f.basis),
      source: row.source,
      columns: row.columns,
      fields: f,
    });
  }

  // Milestones attach by task code; the first task with a code wins (duplicates are reported by validation).
  const byCode = new Map<string, Task>();
  for (const t of tasks) if (t.code && !byCode.has(t.code)) byCode.set(t.code, t);
  for (const row of raw.milestones ?? []) {
    if (isBlankRow(row, 'milestones')) continue;
    const f = fieldsOf(row, MILESTONE_COLUMNS, MILESTONE_BY_KEY, ctx);
    const m: Milestone = {
      taskCode: str(f.taskCode),
      date: str(f.date) || null,
      deliverableType: str(f.deliverableType),
      deliverable: str(f.deliverable),
      source: row.source,
      columns: row.columns,
      fields: f,
    };
    const task = m.taskCode ? byCode.get(m.taskCode) : undefined;
    if (task) task.milestones.push(m);
    else {
      orphanMilestones.push(m);
      // An empty task code is reported by the required rule; a code that matches nothing here.
      if (m.taskCode) {
        findings.push(
          makeFinding('milestone.task.unknown', { source: row.source, column: row.columns.taskCode ?? '', columnKey: 'taskCode', raw: row.cells.taskCode }, { code: m.taskCode }),
        );
      }
    }
  }

  const submission: Submission = {
    file: raw.file,
    meta: raw.meta ?? {},
    committeeId: submissionCommitteeId(raw, catalog, settings),
    tasks,
    budgetLines,
    orphanMilestones,
  };
  return { submission, findings };
}
