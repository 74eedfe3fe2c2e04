/**
 * 汇总 (consolidation): types of its inputs (one entry per submitted file) and of its output, the
 * SummaryModel that core/sheets/summaryWorkbook.ts describes as the summary workbook. Plain data.
 */
import type { KeyDate } from '../catalog/types';
import type { RawSubmission, Submission } from '../plan/types';
import type { Finding } from '../validate/types';
import type { TokenStatus } from '../plan/token';

/** What happened to a file before consolidation: refused when read, or read and checked. */
export type FileOutcome =
  | { kind: 'refused'; finding: Finding }
  | { kind: 'checked'; raw: RawSubmission; submission: Submission; findings: Finding[] };

export interface ConsolidationInput {
  /** File name (not a path). */
  fileName: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  outcome: FileOutcome;
  /**
   * When the workbook was last saved, by its own account (ISO; docProps/core.xml dcterms:modified,
   * written by Excel, WPS and LibreOffice on every save), as the xlsx host read it; absent when the
   * file does not say. Orders a committee's files after the 提交 stamp (see latest.ts).
   */
  savedAt?: string;
  /**
   * The file's modification time (ISO): fs stat mtime in the CLI, File.lastModified on the page.
   * Orders a committee's files after the saved time (see latest.ts).
   */
  modifiedAt?: string;
  /**
   * Optional, from the thread that checked the file: measureHints(submission) (the measure each task
   * covers), so consolidate need not work it out. Ignored unless one entry per task.
   */
  measures?: (number | null | undefined)[];
}

/** Roster status, in the words of the summary: submitted, missing, has errors, refused, replaced. */
export type FileStatus = '已提交' | '未提交' | '有错误' | '已拒收' | '被替换';

export const STATUS_EN: Record<FileStatus, string> = {
  已提交: 'submitted',
  未提交: 'missing',
  有错误: 'has errors',
  已拒收: 'refused',
  被替换: 'replaced',
};

/** One line of the roster: a committee of the catalog, or a file that does not count (refused, replaced). */
export interface RosterEntry {
  /** Committee id, or "" when the file names no known committee. */
  committeeId: string;
  committee: string;
  status: FileStatus;
  /**
   * The committee token of the file (core/plan/token.ts): verified, forged (refused), unverified (no
   * secret set), none (an older template); "" for a committee that sent nothing and for a file
   * refused before its token was looked at.
   */
  token: TokenStatus | '';
  fileName: string;
  sha256: string;
  size: number;
  templateVersion: string;
  /** Submission version stamped by 提交 (submissionVersion), or "". Shown only: it never decides which file counts. */
  submissionVersion: string;
  /** The 提交 stamp (submittedAt of the file's metadata, ISO), or "" when the file was never stamped. */
  submittedAt: string;
  /** When the workbook was last saved by its own account (ConsolidationInput.savedAt, ISO), or "". */
  savedAt: string;
  /** The file's modification time (ConsolidationInput.modifiedAt, ISO), or "". */
  modifiedAt: string;
  /** Why the file was refused or replaced (zh / en), or null. */
  reason: { zh: string; en: string } | null;
  /**
   * For the file that counts when its committee sent several: which files it replaced, on which
   * key (提交 stamp, saved time, modification time, name) and their dates; else null.
   */
  basis: { zh: string; en: string } | null;
  tasks: number;
  budget: number;
  errors: number;
  warnings: number;
}

/** Validation status of a task in 任务汇总. */
export type TaskStatus = '通过' | '有警告' | '有错误' | '草稿';

export interface SummaryTask {
  /** committeeId + "|" + task code (or "@row" when the code is empty): stable across summaries. */
  key: string;
  committeeId: string;
  committee: string;
  code: string;
  point: number | null;
  section: number | null;
  name: string;
  content: string;
  owner: string;
  partners: string;
  start: string | null;
  end: string | null;
  kpi: string;
  remarks: string;
  draft: boolean;
  /** Sum of the task's budget lines (amounts that could be read). */
  budget: number;
  lines: number;
  milestones: number;
  status: TaskStatus;
  file: string;
  sheet: string;
  row: number;
  /** Raw text of the point cell when it could not be read (kept so nothing is lost). */
  pointRaw: string;
}

export interface SummaryBudgetLine {
  committeeId: string;
  committee: string;
  taskCode: string;
  /** Point of its task, or null (task unknown or without a point). */
  point: number | null;
  section: number | null;
  taskName: string;
  /** False when the task code matches no task of the submission. */
  linked: boolean;
  expenseCategory: string;
  fundingSource: string;
  unitPrice: number | null;
  quantity: number | null;
  times: number | null;
  amount: number | null;
  basis: string;
  file: string;
  sheet: string;
  row: number;
}

export interface SummaryMilestone {
  committeeId: string;
  committee: string;
  taskCode: string;
  taskName: string;
  date: string | null;
  deliverableType: string;
  deliverable: string;
  linked: boolean;
  file: string;
  sheet: string;
  row: number;
}

export interface PointTotal {
  point: number;
  section: number;
  title: string;
  /** Responsible committees (names) per the catalog. */
  committees: string[];
  /** Confirmed (non-draft) tasks. */
  tasks: number;
  drafts: number;
  budget: number;
  /** Measures of the point with no confirmed task. */
  uncoveredMeasures: number[];
}

export interface SectionTotal {
  section: number;
  numeral: string;
  title: string;
  points: number[];
  tasks: number;
  budget: number;
}

export interface CommitteeTotal {
  committeeId: string;
  committee: string;
  status: FileStatus;
  tasks: number;
  drafts: number;
  budget: number;
  /** 控制数, or null when none is set. */
  ceiling: number | null;
  /** ceiling − budget, or null. */
  balance: number | null;
  over: boolean;
}

/** Amounts by a dimension (expense category or funding source) × committee id. */
export interface CrossTable {
  rows: string[];
  /** amounts[row][committeeId] */
  amounts: Record<string, Record<string, number>>;
}

export interface TimelineItem {
  kind: 'task' | 'milestone';
  committee: string;
  code: string;
  name: string;
  start: string | null;
  end: string | null;
  /** 12 flags, January first: the item is active in that month of the plan year. */
  months: boolean[];
}

/** A task as remembered by a previous summary (its hidden _summary sheet). */
export interface PreviousTask {
  key: string;
  committeeId: string;
  code: string;
  point: number | null;
  name: string;
  owner: string;
  start: string | null;
  end: string | null;
  budget: number;
}

export interface PreviousSummary {
  generatedAt: string;
  year: number | null;
  tasks: PreviousTask[];
  budgetByPoint: Record<string, number>;
  budgetByCommittee: Record<string, number>;
}

export interface TaskChange {
  kind: 'added' | 'removed' | 'changed';
  key: string;
  committeeId: string;
  committee: string;
  code: string;
  name: string;
  /** Changed fields: field → [before, after]. */
  fields: Record<string, [string, string]>;
  budgetBefore: number;
  budgetAfter: number;
}

export interface Changes {
  previousGeneratedAt: string;
  tasks: TaskChange[];
  byPoint: { point: number; before: number; after: number; delta: number }[];
  byCommittee: { committeeId: string; committee: string; before: number; after: number; delta: number }[];
}

export interface SummaryModel {
  organisation: string;
  region: string;
  year: number;
  unit: string;
  catalogHash: string;
  /** When the summary was made (ISO). The only thing that differs between runs on the same inputs. */
  generatedAt: string;
  /** Every committee of the catalog, then every file that does not count (refused, replaced). */
  roster: RosterEntry[];
  tasks: SummaryTask[];
  budgetLines: SummaryBudgetLine[];
  milestones: SummaryMilestone[];
  byPoint: PointTotal[];
  bySection: SectionTotal[];
  byCommittee: CommitteeTotal[];
  byCategory: CrossTable;
  bySource: CrossTable;
  /** Points with no confirmed task; measures with none ({point, measure}). */
  coverage: { points: number[]; measures: { point: number; measure: number; text: string; committeeId: string | null }[] };
  timeline: TimelineItem[];
  keyDates: KeyDate[];
  /** Every finding: of the counted submissions, of refused files, and of consolidation itself. */
  findings: Finding[];
  changes: Changes | null;
  totals: {
    files: number;
    accepted: number;
    refused: number;
    replaced: number;
    missing: number;
    tasks: number;
    drafts: number;
    budgetLines: number;
    budget: number;
    errors: number;
    warnings: number;
    infos: number;
  };
}
