/**
 * Read and check one submission file for the page's 汇总: in a reader worker (check.worker.ts) or,
 * without workers, on the main thread (pool.ts). What the CLI's consolidate.read.ts readInput does
 * for a path, for bytes: the settings' reading limits apply, a failure of the checker is that
 * file's refusal, and the measure each task covers is worked out here (in parallel, in a worker).
 */
import { measureHints } from '../../core/consolidate';
import type { Catalog } from '../../core/catalog/types';
import type { Milestone, Normalised, Settings, Submission } from '../../core/plan/types';
import { sha256 } from '../../core/util/sha256';
import { checkSubmission } from '../../core/validate';
import { errorText, failedRefusal, readWorkbook } from '../../hosts/xlsx/read';
import type { Checked, Refused } from './types';

export type CheckedFile = { checked: Checked; refused?: undefined } | { checked?: undefined; refused: Refused };

export async function checkOne(bytes: Uint8Array, name: string, modifiedAt: string | undefined, catalog: Catalog, settings: Settings): Promise<CheckedFile> {
  const base = { file: name, sha256: sha256(bytes), size: bytes.length, ...(modifiedAt ? { modifiedAt } : {}) };
  const read = await readWorkbook(bytes, name, { limits: settings.limits });
  if (read.refusal) return { refused: { ...base, finding: read.refusal } };
  try {
    const { submission, findings } = checkSubmission(read.raw, catalog, settings);
    return { checked: { ...base, raw: read.raw, submission, findings, measures: measureHints(submission, catalog) } };
  } catch (e) {
    // one file's failure (a RangeError, a bug met by odd input) is that file's refusal, never the run's
    return { refused: { ...base, finding: failedRefusal(name, errorText(e)).refusal } };
  }
}

const NONE = Object.freeze({}) as Record<string, never>;

/**
 * A checked file as a worker posts it. Rows of a normalised submission are class instances whose
 * `fields` are built on first access (core/plan/rows.ts) and would not survive the structured clone:
 * they become plain objects carrying what consolidation reads (a task's `fields.point`), as the
 * CLI's reader threads send them (consolidate.read.ts slimInput).
 */
export function forPosting(r: CheckedFile): CheckedFile {
  if (!r.checked) return r;
  const sub = r.checked.submission;
  const slimMilestone = (m: Milestone): Milestone => ({ ...m, fields: NONE });
  const submission: Submission = {
    ...sub,
    tasks: sub.tasks.map((t) => {
      const p = t.fields.point;
      const fields: Record<string, Normalised<unknown>> = p ? { point: { value: p.value, raw: p.raw } as Normalised<unknown> } : NONE;
      return { ...t, fields, milestones: t.milestones.map(slimMilestone) };
    }),
    budgetLines: sub.budgetLines.map((l) => ({ ...l, fields: NONE })),
    orphanMilestones: sub.orphanMilestones.map(slimMilestone),
  };
  // The raw rows are what a 退回意见 copy is made from: sent only for a file that will offer one
  // (a finding above 提示); consolidation does not read them.
  const raw = r.checked.findings.some((f) => f.severity !== 'info') ? r.checked.raw : { ...r.checked.raw, tasks: [], budgetLines: [], milestones: [] };
  return { checked: { ...r.checked, raw, submission } };
}
