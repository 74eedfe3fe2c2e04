/**
 * RawSubmission (what a host read) → Submission (normalised tasks, budget lines, milestones).
 *
 * - Every cell is normalised by its column's type (core/sheets/columns.ts); rows keep the typed values,
 *   a status per cell and their raw cells, and `fields` gives the Normalised record per column key
 *   (built on first access; core/plan/rows.ts), so nothing typed is lost.
 * - Blank rows are skipped: a row is blank when every input cell is empty. The pre-filled task code,
 *   formula columns (预算合计, 任务名称 lookups) and the 草稿 flag do not count as input.
 * - Budget line amount: the amount cell when it holds a value; otherwise unit price × quantity ×
 *   times (times defaults to 1) when price and quantity are given (the amount typed away, or text
 *   the 金额 formula does not count as a number). Our formulas saved without a cached value come
 *   computed from readGrid (core/sheets/formulas.ts); a formula whose value is unknown is reported
 *   there and not replaced by this product. The validator reports a difference between both.
 * - Milestones attach to tasks by task code; unmatched ones are kept in orphanMilestones and reported
 *   here (milestone.task.unknown).
 * - Drafts (草稿): kept as tasks with draft = true; see core/validate/rules/draft.ts for how they are
 *   reported (docs/VALIDATION.md).
 */
import type { Catalog } from '../catalog/types';
import type { Finding } from '../validate/types';
import { makeFinding } from '../validate/codes';
import { normaliseCommitteeRef, tidy } from './normalise';
import { formulaWithoutValue } from '../sheets/formulas';
import { BudgetLineRow, B_AMOUNT, B_PRICE, B_QUANTITY, B_TIMES, isInputCell, MilestoneRow, newCtx, NON_INPUT, plansOf, rawBudgetCells, rawMilestoneCells, rawTaskCells, readRaws, TaskRow } from './rows';
import type { Ctx, RowRead, RowStore, SheetKind } from './rows';
import type { BudgetLine, Milestone, RawRow, RawSubmission, Settings, Submission, Task } from './types';

/** True when every input cell of the row is empty (see NON_INPUT). */
export function isBlankRow(row: RawRow, sheet: SheetKind): boolean {
  const cells = row.cells;
  for (const key in cells) {
    if (!Object.prototype.hasOwnProperty.call(cells, key)) continue;
    if (sheet === 'tasks' ? NON_INPUT.has(key) : key !== 'taskCode' && NON_INPUT.has(key)) continue;
    if (isInputCell(cells[key])) return false;
  }
  return true;
}

/** Committee id of the submission from its metadata (committeeId / committee / committee_id), else null. */
export function submissionCommitteeId(raw: RawSubmission, catalog: Catalog, settings: Settings): string | null {
  const meta = raw.meta ?? {};
  const v = meta.committeeId ?? meta.committee_id ?? meta.committee ?? meta['专委会'];
  if (!v) return null;
  return normaliseCommitteeRef(v, catalog, settings.region).value;
}

/*
 * One function per sheet: V8 compiles a hot loop on its own (on-stack replacement) with the type
 * feedback seen so far, so three loops in one function deoptimise at the start of each later loop.
 */
function readTasks(rows: RawRow[], ctx: Ctx, store: RowStore, read: RowRead, tasks: Task[]): void {
  // A row whose column cells hold no input is blank unless another key of its cells does (isBlankRow).
  const plans = plansOf(ctx, 'tasks');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    rawTaskCells(row.cells, read.raws);
    const r = readRaws(plans, ctx, read);
    if (!r.input && isBlankRow(row, 'tasks')) continue;
    tasks.push(new TaskRow(row.cells, store, r, row.source, row.columns));
  }
}

const TIMES_BIT = 1 << B_TIMES;

function readBudgetLines(rows: RawRow[], ctx: Ctx, store: RowStore, read: RowRead, budgetLines: BudgetLine[]): void {
  const plans = plansOf(ctx, 'budget');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    rawBudgetCells(row.cells, read.raws);
    const r = readRaws(plans, ctx, read);
    if (!r.input && isBlankRow(row, 'budget')) continue;
    const v = r.values;
    const unitPrice = typeof v[B_PRICE] === 'number' ? (v[B_PRICE] as number) : null;
    const quantity = typeof v[B_QUANTITY] === 'number' ? (v[B_QUANTITY] as number) : null;
    const times = typeof v[B_TIMES] === 'number' ? (v[B_TIMES] as number) : null;
    const timesOk = times !== null || (r.empty & TIMES_BIT) !== 0;
    // Only needed without an amount in the cell; never in place of a formula whose value is unknown
    // (readGrid computed ours and reported the others: read.formula.noValue).
    const computed = typeof v[B_AMOUNT] !== 'number' && unitPrice !== null && quantity !== null && timesOk && formulaWithoutValue(r.raws[B_AMOUNT]) === null ? tidy(unitPrice * quantity * (times ?? 1)) : null;
    budgetLines.push(new BudgetLineRow(row.cells, store, r, row.source, row.columns, computed));
  }
}

/**
 * The first task of every task code (a repeated code is reported by validation: task.code.duplicate),
 * for rows that name a task by its code (budget lines, milestones). They usually follow the task
 * order, so `first` tries the tasks at and after the previous answer before the lookup: a short string
 * comparison instead of hashing each row's code. Codes are usually in ascending order (the generated
 * workbooks number them so): then the lookup is a binary search in the codes (no map of 50,000
 * entries is built); otherwise a map from code to the position of its first task.
 */
export class TaskIndex {
  /** Tasks whose code an earlier task has (usually none). */
  readonly repeated = new Set<Task>();
  private cursor = 0;

  /** The codes of the tasks when the index was built (to tell whether it still holds: stillHolds). */
  private readonly codes: string[];
  /** The tasks when the index was built (the array may change later). */
  private readonly snapshot: Task[];
  /**
   * Every task has a code and the codes ascend strictly (so none repeats): `first` searches `codes`.
   * Otherwise `byCode` holds the position of the first task of each code.
   */
  private readonly ascending: boolean;
  private readonly byCode: Map<string, number> | null = null;

  constructor(readonly tasks: Task[]) {
    const n = tasks.length;
    const snapshot: Task[] = new Array(n);
    const codes: string[] = new Array(n);
    let ascending = true;
    for (let i = 0; i < n; i++) {
      const t = tasks[i];
      const code = t.code;
      snapshot[i] = t;
      codes[i] = code;
      if (ascending && (!code || (i > 0 && !(codes[i - 1] < code)))) ascending = false;
    }
    this.snapshot = snapshot;
    this.codes = codes;
    this.ascending = ascending;
    if (ascending) return;
    const byCode = (this.byCode = new Map<string, number>());
    let coded = 0;
    // Last row first, so the first task of a code is set last and wins: one map operation per task.
    for (let i = n - 1; i >= 0; i--) {
      const code = codes[i];
      if (!code) continue;
      coded++;
      byCode.set(code, i);
    }
    if (byCode.size < coded) {
      for (let i = 0; i < n; i++) {
        const code = codes[i];
        if (code && byCode.get(code) !== i) this.repeated.add(tasks[i]);
      }
    }
  }

  /** The first task with this code (undefined for '' or an unknown code). */
  first(code: string): Task | undefined {
    if (!code) return undefined;
    const tasks = this.tasks;
    const end = Math.min(tasks.length, this.cursor + 3);
    for (let i = this.cursor; i < end; i++) {
      const t = tasks[i];
      if (t.code === code) {
        if (this.repeated.size !== 0 && this.repeated.has(t)) break; // not the first of its code
        this.cursor = i;
        return t;
      }
    }
    const i = this.ascending ? this.search(code) : this.byCode!.get(code);
    if (i === undefined) return undefined;
    this.cursor = i;
    return tasks[i];
  }

  /** Position of `code` in the ascending codes, by binary search. */
  private search(code: string): number | undefined {
    const codes = this.codes;
    let lo = 0, hi = codes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = codes[mid];
      if (c === code) return mid;
      if (c < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** True while the tasks array holds the same tasks with the same codes as when the index was built. */
  stillHolds(tasks: Task[]): boolean {
    if (tasks !== this.tasks || tasks.length !== this.snapshot.length) return false;
    for (let i = 0; i < tasks.length; i++) if (tasks[i] !== this.snapshot[i] || tasks[i].code !== this.codes[i]) return false;
    return true;
  }

  /** True when `t` (one of the tasks) has a code and no earlier task has it. */
  isFirst(t: Task): boolean {
    return !!t.code && (this.repeated.size === 0 || !this.repeated.has(t));
  }
}

const taskIndexes = new WeakMap<Task[], TaskIndex>();

/**
 * The TaskIndex of a tasks array: the one normaliseSubmission built when it still holds (same
 * tasks, same codes: checked in one pass of comparisons), else a new one.
 */
export function taskIndexOf(tasks: Task[]): TaskIndex {
  const ix = taskIndexes.get(tasks);
  if (ix && ix.stillHolds(tasks)) return ix;
  const fresh = new TaskIndex(tasks);
  taskIndexes.set(tasks, fresh);
  return fresh;
}

/** Milestones attach by task code; the first task with a code wins (duplicates are reported by validation). */
function readMilestones(rows: RawRow[], ctx: Ctx, store: RowStore, read: RowRead, tasks: Task[], orphanMilestones: Milestone[], findings: Finding[]): void {
  const index = taskIndexOf(tasks);
  const plans = plansOf(ctx, 'milestones');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    rawMilestoneCells(row.cells, read.raws);
    const r = readRaws(plans, ctx, read);
    if (!r.input && isBlankRow(row, 'milestones')) continue;
    const m = new MilestoneRow(row.cells, store, r, row.source, row.columns);
    const task = index.first(m.taskCode);
    // A task's first milestone gets an array of one (push would grow the empty array to 17 slots).
    if (task) {
      if (task.milestones.length === 0) task.milestones = [m];
      else task.milestones.push(m);
    } else {
      orphanMilestones.push(m);
      // An empty task code is reported by the required rule; a code that matches nothing here.
      if (m.taskCode) {
        findings.push(
          makeFinding('milestone.task.unknown', { source: row.source, column: row.columns.taskCode ?? '', columnKey: 'taskCode', raw: row.cells.taskCode }, { code: m.taskCode }),
        );
      }
    }
  }
}

export function normaliseSubmission(raw: RawSubmission, catalog: Catalog, settings: Settings): { submission: Submission; findings: Finding[] } {
  const ctx = newCtx(catalog, settings);
  const store: RowStore = { ctx };
  const findings: Finding[] = [];
  const tasks: Task[] = [];
  const budgetLines: BudgetLine[] = [];
  const orphanMilestones: Milestone[] = [];
  const read: RowRead = { values: [], raws: [], empty: 0, unreadable: 0, notable: 0, input: false };
  readTasks(raw.tasks ?? [], ctx, store, read, tasks);
  readBudgetLines(raw.budgetLines ?? [], ctx, store, read, budgetLines);
  readMilestones(raw.milestones ?? [], ctx, store, read, tasks, orphanMilestones, findings);

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
