/** Dates: unreadable, outside the plan year, periods and reformatted text (one-click fix), end before start, milestone outside its task. */
import type { Milestone, Normalised, RowSource, Task } from '../../plan/types';
import { makeFinding } from '../codes';
import { at } from './context';
import type { RuleContext } from './context';

function checkDateField(ctx: RuleContext, row: { source: RowSource; columns?: Record<string, string>; fields?: Record<string, Normalised<unknown>> }, key: string): void {
  const f = row.fields ? row.fields[key] : undefined;
  if (!f || f.empty) return;
  const year = ctx.settings.year;
  if (f.unreadable) {
    ctx.findings.push(makeFinding('date.unreadable', at(row, key), { note: f.note, year }));
    return;
  }
  const date = f.value as string;
  if (!date.startsWith(String(year) + '-')) ctx.findings.push(makeFinding('date.outsideYear', at(row, key), { date, year }));
  const flags = f.flags;
  if (!flags) return;
  if (flags.includes('period')) {
    ctx.findings.push(makeFinding('date.period', at(row, key), { date }, { autoFix: { value: date, label: { zh: `写入 ${date}`, en: `Write ${date}` } } }));
  } else if (typeof f.raw === 'string' && (flags.includes('reformatted') || flags.includes('fullWidth'))) {
    ctx.findings.push(makeFinding('date.reformatted', at(row, key), { date }, { autoFix: { value: date, label: { zh: `写入 ${date}`, en: `Write ${date}` } } }));
  }
}

export function checkDates(ctx: RuleContext): void {
  for (const t of ctx.submission.tasks) {
    checkDateField(ctx, t, 'start');
    checkDateField(ctx, t, 'end');
    if (t.start && t.end && t.end < t.start) ctx.findings.push(makeFinding('task.date.endBeforeStart', at(t, 'end'), { start: t.start, end: t.end }));
  }
  for (const m of ctx.milestones) {
    checkDateField(ctx, m, 'date');
    checkMilestoneInTask(ctx, m, m.taskCode ? ctx.taskByCode.get(m.taskCode) : undefined);
  }
}

function checkMilestoneInTask(ctx: RuleContext, m: Milestone, t: Task | undefined): void {
  if (!t || !m.date) return;
  if ((t.start && m.date < t.start) || (t.end && m.date > t.end)) {
    ctx.findings.push(makeFinding('milestone.date.outsideTask', at(m, 'date'), { date: m.date, code: t.code, start: t.start ?? '…', end: t.end ?? '…' }));
  }
}
