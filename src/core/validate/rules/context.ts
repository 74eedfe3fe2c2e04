/** Shared context of the validation rules: lookups built once per validateSubmission call. */
import type { Catalog, KeyDate, WorkPoint } from '../../catalog/types';
import { resolveKeyDates } from '../../catalog/keyDates';
import { buildPointIndex } from '../../catalog/similarity';
import type { PointIndex } from '../../catalog/similarity';
import { taskTextScorerOf } from '../../catalog/taskScorer';
import type { TaskTextScorer } from '../../catalog/taskScorer';
import type { BudgetLine, Milestone, Normalised, RowSource, Settings, Submission, Task } from '../../plan/types';
import { CELL_EMPTY, rawOf, statusMask, TASK_COL } from '../../plan/rows';
import { taskIndexOf } from '../../plan/submission';
import type { TaskIndex } from '../../plan/submission';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, SHEET_NAMES, TASK_COLUMNS } from '../../sheets/columns';
import type { FindingAt } from '../codes';
import type { Finding } from '../types';

export interface RuleContext {
  submission: Submission;
  catalog: Catalog;
  settings: Settings;
  index: PointIndex;
  /** Scores task texts (name + beginning of content) against points and measures; caches per content. */
  scorer: TaskTextScorer;
  pointByNumber: Map<number, WorkPoint>;
  /** First task per code. */
  taskIndex: TaskIndex;
  /** Sum of the line amounts per task code, in line order, for every code with a line (built on first use). */
  readonly lineTotals: Map<string, number>;
  /** Every milestone: attached and orphan. */
  milestones: Milestone[];
  keyDates: KeyDate[];
  /** Drafts that nobody has worked on (no owner, dates, budget lines or milestones). */
  untouchedDrafts: Set<Task>;
  findings: Finding[];
}

const indexCache = new WeakMap<object, PointIndex>();
/** The similarity index of a catalog, built once per catalog object. */
export function pointIndexOf(catalog: Catalog): PointIndex {
  let ix = indexCache.get(catalog.points);
  if (!ix) {
    ix = buildPointIndex(catalog);
    indexCache.set(catalog.points, ix);
  }
  return ix;
}

/** Lookups of a catalog's points used by every validation run, built once per points array (catalogs are not changed in place). */
export interface PointLookups {
  pointByNumber: Map<number, WorkPoint>;
  /** Point number → its index in point order (the similarity index's order). */
  pointIdx: Map<number, number>;
  /** Points whose measures belong to several committees (point 15). */
  shared: Set<number>;
}
const lookupCache = new WeakMap<object, PointLookups>();
export function pointLookupsOf(catalog: Catalog): PointLookups {
  let l = lookupCache.get(catalog.points);
  if (!l) {
    l = {
      pointByNumber: new Map(catalog.points.map((p) => [p.number, p])),
      pointIdx: new Map(pointIndexOf(catalog).points.map((d, i) => [d.id, i])),
      shared: new Set(catalog.points.filter((p) => new Set(p.measures.map((m) => m.committeeId).filter(Boolean)).size > 1).map((p) => p.number)),
    };
    lookupCache.set(catalog.points, l);
  }
  return l;
}

const keyDateCache = new WeakMap<object, Map<number, KeyDate[]>>();
function keyDatesOf(catalog: Catalog, year: number): KeyDate[] {
  let byYear = keyDateCache.get(catalog.keyDateRules);
  if (!byYear) keyDateCache.set(catalog.keyDateRules, (byYear = new Map()));
  let kd = byYear.get(year);
  if (!kd) byYear.set(year, (kd = resolveKeyDates(catalog.keyDateRules, year)));
  return kd;
}

/** Sum of the amounts of the lines of each task code (in line order), for every code that has a line. */
function totalsByCode(lines: BudgetLine[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.taskCode) continue;
    const sum = totals.get(l.taskCode);
    if (l.amount !== null) totals.set(l.taskCode, (sum ?? 0) + l.amount);
    else if (sum === undefined) totals.set(l.taskCode, 0);
  }
  return totals;
}

function allMilestones(submission: Submission): Milestone[] {
  const milestones: Milestone[] = [];
  const tasks = submission.tasks;
  for (let i = 0; i < tasks.length; i++) {
    const ms = tasks[i].milestones;
    for (let j = 0; j < ms.length; j++) milestones.push(ms[j]);
  }
  const orphans = submission.orphanMilestones;
  for (let i = 0; i < orphans.length; i++) milestones.push(orphans[i]);
  return milestones;
}

function untouchedDraftsOf(tasks: Task[], lines: BudgetLine[]): Set<Task> {
  // Drafts with nothing filled in but maybe budget lines; then which of their codes have a line.
  const candidates: Task[] = [];
  const codes = new Set<string>();
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    if (!t.draft) continue;
    const touched = !!t.owner || (~statusMask(t, 'tasks', CELL_EMPTY) & DATES_MASK) !== 0 || t.milestones.length > 0;
    if (touched) continue;
    candidates.push(t);
    if (t.code) codes.add(t.code);
  }
  const untouchedDrafts = new Set<Task>();
  if (candidates.length === 0) return untouchedDrafts;
  const withLines = codesWithLines(lines, codes);
  for (let i = 0; i < candidates.length; i++) {
    const t = candidates[i];
    if (!(t.code && withLines.has(t.code))) untouchedDrafts.add(t);
  }
  return untouchedDrafts;
}

/** Which of `codes` some budget line names. */
function codesWithLines(lines: BudgetLine[], codes: Set<string>): Set<string> {
  const found = new Set<string>();
  if (codes.size === 0) return found;
  for (let i = 0; i < lines.length; i++) {
    const code = lines[i].taskCode;
    if (code && codes.has(code)) found.add(code);
  }
  return found;
}

export function buildContext(submission: Submission, catalog: Catalog, settings: Settings): RuleContext {
  const tasks = submission.tasks;
  const lines = submission.budgetLines;
  // Indexed loops in these helpers: in the first run (before V8 optimises) for…of allocates an iterator result per row.
  const taskIndex = taskIndexOf(tasks);
  let totals: Map<string, number> | undefined;
  const lineTotals = (): Map<string, number> => (totals ??= totalsByCode(lines));
  const milestones = allMilestones(submission);
  const untouchedDrafts = untouchedDraftsOf(tasks, lines);
  return {
    submission,
    catalog,
    settings,
    index: pointIndexOf(catalog),
    scorer: taskTextScorerOf(pointIndexOf(catalog), CONTENT_CHARS),
    pointByNumber: pointLookupsOf(catalog).pointByNumber,
    taskIndex,
    get lineTotals() {
      return lineTotals();
    },
    milestones,
    keyDates: keyDatesOf(catalog, settings.year),
    untouchedDrafts,
    findings: [],
  };
}

/** Start and end date columns: a draft with either filled in has been worked on. */
const DATES_MASK = (1 << TASK_COL.get('start')!) | (1 << TASK_COL.get('end')!);

/** Where a finding about `key` of a row sits. */
export function at(row: { source: RowSource; columns?: Record<string, string>; fields?: Record<string, Normalised<unknown>> }, key: string): FindingAt {
  return { source: row.source, column: row.columns ? row.columns[key] ?? '' : '', columnKey: key, raw: rawOf(row, key) };
}

type WriteFix = { autoFix: NonNullable<Finding['autoFix']> };
const WRITE_FIXES = new Map<string, WriteFix>();
/**
 * The one-click fix writing `value` (label 写入 `text`), as makeFinding's `extra`: one per text and
 * value, shared by every finding that writes it (frozen: findings never change it). Dates and
 * amounts repeat a lot.
 */
export function writeFix(value: string | number, text: string): WriteFix {
  let w = WRITE_FIXES.get(text);
  if (w === undefined || !Object.is(w.autoFix.value, value)) {
    w = Object.freeze({ autoFix: Object.freeze({ value, label: Object.freeze({ zh: `写入 ${text}`, en: `Write ${text}` }) }) });
    if (WRITE_FIXES.size < 10_000) WRITE_FIXES.set(text, w);
  }
  return w;
}

/** A workbook/sheet-level location. */
export function sheetAt(ctx: RuleContext, sheet: string): FindingAt {
  return { source: { file: ctx.submission.file, sheet, row: 0 } };
}

const HEADERS = new Map<string, { zh: string; en: string }>();
for (const c of TASK_COLUMNS) HEADERS.set(`${SHEET_NAMES.tasks}:${c.key}`, c.header);
for (const c of BUDGET_COLUMNS) HEADERS.set(`${SHEET_NAMES.budget}:${c.key}`, c.header);
for (const c of MILESTONE_COLUMNS) HEADERS.set(`${SHEET_NAMES.milestones}:${c.key}`, c.header);

/** Header parameters {header, headerEn} of a column key on a sheet. */
const HEADER_PARAMS = new Map<string, { header: string; headerEn: string }>();
export function header(sheet: 'tasks' | 'budget' | 'milestones', key: string): { header: string; headerEn: string } {
  const k = sheet + ':' + key;
  let p = HEADER_PARAMS.get(k);
  if (!p) {
    const h = HEADERS.get(`${SHEET_NAMES[sheet]}:${key}`);
    HEADER_PARAMS.set(k, (p = { header: h ? h.zh : key, headerEn: h ? h.en : key }));
  }
  return p;
}

/** Characters of content used for similarity, after the name (the beginning of the content says what the task is). */
export const CONTENT_CHARS = 160;

/** The text of a task used for similarity: name + the beginning of its content. */
export function taskText(t: Task): string {
  if (!t.content) return t.name;
  return `${t.name}。${t.content.length > CONTENT_CHARS ? t.content.slice(0, CONTENT_CHARS) : t.content}`;
}

/** Format an amount for messages: at most `decimals` decimals, no binary noise. */
export function fmt(n: number, decimals = 6): string {
  // An integer is its own text: toFixed then Number() give the same double back (−0 gives "0" both ways).
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(Math.min(decimals + 2, 10))));
}

/**
 * A similarity score (0–1) in words for a Chinese message: 较高 from 0.3, 一般 from 0.15, else 较低.
 * Numbers like 0.2323 mean nothing to a clerk; the English message keeps the score.
 */
export function fitWord(score: number): string {
  return score >= 0.3 ? '较高' : score >= 0.15 ? '一般' : '较低';
}

/** How alike two task names are, in words: 相同 (identical once spaces and punctuation go), 高度相似, 相似. */
export function nameLikeness(similarity: number): string {
  return similarity >= 0.999 ? '相同' : similarity >= 0.85 ? '高度相似' : '相似';
}
