/**
 * Key dates named in the plan text (resolved to the plan year with resolveKeyDates):
 *  - a "deadline" key date (the measure publishes results / awards on that day, e.g. 5月30日 for the
 *    老科协奖): a task about it must end on or before that date (keyDate.deadline);
 *  - any other key date is an occasion (e.g. 农历九月初九 重阳节 for the 全国老科技工作者日): a task about it
 *    must overlap the week around it, date − 3 … date + 3 (keyDate.week).
 * A task is "about" a key date when it carries the key date's point and its name or content names
 * one of the measure's quoted terms (“老科协奖”, “全国老科技工作者日”), the event or the bracketed
 * festival (重阳节).
 */
import type { KeyDate } from '../../catalog/types';
import { daysFromIso, isoFromDays } from '../../plan/normalise';
import type { Task } from '../../plan/types';
import { makeFinding } from '../codes';
import { at } from './context';
import type { RuleContext } from './context';

const DEADLINE_RE = /公布|表彰|截止|之前|前完成|评选结果/;

interface KeyDateCheck {
  kd: KeyDate;
  keywords: string[];
  mode: 'deadline' | 'week';
  /** The week around the date (mode 'week'): date − 3 … date + 3. */
  weekStart: string;
  weekEnd: string;
}

/**
 * A task names a keyword in its name or content: as `${name}\n${content}`.includes(k), without
 * building that text (a keyword without a line break cannot span the two).
 */
function names(name: string, content: string, keywords: string[]): boolean {
  for (let i = 0; i < keywords.length; i++) {
    const k = keywords[i];
    if (k.includes('\n') ? `${name}\n${content}`.includes(k) : name.includes(k) || content.includes(k)) return true;
  }
  return false;
}

function checksOf(ctx: RuleContext): KeyDateCheck[] {
  const out: KeyDateCheck[] = [];
  for (const kd of ctx.keyDates) {
    const point = ctx.pointByNumber.get(kd.point);
    const measure = point?.measures.find((m) => m.index === kd.measureIndex);
    const text = measure?.text ?? '';
    const keywords = new Set<string>();
    for (const m of text.matchAll(/“([^”]{2,})”/g)) keywords.add(m[1]);
    if (kd.event) keywords.add(kd.event);
    const bracket = /[（(]([^）)]+)[）)]/.exec(kd.label);
    if (bracket) keywords.add(bracket[1]);
    const mode = kd.calendar === 'solar' && DEADLINE_RE.test(text) ? 'deadline' : 'week';
    const day = mode === 'week' ? daysFromIso(kd.date) : 0;
    out.push({ kd, keywords: [...keywords], mode, weekStart: mode === 'week' ? isoFromDays(day - 3) : '', weekEnd: mode === 'week' ? isoFromDays(day + 3) : '' });
  }
  return out;
}

/** The key-date checks of each point, in their order (null when the catalog has no key date). */
export type KeyDateState = Map<number, KeyDateCheck[]> | null;

export function keyDateState(ctx: RuleContext): KeyDateState {
  const checks = checksOf(ctx);
  if (!checks.length) return null;
  const byPoint = new Map<number, KeyDateCheck[]>();
  for (const c of checks) {
    const list = byPoint.get(c.kd.point);
    if (list) list.push(c);
    else byPoint.set(c.kd.point, [c]);
  }
  return byPoint;
}

export function checkKeyDates(ctx: RuleContext): void {
  const st = keyDateState(ctx);
  if (!st) return;
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) keyDatesOfTask(ctx, st, tasks[i]);
}

export function keyDatesOfTask(ctx: RuleContext, byPoint: KeyDateState, t: Task): void {
  if (byPoint === null || t.point === null) return;
  const own = byPoint.get(t.point);
  if (own === undefined) return;
  for (let i = 0; i < own.length; i++) {
    const c = own[i];
    if (!names(t.name, t.content, c.keywords)) continue;
    const event = c.kd.event || c.keywords[0] || c.kd.label;
    if (c.mode === 'deadline') {
      if (t.end && t.end > c.kd.date) ctx.findings.push(makeFinding('keyDate.deadline', at(t, 'end'), { event, date: c.kd.date, label: c.kd.label, end: t.end }));
    } else {
      const weekStart = c.weekStart, weekEnd = c.weekEnd;
      const start = t.start ?? t.end, end = t.end ?? t.start;
      if (!start || !end) continue;
      if (end < weekStart || start > weekEnd) {
        ctx.findings.push(
          makeFinding('keyDate.week', at(t, end < weekStart ? 'end' : 'start'), { event, label: c.kd.label, date: c.kd.date, start, end, weekStart, weekEnd }),
        );
      }
    }
  }
}
