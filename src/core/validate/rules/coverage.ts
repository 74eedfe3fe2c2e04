/** Coverage: every point the workbook's committee carries out should have a confirmed task. */
import { makeFinding } from '../codes';
import { sheetAt } from './context';
import type { RuleContext } from './context';

export function checkCoverage(ctx: RuleContext): void {
  const cid = ctx.submission.committeeId;
  if (!cid) return;
  const confirmed = new Set<number>();
  const drafts = new Set<number>();
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    if (t.point === null) continue;
    (t.draft ? drafts : confirmed).add(t.point);
  }
  for (const p of ctx.catalog.points) {
    const owns = p.committeeIds.includes(cid) || p.measures.some((m) => m.committeeId === cid);
    if (!owns || confirmed.has(p.number)) continue;
    const code = drafts.has(p.number) ? 'coverage.point.draftOnly' : 'coverage.point.noTask';
    ctx.findings.push(makeFinding(code, { ...sheetAt(ctx, '任务表'), raw: null }, { point: p.number, title: p.title }));
  }
}
