/** Shared context of the validation rules: lookups built once per validateSubmission call. */
import type { Catalog, KeyDate, WorkPoint } from '../../catalog/types';
import { resolveKeyDates } from '../../catalog/keyDates';
import { buildPointIndex, taskTextScorer } from '../../catalog/similarity';
import type { PointIndex, TaskTextScorer } from '../../catalog/similarity';
import type { BudgetLine, Milestone, Normalised, RowSource, Settings, Submission, Task } from '../../plan/types';
import { CELL_EMPTY, rawOf, statusMask, TASK_COL } from '../../plan/rows';
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
  taskByCode: Map<string, Task>;
  /** Budget lines per task code (built on first use). */
  readonly linesByCode: Map<string, BudgetLine[]>;
  /** The task of each budget line (first task with its code), by position in submission.budgetLines. */
  lineTasks: (Task | undefined)[];
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

const keyDateCache = new WeakMap<object, Map<number, KeyDate[]>>();
function keyDatesOf(catalog: Catalog, year: number): KeyDate[] {
  let byYear = keyDateCache.get(catalog.keyDateRules);
  if (!byYear) keyDateCache.set(catalog.keyDateRules, (byYear = new Map()));
  let kd = byYear.get(year);
  if (!kd) byYear.set(year, (kd = resolveKeyDates(catalog.keyDateRules, year)));
  return kd;
}

export function buildContext(submission: Submission, catalog: Catalog, settings: Settings): RuleContext {
  const taskByCode = new Map<string, Task>();
  for (const t of submission.tasks) if (t.code && !taskByCode.has(t.code)) taskByCode.set(t.code, t);
  const lines = submission.budgetLines;
  const lineTasks: (Task | undefined)[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const code = lines[i].taskCode;
    lineTasks[i] = code ? taskByCode.get(code) : undefined;
  }
  let byCode: Map<string, BudgetLine[]> | undefined;
  const linesByCode = (): Map<string, BudgetLine[]> => {
    if (byCode) return byCode;
    byCode = new Map();
    for (const l of lines) {
      if (!l.taskCode) continue;
      let list = byCode.get(l.taskCode);
      if (!list) byCode.set(l.taskCode, (list = []));
      list.push(l);
    }
    return byCode;
  };
  const milestones: Milestone[] = [];
  for (const t of submission.tasks) for (const m of t.milestones) milestones.push(m);
  for (const m of submission.orphanMilestones) milestones.push(m);
  const untouchedDrafts = new Set<Task>();
  for (const t of submission.tasks) {
    if (!t.draft) continue;
    const touched = !!t.owner || (~statusMask(t, 'tasks', CELL_EMPTY) & DATES_MASK) !== 0 || t.milestones.length > 0 || (!!t.code && linesByCode().has(t.code));
    if (!touched) untouchedDrafts.add(t);
  }
  return {
    submission,
    catalog,
    settings,
    index: pointIndexOf(catalog),
    scorer: taskTextScorer(pointIndexOf(catalog), CONTENT_CHARS),
    pointByNumber: new Map(catalog.points.map((p) => [p.number, p])),
    taskByCode,
    get linesByCode() {
      return linesByCode();
    },
    lineTasks,
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
  return String(Number(n.toFixed(Math.min(decimals + 2, 10))));
}
