/**
 * What a reader process (src/cli/readerChild.ts) does with one input file, by kind of command:
 * consolidate (read + check → the slimmed ConsolidationInput), validate (read + check → the
 * findings and counts), feedback (read + check + render the 退回意见 copy → its bytes). Also run in
 * process when the caller asks for no reader processes (tests, `workers: 0`).
 */
import { basename } from 'path';
import type { Catalog } from '../core/catalog/types';
import type { Settings } from '../core/plan/types';
import type { Finding } from '../core/validate/types';
import type { ConsolidationInput } from '../core/consolidate/types';
import { measureHints } from '../core/consolidate';
import { warmUpChecks } from '../core/consolidate/input';
import { readInput, slimInput } from './commands/consolidate.read';
import { readInputFile, unreadableFinding } from './files';
import { inflateRaw } from './inflate';
import { errorText, failedRefusal, readWorkbook } from '../hosts/xlsx/read';

export type ReaderJobKind = 'consolidate' | 'validate' | 'feedback';

export interface ReaderJob {
  kind: ReaderJobKind;
  path: string;
  /** The file's name as shown (default: the path's base name). */
  name?: string;
  /** feedback: the ISO time written on 修改意见 (default now). */
  generatedAt?: string;
}

export interface ConsolidateResult {
  input: ConsolidationInput;
  read: number;
  check: number;
}

export type ValidateResult =
  | { refused: true; findings: Finding[] }
  | { refused: false; tasks: number; budgetLines: number; total: number; findings: Finding[] };

export type FeedbackResult = { refusal: Finding } | { bytes: Uint8Array; errors: number; warnings: number; infos: number };

export interface ReaderResults {
  consolidate: ConsolidateResult;
  validate: ValidateResult;
  feedback: FeedbackResult;
}

type Check = typeof import('../core/validate').checkSubmission;
let checkFn: Check | undefined;
/** The validation engine, loaded on first use (a consolidate reader does not need it). */
function check(): Check {
  return (checkFn ??= (require('../core/validate') as typeof import('../core/validate')).checkSubmission);
}

/**
 * Before the first file (a reader is told it is ready only after this): load what the kind of job
 * needs and build what depends only on the catalog and settings (core's warmUpChecks: the
 * similarity indexes, point lookups, the checks compiled on a small made-up submission), so that
 * no file pays for it (nor its time limit).
 */
export function warmUp(kind: ReaderJobKind, catalog: Catalog, settings: Settings): void {
  check();
  warmUpChecks(catalog, settings);
  if (kind === 'feedback') require('./feedbackRender');
}

/** Read and check one file for consolidate: what goes back to the main process (slimmed, with the measure hints). */
export async function consolidateJob(job: ReaderJob, catalog: Catalog, settings: Settings): Promise<ConsolidateResult> {
  const r = await readInput(job.path, job.name ?? basename(job.path), catalog, settings);
  const t = performance.now();
  const input = slimInput(r.input);
  if (input.outcome.kind === 'checked') input.measures = measureHints(input.outcome.submission, catalog);
  return { input, read: r.read, check: r.check + (performance.now() - t) };
}

/** Read and check one file: its refusal, or the submission and its findings. */
async function readAndCheck(path: string, name: string, catalog: Catalog, settings: Settings) {
  let bytes: Uint8Array;
  try {
    bytes = readInputFile(path);
  } catch (e) {
    return { refusal: unreadableFinding(name, e) } as const;
  }
  const r = await readWorkbook(bytes, name, { inflate: inflateRaw, limits: settings.limits });
  if (r.refusal) return { refusal: r.refusal as Finding } as const;
  try {
    return { bytes, raw: r.raw, ...check()(r.raw, catalog, settings) } as const;
  } catch (e) {
    // one file's failure is that file's refusal: the others are still checked
    return { refusal: failedRefusal(name, errorText(e)).refusal } as const;
  }
}

export async function validateJob(job: ReaderJob, catalog: Catalog, settings: Settings): Promise<ValidateResult> {
  const r = await readAndCheck(job.path, job.name ?? basename(job.path), catalog, settings);
  if (r.refusal) return { refused: true, findings: [r.refusal] };
  const total = r.submission.budgetLines.reduce((s, l) => s + (l.amount ?? 0), 0);
  return { refused: false, tasks: r.submission.tasks.length, budgetLines: r.submission.budgetLines.length, total: Math.round(total * 10000) / 10000, findings: r.findings };
}

export async function feedbackJob(job: ReaderJob, catalog: Catalog, settings: Settings): Promise<FeedbackResult> {
  const r = await readAndCheck(job.path, job.name ?? basename(job.path), catalog, settings);
  if (r.refusal) return { refusal: r.refusal };
  // loaded on first use (excelts): a consolidate or validate reader never needs it
  const { renderFeedback } = require('./feedbackRender') as typeof import('./feedbackRender');
  const committee = catalog.committees.find((c) => c.id === r.submission.committeeId)?.name;
  const bytes = await renderFeedback(r.bytes, r.raw, r.findings, { committee, generatedAt: job.generatedAt });
  const n = (s: string) => r.findings.filter((f) => f.severity === s).length;
  return { bytes, errors: n('error'), warnings: n('warning'), infos: n('info') };
}

/** Run one job of any kind. */
export function runJob<K extends ReaderJobKind>(job: ReaderJob & { kind: K }, catalog: Catalog, settings: Settings): Promise<ReaderResults[K]> {
  const f = { consolidate: consolidateJob, validate: validateJob, feedback: feedbackJob }[job.kind];
  return f(job, catalog, settings) as Promise<ReaderResults[K]>;
}
