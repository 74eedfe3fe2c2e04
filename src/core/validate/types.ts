/** 问题: a finding of validation, reading or consolidation. */

export type Severity = 'error' | 'warning' | 'info';

export interface Message {
  zh: string;
  en: string;
}

export interface Finding {
  severity: Severity;
  /** Stable code, e.g. "task.point.unknown". Listed in src/core/validate/codes.ts. */
  code: string;
  message: Message;
  /** File name, when the finding comes from a file. */
  file: string;
  /** Sheet name, or "" for workbook-level findings. */
  sheet: string;
  /** 1-based worksheet row, or 0 for sheet/workbook-level findings. */
  row: number;
  /** Column letter (e.g. "C"), or "" when not tied to a column. */
  column: string;
  /** Stable column key (e.g. "point"), or "". */
  columnKey: string;
  /** The raw value concerned, as typed. */
  raw: unknown;
  /** How to fix it. */
  fix: Message | null;
  /**
   * A safe one-click fix: write `value` into the cell (sheet,row,column).
   * Only present when the change is unambiguous (normalised amount/date, suggested point).
   */
  autoFix?: { value: string | number; label: Message };
}
