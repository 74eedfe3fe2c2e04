/**
 * Draft rows (草稿). The committee workbook pre-fills one draft task per measure of the committee's
 * points, marked 草稿, so the clerk keeps, edits or deletes them. Decision:
 *  - a draft nobody touched (no owner, no dates, no budget lines, no milestones) is one info finding
 *    (task.draft.untouched) and its empty required cells are not reported one by one;
 *  - a draft that was filled in but still carries 草稿 is a warning (task.draft.filled): consolidation
 *    does not count drafts as confirmed tasks; its missing required cells are warnings, not errors;
 *  - every other rule (dates, amounts, point, committee) applies to drafts as to any task;
 *  - drafts do not cover a point (coverage.point.draftOnly instead of coverage.point.noTask).
 */
import type { Task } from '../../plan/types';
import { makeFinding } from '../codes';
import { at } from './context';
import type { RuleContext } from './context';

export function draftOfTask(ctx: RuleContext, t: Task): void {
  if (!t.draft) return;
  if (ctx.untouchedDrafts.has(t)) ctx.findings.push(makeFinding('task.draft.untouched', at(t, 'draft'), { name: t.name || t.content.slice(0, 30) }));
  else ctx.findings.push(makeFinding('task.draft.filled', at(t, 'draft')));
}

export function checkDrafts(ctx: RuleContext): void {
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) draftOfTask(ctx, tasks[i]);
}
