/**
 * The validation engine: (submission, catalog, settings) → findings. Pure; the same verdict in
 * Excel, in the browser and in the CLI.
 */
import type { Catalog } from '../catalog/types';
import { normaliseSubmission } from '../plan/submission';
import type { RawSubmission, Settings, Submission } from '../plan/types';
import { sortFindings } from './codes';
import type { Finding } from './types';
import { amountsOfLine, amountState, typeOfMilestone } from './rules/amounts';
import { budgetDone, budgetOfLine, budgetState, totalOfTask } from './rules/budget';
import { buildContext } from './rules/context';
import type { RuleContext } from './rules/context';
import { coverageDone, coverageOfTask, coverageState } from './rules/coverage';
import { dateOfMilestone, datesOfTask, yearPrefixOf } from './rules/dates';
import { draftOfTask } from './rules/draft';
import { duplicateKeyOfTask, duplicatesDone, duplicateState } from './rules/duplicates';
import { keyDatesOfTask, keyDateState } from './rules/keyDates';
import { committeeOfTask, committeeState, pointOfTask, pointState } from './rules/point';
import { requiredOfLine, requiredOfMilestone, requiredOfTask, requiredState } from './rules/required';
import { checkSubmissionMeta, codeOfTask } from './rules/submission';

export * from './types';
export { CODES, ALL_CODES, makeFinding, sortFindings, fillTemplate } from './codes';
export type { CodeDef, FindingCode } from './codes';

/**
 * Run every rule on a normalised submission. Findings come sorted by file, sheet, row, column.
 *
 * One loop per sheet runs every rule's check of a row (rules/*.ts: xOfTask, xOfLine, xOfMilestone,
 * each also run alone by its checkX). One loop instead of one per rule: V8 then compiles the rules'
 * row checks side by side while the first rows run, not one rule after another (the first run of a
 * process is faster; sortFindings makes the order the same as rule by rule).
 */
export function validateSubmission(submission: Submission, catalog: Catalog, settings: Settings): Finding[] {
  const ctx = buildContext(submission, catalog, settings);
  checkSubmissionMeta(ctx);
  taskRules(ctx);
  lineRules(ctx);
  milestoneRules(ctx);
  ctx.scorer.reset(); // its per-content caches are not needed after the run
  return sortFindings(ctx.findings);
}

function taskRules(ctx: RuleContext): void {
  const required = requiredState();
  const points = pointState(ctx);
  const committees = committeeState(ctx);
  const yearPrefix = yearPrefixOf(ctx);
  const budget = budgetState(ctx);
  const coverage = coverageState();
  const keyDates = keyDateState(ctx);
  const tasks = ctx.submission.tasks;
  const duplicates = duplicateState(tasks.length);
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    codeOfTask(ctx, t);
    requiredOfTask(ctx, required, t);
    draftOfTask(ctx, t);
    pointOfTask(ctx, points, t);
    committeeOfTask(ctx, committees, t);
    datesOfTask(ctx, yearPrefix, t);
    totalOfTask(ctx, budget, t);
    coverageOfTask(coverage, t);
    keyDatesOfTask(ctx, keyDates, t);
    duplicateKeyOfTask(duplicates, t, i);
  }
  coverageDone(ctx, coverage);
  duplicatesDone(ctx, duplicates);
}

function lineRules(ctx: RuleContext): void {
  const amounts = amountState(ctx);
  const budget = budgetState(ctx);
  const lines = ctx.submission.budgetLines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    requiredOfLine(ctx, l);
    amountsOfLine(ctx, amounts, l);
    budgetOfLine(ctx, budget, l);
  }
  budgetDone(ctx, budget);
}

function milestoneRules(ctx: RuleContext): void {
  const amounts = amountState(ctx);
  const yearPrefix = yearPrefixOf(ctx);
  const milestones = ctx.milestones;
  for (let i = 0; i < milestones.length; i++) {
    const m = milestones[i];
    requiredOfMilestone(ctx, m);
    dateOfMilestone(ctx, yearPrefix, m);
    typeOfMilestone(ctx, amounts, m);
  }
}

/** Read findings of the host + normalisation findings + validation, sorted by sheet, row, column. */
export function checkSubmission(raw: RawSubmission, catalog: Catalog, settings: Settings): { submission: Submission; findings: Finding[] } {
  const { submission, findings } = normaliseSubmission(raw, catalog, settings);
  const all = [...(raw.readFindings ?? []), ...findings, ...validateSubmission(submission, catalog, settings)];
  return { submission, findings: sortFindings(all) };
}
