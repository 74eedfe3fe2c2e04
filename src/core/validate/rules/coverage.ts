/** Coverage: every point the workbook's committee carries out should have a confirmed task. */
import type { Task } from '../../plan/types';
import { makeFinding } from '../codes';
import { sheetAt } from './context';
import type { RuleContext } from './context';

/** The points that have a confirmed task, and those with drafts only so far. */
export interface CoverageState {
  confirmed: Set<number>;
  drafts: Set<number>;
}

export function coverageState(): CoverageState {
  return { confirmed: new Set(), drafts: new Set() };
}

export function coverageOfTask(st: CoverageState, t: Task): void {
  if (t.point === null) return;
  (t.draft ? st.drafts : st.confirmed).add(t.point);
}

/** After every task: the points of the workbook's committee without a confirmed task. */
export function coverageDone(ctx: RuleContext, st: CoverageState): void {
  const cid = ctx.submission.committeeId;
  if (!cid) return;
  for (const p of ctx.catalog.points) {
    const owns = p.committeeIds.includes(cid) || p.measures.some((m) => m.committeeId === cid);
    if (!owns || st.confirmed.has(p.number)) continue;
    const code = st.drafts.has(p.number) ? 'coverage.point.draftOnly' : 'coverage.point.noTask';
    ctx.findings.push(makeFinding(code, { ...sheetAt(ctx, '任务表'), raw: null }, { point: p.number, title: p.title }));
  }
}

export function checkCoverage(ctx: RuleContext): void {
  if (!ctx.submission.committeeId) return;
  const st = coverageState();
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) coverageOfTask(st, tasks[i]);
  coverageDone(ctx, st);
}
