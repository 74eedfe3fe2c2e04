/**
 * The plan model: settings, tasks (任务), budget lines (预算), milestones (里程碑),
 * and the raw rows that hosts read from a workbook before normalisation.
 */

export type BudgetUnit = '万元' | '元';

export interface Settings {
  /** Organisation name, e.g. "江苏省老科协". */
  organisation: string;
  /** What the redacted `**` of the plan text stands for, e.g. "江苏省" (fills {{region}}). */
  region: string;
  /** Plan year, e.g. 2023. */
  year: number;
  budgetUnit: BudgetUnit;
  /** 控制数: budget ceiling per committee id, in budgetUnit. Missing = no ceiling. */
  ceilings: Record<string, number>;
  /** 经费科目 */
  expenseCategories: string[];
  /** 经费来源 */
  fundingSources: string[];
  /** 成果形式 */
  deliverableTypes: string[];
  /** Submission deadline, ISO yyyy-mm-dd, or "" if not set. */
  deadline: string;
  /** Contact line shown in 填报说明, e.g. "秘书处 张三 025-12345678". */
  contact: string;
  /** Optional sheet-protection password ("" = protected without password). */
  protectionPassword: string;
  /** Decimal places allowed for amounts in budgetUnit (万元: 4 = 1 元; 元: 2 = 1 分). */
  amountDecimals: number;
  /**
   * A budget line above this amount (in budgetUnit) is implausible: a warning (amount.implausible).
   * Unset: 500 万元 in the plan's unit (500, or 5,000,000 in a 元 plan; defaultMaxLineAmount); 0: no check.
   */
  maxLineAmount?: number;
  /**
   * 要点负责专委会: committees the secretariat assigns to points, point number → committee names (lead first).
   * For outlines that name no unit; applied to the catalog by withPointCommittees. Absent = as the text says.
   */
  pointCommittees?: Record<string, string[]>;
  /** Overrides of the reading limits (core/limits.ts); absent = the defaults. */
  limits?: Partial<import('../limits').ReadLimits>;
}

/** A value as the user typed it, with what normalisation made of it. */
export interface Normalised<T> {
  /** Normalised value, or null when empty or unreadable. */
  value: T | null;
  /** The raw cell value as read (string, number, boolean, null). */
  raw: unknown;
  /** True when the raw value was empty (null, "", whitespace). */
  empty: boolean;
  /** True when a non-empty raw value could not be read. */
  unreadable: boolean;
  /** What changed, e.g. "全角数字转半角；去掉单位“元”" — empty when nothing changed. */
  note: string;
  /**
   * Machine-readable marks of what normalisation saw (optional), e.g. "fullWidth", "unitConverted",
   * "approximate", "period", "serial", "titleMismatch", "formulaNoValue". See core/plan/normalise/.
   */
  flags?: string[];
}

/** Where a row came from. */
export interface RowSource {
  /** File name (not a path) when read from a file; empty inside the live workbook. */
  file: string;
  sheet: string;
  /** 1-based worksheet row. */
  row: number;
}

/** A row as a host reads it: raw cell values by stable column key, plus where each column sits. */
export interface RawRow {
  source: RowSource;
  /** Raw values by column key (see core/sheets/columns.ts). */
  cells: Record<string, unknown>;
  /** Column letters by column key, for findings. */
  columns: Record<string, string>;
}

/** What a host reads from one committee workbook. */
export interface RawSubmission {
  file: string;
  /** Metadata sheet key/values (template version, year, committee id, catalog hash, …). */
  meta: Record<string, string>;
  tasks: RawRow[];
  budgetLines: RawRow[];
  milestones: RawRow[];
  /** Problems the host met while reading (missing sheets, renamed columns, …). */
  readFindings: import('../validate/types').Finding[];
  /**
   * When the workbook was last saved by its own account (ISO; an .xlsx file's docProps/core.xml
   * dcterms:modified), when the host read a file that says; absent otherwise.
   */
  savedAt?: string;
}

export interface Milestone {
  taskCode: string;
  date: string | null;
  deliverableType: string;
  deliverable: string;
  source: RowSource;
  /** Column letters by column key (optional; for findings). */
  columns?: Record<string, string>;
  /** Normalisation record per column key (optional). */
  fields?: Record<string, Normalised<unknown>>;
}

export interface Task {
  /** 任务编号 as in the workbook, e.g. "T001". Unique within a submission. */
  code: string;
  /** 要点 number, or null when missing/unknown. */
  point: number | null;
  name: string;
  content: string;
  committeeId: string | null;
  /** Committee as typed (name), for messages. */
  committeeText: string;
  owner: string;
  partners: string;
  /** ISO yyyy-mm-dd or null. */
  start: string | null;
  end: string | null;
  kpi: string;
  remarks: string;
  draft: boolean;
  /** Budget total shown on the task row (formula result), if any, in budgetUnit. */
  declaredTotal: number | null;
  milestones: Milestone[];
  source: RowSource;
  /** Column letters by column key (optional; for findings). */
  columns?: Record<string, string>;
  /** Normalisation record per column key (raw + note), for findings and one-click fixes. */
  fields: Record<string, Normalised<unknown>>;
}

export interface BudgetLine {
  taskCode: string;
  expenseCategory: string;
  fundingSource: string;
  unitPrice: number | null;
  quantity: number | null;
  times: number | null;
  /** Amount in budgetUnit: the plain amount, or unitPrice × quantity × times. */
  amount: number | null;
  /** Where `amount` came from: the amount cell, or computed from unitPrice × quantity × times (optional). */
  amountSource?: 'cell' | 'computed' | null;
  /** The amount read when it is not finite or past MAX_AMOUNT (core/limits.ts): `amount` is then null (left out of totals). */
  amountOutOfRange?: number;
  basis: string;
  source: RowSource;
  /** Column letters by column key (optional; for findings). */
  columns?: Record<string, string>;
  fields: Record<string, Normalised<unknown>>;
}

/** A normalised submission (填报) of one committee. */
export interface Submission {
  file: string;
  meta: Record<string, string>;
  committeeId: string | null;
  tasks: Task[];
  budgetLines: BudgetLine[];
  /** Milestones whose task code matched no task (kept, never dropped). */
  orphanMilestones: Milestone[];
}
