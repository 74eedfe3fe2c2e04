/** Required fields of 任务表 / 预算明细 / 里程碑; over-long names; unreadable flags. */
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, TASK_COLUMNS } from '../../sheets/columns';
import { makeFinding } from '../codes';
import type { BudgetLine, Milestone, Task } from '../../plan/types';
import type { Severity } from '../types';
import { CELL_EMPTY, CELL_UNREADABLE, MILESTONE_COL, RowRecord, statusMask, TASK_COL, BUDGET_COL, rawOf } from '../../plan/rows';
import { formulaWithoutValue } from '../../sheets/formulas';
import { at, header } from './context';
import type { RuleContext } from './context';

/** An empty cell that is a formula without a value: reported when read (read.formula.noValue), not as missing. */
const formulaNoValue = (row: Task | BudgetLine | Milestone, key: string): boolean => formulaWithoutValue(rawOf(row, key)) !== null;

/** The work point has its own rule (task.point.missing, with a suggestion). */
const TASK_REQUIRED = TASK_COLUMNS.filter((c) => c.required && c.key !== 'point').map((c) => c.key);
const BUDGET_REQUIRED = BUDGET_COLUMNS.filter((c) => c.required).map((c) => c.key);
const MILESTONE_REQUIRED = MILESTONE_COLUMNS.filter((c) => c.required).map((c) => c.key);
const maskOf = (keys: string[], cols: Map<string, number>) => keys.reduce((m, k) => m | (1 << cols.get(k)!), 0);
const TASK_REQUIRED_MASK = maskOf(TASK_REQUIRED, TASK_COL);
const BUDGET_REQUIRED_MASK = maskOf(BUDGET_REQUIRED, BUDGET_COL);
const MILESTONE_REQUIRED_MASK = maskOf(MILESTONE_REQUIRED, MILESTONE_COL);
const DRAFT_BIT = 1 << TASK_COL.get('draft')!;
const AMOUNT_BIT = 1 << BUDGET_COL.get('amount')!;
const FACTORS_MASK = maskOf(['unitPrice', 'quantity', 'times'], BUDGET_COL);

/** checkRequired's state for one run: the next unused task code to offer (−1: not looked for yet). */
export interface RequiredState {
  nextCode: number;
}

export function requiredState(): RequiredState {
  return { nextCode: -1 };
}

export function checkRequired(ctx: RuleContext): void {
  const st = requiredState();
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) requiredOfTask(ctx, st, tasks[i]);
  const lines = ctx.submission.budgetLines;
  for (let i = 0; i < lines.length; i++) requiredOfLine(ctx, lines[i]);
  const milestones = ctx.milestones;
  for (let i = 0; i < milestones.length; i++) requiredOfMilestone(ctx, milestones[i]);
}

/** A task row inserted by the clerk has no code yet: the next unused one (T046 …) is offered as a safe fix. */
function firstFreeCode(ctx: RuleContext): number {
  return (
    1 +
    ctx.submission.tasks.reduce((max, t) => {
      const m = /^T(\d+)$/i.exec(t.code);
      return m ? Math.max(max, Number(m[1])) : max;
    }, 0)
  );
}

export function requiredOfTask(ctx: RuleContext, st: RequiredState, t: Task): void {
  const { findings } = ctx;
  // Untouched drafts are reported once (task.draft.untouched), not field by field.
  if (ctx.untouchedDrafts.has(t)) return;
  const severity: Severity | undefined = t.draft ? 'warning' : undefined;
  const empty = statusMask(t, 'tasks', CELL_EMPTY) & TASK_REQUIRED_MASK;
  if (empty) for (const key of TASK_REQUIRED) {
    if (!(empty & (1 << TASK_COL.get(key)!)) || formulaNoValue(t, key)) continue;
    if (key === 'code') {
      // (The highest code is looked for only when a code is missing.)
      if (st.nextCode < 0) st.nextCode = firstFreeCode(ctx);
      const value = `T${String(st.nextCode++).padStart(3, '0')}`;
      const label = { zh: `填入未使用的编号 ${value}`, en: `Fill in the unused code ${value}` };
      findings.push(makeFinding('task.required', at(t, key), header('tasks', key), { severity, autoFix: { value, label } }));
    } else findings.push(makeFinding('task.required', at(t, key), header('tasks', key), { severity }));
  }
  if (t.name.length > 40) findings.push(makeFinding('task.name.long', at(t, 'name'), { length: t.name.length }));
  if (statusMask(t, 'tasks', CELL_UNREADABLE) & DRAFT_BIT) findings.push(makeFinding('flag.unreadable', at(t, 'draft'), header('tasks', 'draft')));
}

export function requiredOfLine(ctx: RuleContext, l: BudgetLine): void {
  const empty = statusMask(l, 'budget', CELL_EMPTY) & BUDGET_REQUIRED_MASK;
  if (!empty) return;
  for (const key of BUDGET_REQUIRED) {
    const bit = 1 << BUDGET_COL.get(key)!;
    if (!(empty & bit)) continue;
    if (bit === AMOUNT_BIT && l.amount !== null) continue; // computed from unit price × quantity × times
    if (bit === AMOUNT_BIT && statusMask(l, 'budget', CELL_UNREADABLE) & FACTORS_MASK) continue;
    if (formulaNoValue(l, key)) continue;
    ctx.findings.push(makeFinding('budget.required', at(l, key), header('budget', key)));
  }
}

export function requiredOfMilestone(ctx: RuleContext, m: Milestone): void {
  const { findings } = ctx;
  if (m instanceof RowRecord && m.compact) {
    // Every column has its record: empty as the record says.
    const empty = m.emptyMask & MILESTONE_REQUIRED_MASK;
    if (empty) for (const key of MILESTONE_REQUIRED) if (empty & (1 << MILESTONE_COL.get(key)!) && !formulaNoValue(m, key)) findings.push(makeFinding('milestone.required', at(m, key), header('milestones', key)));
    return;
  }
  for (const key of MILESTONE_REQUIRED) {
    const f = m.fields ? m.fields[key] : undefined;
    const empty = f ? f.empty : key === 'taskCode' ? !m.taskCode : key === 'date' ? !m.date : key === 'deliverableType' ? !m.deliverableType : !m.deliverable;
    if (empty && !formulaNoValue(m, key)) findings.push(makeFinding('milestone.required', at(m, key), header('milestones', key)));
  }
}
