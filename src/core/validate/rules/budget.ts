/** Budget links and totals: a line pointing at no task, a task's declared total ≠ sum of its lines, a committee over its ceiling (控制数). */
import { tidy } from '../../plan/normalise';
import { CELL_UNREADABLE, cellStatus, TASK_COL } from '../../plan/rows';
import { makeFinding } from '../codes';
import { at, fmt, sheetAt } from './context';
import type { RuleContext } from './context';

const TOTAL_COL = TASK_COL.get('budgetTotal')!;

export function checkBudget(ctx: RuleContext): void {
  const tolerance = 0.5 * 10 ** -ctx.settings.amountDecimals;
  const totals = lineCodesAndTotals(ctx);
  taskTotals(ctx, tolerance);
  ceilings(ctx, totals, tolerance);
}

/**
 * One pass over the lines: unknown task codes, and the totals per committee for the ceilings (lines
 * count for their task's committee, else the workbook's committee). One function per loop: see required.ts.
 */
function lineCodesAndTotals(ctx: RuleContext): Map<string, number> {
  const { findings, submission } = ctx;
  const totals = new Map<string, number>();
  const lines = submission.budgetLines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const task = ctx.lineTasks[i];
    if (l.taskCode && !task) findings.push(makeFinding('budget.task.unknown', at(l, 'taskCode'), { code: l.taskCode }));
    if (l.amount === null) continue;
    const cid = (task && task.committeeId) || submission.committeeId;
    if (!cid) continue;
    totals.set(cid, (totals.get(cid) ?? 0) + l.amount);
  }
  return totals;
}

function taskTotals(ctx: RuleContext, tolerance: number): void {
  const { findings, submission } = ctx;
  const tasks = submission.tasks;
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    if (cellStatus(t, 'budgetTotal', TOTAL_COL) & CELL_UNREADABLE) {
      findings.push(makeFinding('task.total.unreadable', at(t, 'budgetTotal'), { code: t.code }));
      continue;
    }
    if (t.declaredTotal === null) continue;
    if (ctx.taskByCode.get(t.code) !== t) continue; // a repeated code: lines are ambiguous (task.code.duplicate)
    const sum = tidy(t.code ? ctx.lineTotals.get(t.code) ?? 0 : 0);
    if (Math.abs(sum - t.declaredTotal) > tolerance) {
      findings.push(makeFinding('task.total.mismatch', at(t, 'budgetTotal'), { code: t.code, declared: fmt(t.declaredTotal), sum: fmt(sum) }));
    }
  }
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
