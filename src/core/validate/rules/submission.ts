/** Submission-level rules: metadata (year, catalog, committee), no tasks, repeated task codes. */
import type { BudgetUnit, Task } from '../../plan/types';
import { makeFinding } from '../codes';
import { at, sheetAt } from './context';
import type { RuleContext } from './context';

const UNIT_EN: Record<BudgetUnit, string> = { 元: 'yuan', 万元: '10k yuan' };

/** The budget unit a workbook was generated with (_meta budgetUnit), or null when absent or not one. */
export function metaBudgetUnit(meta: Record<string, string>): BudgetUnit | null {
  const u = String(meta.budgetUnit ?? '').trim();
  return u === '元' || u === '万元' ? u : null;
}

export function checkSubmissionMeta(ctx: RuleContext): void {
  const { submission, settings, catalog, findings } = ctx;
  const meta = submission.meta ?? {};
  const yearText = meta.year ?? meta.planYear ?? meta['计划年度'];
  if (yearText !== undefined && String(yearText).trim() !== '') {
    const y = parseInt(String(yearText), 10);
    if (y !== settings.year) findings.push(makeFinding('submission.year.mismatch', { ...sheetAt(ctx, ''), raw: yearText }, { metaYear: yearText, year: settings.year }));
  }
  const hash = meta.catalogHash ?? meta.catalog_hash;
  if (hash && hash !== catalog.hash) findings.push(makeFinding('submission.catalog.mismatch', { ...sheetAt(ctx, ''), raw: hash }, { metaHash: hash, hash: catalog.hash }));
  const metaUnit = metaBudgetUnit(meta);
  if (metaUnit && metaUnit !== settings.budgetUnit) {
    findings.push(makeFinding('submission.unit.mismatch', { ...sheetAt(ctx, ''), raw: metaUnit }, { metaUnit, unit: settings.budgetUnit, metaUnitEn: UNIT_EN[metaUnit], unitEn: UNIT_EN[settings.budgetUnit] }));
  }
  const committee = meta.committeeId ?? meta.committee_id ?? meta.committee ?? meta['专委会'];
  if (committee && !submission.committeeId) findings.push(makeFinding('submission.committee.unknown', { ...sheetAt(ctx, ''), raw: committee }));
  if (submission.tasks.length === 0) findings.push(makeFinding('submission.empty', sheetAt(ctx, '任务表')));
}

/** A task whose code an earlier task already has. */
export function codeOfTask(ctx: RuleContext, t: Task): void {
  if (!t.code || ctx.taskIndex.isFirst(t)) return;
  const first = ctx.taskIndex.first(t.code)!;
  ctx.findings.push(makeFinding('task.code.duplicate', at(t, 'code'), { code: t.code, otherRow: first.source.row }));
}

/** checkSubmissionMeta and codeOfTask for every task (validateSubmission runs the per-task part in its task loop). */
export function checkMetaAndCodes(ctx: RuleContext): void {
  checkSubmissionMeta(ctx);
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) codeOfTask(ctx, tasks[i]);
}
