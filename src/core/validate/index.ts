/**
 * The validation engine: (submission, catalog, settings) → findings. Pure; the same verdict in
 * Excel, in the browser and in the CLI.
 */
import type { Catalog } from '../catalog/types';
import { normaliseSubmission } from '../plan/submission';
import type { RawSubmission, Settings, Submission } from '../plan/types';
import { sortFindings } from './codes';
import type { Finding } from './types';
import { checkAmounts } from './rules/amounts';
import { checkBudget } from './rules/budget';
import { buildContext } from './rules/context';
import { checkCoverage } from './rules/coverage';
import { checkDates } from './rules/dates';
import { checkDrafts } from './rules/draft';
import { checkDuplicates } from './rules/duplicates';
import { checkKeyDates } from './rules/keyDates';
import { checkCommittees, checkPoints } from './rules/point';
import { checkRequired } from './rules/required';
import { checkSubmissionMeta } from './rules/submission';

export * from './types';
export { CODES, ALL_CODES, makeFinding, sortFindings, fillTemplate } from './codes';
export type { CodeDef, FindingCode } from './codes';

/** Run every rule on a normalised submission. Findings come sorted by file, sheet, row, column. */
export function validateSubmission(submission: Submission, catalog: Catalog, settings: Settings): Finding[] {
  const ctx = buildContext(submission, catalog, settings);
  checkSubmissionMeta(ctx);
  checkRequired(ctx);
  checkDrafts(ctx);
  checkPoints(ctx);
  checkCommittees(ctx);
  checkDates(ctx);
  checkAmounts(ctx);
  checkBudget(ctx);
  checkDuplicates(ctx);
  checkCoverage(ctx);
  checkKeyDates(ctx);
  return sortFindings(ctx.findings);
}

/** Read findings of the host + normalisation findings + validation, sorted by sheet, row, column. */
export function checkSubmission(raw: RawSubmission, catalog: Catalog, settings: Settings): { submission: Submission; findings: Finding[] } {
  const { submission, findings } = normaliseSubmission(raw, catalog, settings);
  const all = [...(raw.readFindings ?? []), ...findings, ...validateSubmission(submission, catalog, settings)];
  return { submission, findings: sortFindings(all) };
}
