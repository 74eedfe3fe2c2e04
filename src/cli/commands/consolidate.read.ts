/**
 * Reading and checking one submission for `plan-budget consolidate`, and what of it goes back from a
 * reader thread (slimInput). Kept apart from consolidate.ts so that the worker threads load only
 * this (no excelts, no summary rendering): they start faster.
 */
import { createHash } from 'crypto';
import { statSync } from 'fs';
import type { ConsolidationInput } from '../../core/consolidate/types';
import { inputOf } from '../../core/consolidate/input';
import type { Catalog } from '../../core/catalog/types';
import type { Milestone, Normalised, RowSource, Settings } from '../../core/plan/types';
import type { Finding } from '../../core/validate/types';
import { errorText, failedRefusal, limitRefusal, readWorkbook } from '../../hosts/xlsx/read';
import { LimitExceeded } from '../../core/limits';
import { recordOf } from '../../core/plan/rows';
import { readInputFile, unreadableFinding } from '../files';
import { inflateRaw } from '../inflate';

/** Read one file and check it: its ConsolidationInput (a refusal when unreadable) and the time of each step. */
export async function readInput(path: string, name: string, catalog: Catalog, settings: Settings): Promise<{ input: ConsolidationInput; read: number; check: number }> {
  const t0 = performance.now();
  let bytes: Uint8Array;
  let modifiedAt: string | undefined;
  try {
    bytes = readInputFile(path);
  } catch (e) {
    return { input: refusedInput(name, unreadableFinding(name, e)), read: performance.now() - t0, check: 0 };
  }
  // The file's modification time orders a committee's files when neither a 提交 stamp nor the
  // workbook's saved time decides (core/consolidate/latest.ts); optional, so a failed stat is no error.
  try {
    const mtime = statSync(path).mtime;
    if (Number.isFinite(mtime.getTime())) modifiedAt = mtime.toISOString();
  } catch {
    modifiedAt = undefined;
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  const read = await readWorkbook(bytes, name, { inflate: inflateRaw, limits: settings.limits });
  const t1 = performance.now();
  let input: ConsolidationInput;
  try {
    input = inputOf(name, bytes, read, catalog, settings, hash, modifiedAt);
  } catch (e) {
    // one file's failure (a RangeError, a bug met by odd input) is that file's refusal, never the run's
    input = refusedInput(name, failedRefusal(name, errorText(e)).refusal, hash, bytes.length);
  }
  return { input, read: t1 - t0, check: performance.now() - t1 };
}

/** A refused input. */
export function refusedInput(name: string, finding: Finding, sha256 = '', size = 0): ConsolidationInput {
  return { fileName: name, sha256, size, outcome: { kind: 'refused', finding } };
}

/** A file whose reader thread went past a limit (memory, time) or died: its refusal. */
export function workerFailure(name: string, why: { limit: 'readerMemoryMB' | 'fileSeconds'; max: number } | { error: string }): ConsolidationInput {
  const r = 'limit' in why ? limitRefusal(new LimitExceeded(why.limit, why.max, why.max, '', true), name) : failedRefusal(name, why.error);
  return refusedInput(name, r.refusal);
}

/**
 * What consolidation needs of a checked input, for sending between processes: no raw rows, no column
 * letters (`columns` undefined: optional, and only findings, made already, use them), no file name in
 * each row's source when it is the input's, and of the per-cell normalisation records (`fields`)
 * only the raw point of a task (consolidate reads `fields.point.raw`). Emptied maps are one shared
 * object.
 */
const NONE = Object.freeze({}) as Record<string, never>;
/** A row's source without its file name when that is the input's (consolidate falls back to the input's name). */
const slimSource = (s: RowSource, file: string): RowSource => (s.file === file ? { file: '', sheet: s.sheet, row: s.row } : s);

export function slimInput(input: ConsolidationInput): ConsolidationInput {
  const o = input.outcome;
  if (o.kind !== 'checked') return input;
  const sub = o.submission;
  const file = input.fileName;
  const slimMilestone = (m: Milestone): Milestone => ({ ...m, fields: NONE, columns: undefined, source: slimSource(m.source, file) });
  const submission = {
    ...sub,
    tasks: sub.tasks.map((t) => {
      // one cell's record (recordOf), not the row's whole fields object, built for this alone
      const p = recordOf(t, 'point');
      const fields: Record<string, Normalised<unknown>> = p ? { point: { value: p.value, raw: p.raw } as Normalised<unknown> } : NONE;
      return { ...t, fields, columns: undefined, source: slimSource(t.source, file), milestones: t.milestones.map(slimMilestone) };
    }),
    budgetLines: sub.budgetLines.map((l) => ({ ...l, fields: NONE, columns: undefined, source: slimSource(l.source, file) })),
    orphanMilestones: sub.orphanMilestones.map(slimMilestone),
  };
  return { ...input, outcome: { ...o, raw: { ...o.raw, tasks: [], budgetLines: [], milestones: [] }, submission } };
}

