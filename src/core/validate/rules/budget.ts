/** Budget links and totals: a line pointing at no task, a task's declared total ≠ sum of its lines, a committee over its ceiling (控制数). */
import { tidy } from '../../plan/normalise';
import { CELL_UNREADABLE, cellStatus, recordOf, TASK_COL } from '../../plan/rows';
import type { BudgetLine, Task } from '../../plan/types';
import { makeFinding } from '../codes';
import { META_RECALC_PENDING } from '../fixes';
import { at, fmt, sheetAt } from './context';
import type { RuleContext } from './context';

const TOTAL_COL = TASK_COL.get('budgetTotal')!;

export function checkBudget(ctx: RuleContext): void {
  const st = budgetState(ctx);
  const lines = ctx.submission.budgetLines;
  for (let i = 0; i < lines.length; i++) budgetOfLine(ctx, st, lines[i]);
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) totalOfTask(ctx, st, tasks[i]);
  budgetDone(ctx, st);
}

/** checkBudget's state for one run: the tolerance, and the line totals per committee for the ceilings. */
export interface BudgetState {
  tolerance: number;
  totals: Map<string, number>;
  /** Per task code, the lines the workbook's 预算合计 formula can add (built on the first mismatch). */
  numericTotals?: Map<string, number>;
}

export function budgetState(ctx: RuleContext): BudgetState {
  return { tolerance: 0.5 * 10 ** -ctx.settings.amountDecimals, totals: new Map() };
}

/**
 * Per task code, the sum of the lines whose amount cell holds a number: what the workbook's
 * SUMIF in 预算合计 adds. An amount typed as text ("5万元", "１２") or left to be computed from
 * unit price × quantity × times is read by us but skipped by the spreadsheet.
 */
function numericTotals(ctx: RuleContext): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of ctx.submission.budgetLines) {
    if (!l.taskCode || l.amount === null || typeof recordOf(l, 'amount')?.raw !== 'number') continue;
    m.set(l.taskCode, (m.get(l.taskCode) ?? 0) + l.amount);
  }
  return m;
}

/** A line: unknown task code, and its amount into the total of its task's committee, else the workbook's committee. */
export function budgetOfLine(ctx: RuleContext, st: BudgetState, l: BudgetLine): void {
  const task = ctx.taskIndex.first(l.taskCode);
  if (l.taskCode && !task) ctx.findings.push(makeFinding('budget.task.unknown', at(l, 'taskCode'), { code: l.taskCode }));
  if (l.amount === null) return;
  const cid = (task && task.committeeId) || ctx.submission.committeeId;
  if (!cid) return;
  st.totals.set(cid, (st.totals.get(cid) ?? 0) + l.amount);
}

/** A task's declared total (预算合计) against the sum of its lines. */
export function totalOfTask(ctx: RuleContext, st: BudgetState, t: Task): void {
  if (cellStatus(t, 'budgetTotal', TOTAL_COL) & CELL_UNREADABLE) {
    ctx.findings.push(makeFinding('task.total.unreadable', at(t, 'budgetTotal'), { code: t.code }));
    return;
  }
  if (t.declaredTotal === null) return;
  if (!ctx.taskIndex.isFirst(t)) return; // no code, or a repeated code: lines are ambiguous (task.code.duplicate)
  if (ctx.submission.meta?.[META_RECALC_PENDING] === '1') return; // cached formula results predate the fixes
  const sum = tidy(t.code ? ctx.lineTotals.get(t.code) ?? 0 : 0);
  if (Math.abs(sum - t.declaredTotal) > st.tolerance) {
    // The spreadsheet's formula could not add amounts typed as text: not a hand-typed total, and
    // those lines have findings of their own (amount.converted, amount.reformatted).
    const numeric = tidy((st.numericTotals ??= numericTotals(ctx)).get(t.code) ?? 0);
    if (Math.abs(numeric - t.declaredTotal) <= st.tolerance) return;
    ctx.findings.push(makeFinding('task.total.mismatch', at(t, 'budgetTotal'), { code: t.code, declared: fmt(t.declaredTotal), sum: fmt(sum) }));
  }
}

/** After every line: the committees over their ceiling (控制数). */
export function budgetDone(ctx: RuleContext, st: BudgetState): void {
  ceilings(ctx, st.totals, st.tolerance);
}

function ceilings(ctx: RuleContext, totals: Map<string, number>, tolerance: number): void {
  const { findings, settings } = ctx;
  for (const [cid, raw] of totals) {
    const ceiling = settings.ceilings[cid];
    if (ceiling === undefined || ceiling === null || !Number.isFinite(ceiling)) continue;
    const total = tidy(raw);
    if (total > ceiling + tolerance) {
      const committee = ctx.catalog.committees.find((c) => c.id === cid)?.name ?? cid;
      findings.push(
        makeFinding('committee.ceiling.exceeded', sheetAt(ctx, '预算明细'), { committee, total: fmt(total), ceiling: fmt(ceiling), over: fmt(tidy(total - ceiling)), unit: settings.budgetUnit }),
      );
    }
  }
}
