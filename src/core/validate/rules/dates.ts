/** Dates: unreadable, outside the plan year, periods and reformatted text (one-click fix), end before start, milestone outside its task. */
import type { Milestone, Normalised, RowSource, Task } from '../../plan/types';
import { CELL_EMPTY, CELL_NOTABLE, CELL_UNREADABLE, cellStatus, MILESTONE_COL, recordOf, RowRecord, TASK_COL } from '../../plan/rows';
import { makeFinding } from '../codes';
import { at, writeFix } from './context';
import type { RuleContext } from './context';

type DateRow = { source: RowSource; columns?: Record<string, string>; fields?: Record<string, Normalised<unknown>> };

/**
 * One date cell. `value` is the row's typed value of the column (task start/end, milestone date):
 * for a compact row it is the record's value; other rows read the record.
 */
function checkDateField(ctx: RuleContext, row: DateRow, key: string, col: number, value: string | null, yearPrefix: string): void {
  const s = cellStatus(row, key, col);
  if (s & CELL_EMPTY) return;
  const year = ctx.settings.year;
  if (s & CELL_UNREADABLE) {
    ctx.findings.push(makeFinding('date.unreadable', at(row, key), { note: recordOf(row, key)!.note, year }));
    return;
  }
  const compact = row instanceof RowRecord && row.compact;
  const f = compact ? undefined : recordOf(row, key)!;
  const date = compact ? (value as string) : (f!.value as string);
  if (!date.startsWith(yearPrefix)) ctx.findings.push(makeFinding('date.outsideYear', at(row, key), { date, year }));
  // Only flags other than dateObject/serial can give a finding below.
  if (!(s & CELL_NOTABLE)) return;
  const r = f ?? recordOf(row, key)!;
  const flags = r.flags;
  if (!flags) return;
  if (flags.includes('period')) {
    ctx.findings.push(makeFinding('date.period', at(row, key), { date }, writeFix(date, date)));
  } else if (typeof r.raw === 'string' && (flags.includes('reformatted') || flags.includes('fullWidth'))) {
    ctx.findings.push(makeFinding('date.reformatted', at(row, key), { date }, writeFix(date, date)));
  }
}

const T_START = TASK_COL.get('start')!, T_END = TASK_COL.get('end')!, M_DATE = MILESTONE_COL.get('date')!;
const TASK_DATES = (1 << T_START) | (1 << T_END);

/** A compact row whose cells in `mask` have no status bit: read, not empty, no flag that matters. */
function quiet(row: object, mask: number): boolean {
  return row instanceof RowRecord && row.compact && ((row.emptyMask | row.unreadableMask | row.notableMask) & mask) === 0;
}

export function checkDates(ctx: RuleContext): void {
  const yearPrefix = yearPrefixOf(ctx);
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) datesOfTask(ctx, yearPrefix, tasks[i]);
  const milestones = ctx.milestones;
  for (let i = 0; i < milestones.length; i++) dateOfMilestone(ctx, yearPrefix, milestones[i]);
}

/** "2023-": how every date of the plan year begins. */
export function yearPrefixOf(ctx: RuleContext): string {
  return String(ctx.settings.year) + '-';
}

export function datesOfTask(ctx: RuleContext, yearPrefix: string, t: Task): void {
  const year = ctx.settings.year;
  if (quiet(t, TASK_DATES)) {
    // Both dates read, without a note that matters (checkDateField would only check the year).
    if (!t.start!.startsWith(yearPrefix)) ctx.findings.push(makeFinding('date.outsideYear', at(t, 'start'), { date: t.start, year }));
    if (!t.end!.startsWith(yearPrefix)) ctx.findings.push(makeFinding('date.outsideYear', at(t, 'end'), { date: t.end, year }));
  } else {
    checkDateField(ctx, t, 'start', T_START, t.start, yearPrefix);
    checkDateField(ctx, t, 'end', T_END, t.end, yearPrefix);
  }
  if (t.start && t.end && t.end < t.start) ctx.findings.push(makeFinding('task.date.endBeforeStart', at(t, 'end'), { start: t.start, end: t.end }));
}

export function dateOfMilestone(ctx: RuleContext, yearPrefix: string, m: Milestone): void {
  if (quiet(m, 1 << M_DATE)) {
    if (!m.date!.startsWith(yearPrefix)) ctx.findings.push(makeFinding('date.outsideYear', at(m, 'date'), { date: m.date, year: ctx.settings.year }));
  } else checkDateField(ctx, m, 'date', M_DATE, m.date, yearPrefix);
  checkMilestoneInTask(ctx, m, ctx.taskIndex.first(m.taskCode));
}

function checkMilestoneInTask(ctx: RuleContext, m: Milestone, t: Task | undefined): void {
  if (!t || !m.date) return;
  if ((t.start && m.date < t.start) || (t.end && m.date > t.end)) {
    ctx.findings.push(makeFinding('milestone.date.outsideTask', at(m, 'date'), { date: m.date, code: t.code, start: t.start ?? '…', end: t.end ?? '…' }));
  }
}
