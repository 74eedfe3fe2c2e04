/** What the task pane needs from the core and the xlsx host, as plain functions (loaded lazily). */
import type { Catalog } from '../../core/catalog/types';
import type { RawSubmission, Settings, Submission } from '../../core/plan/types';
import type { CellValue, WorkbookSpec } from '../../core/sheets/spec';
import type { Finding } from '../../core/validate/types';
import type { ReviewFigures } from '../review';
import type { PatchRequest } from '../../hosts/xlsx/patch';
import type { ReportInput } from '../../core/report/input';

export interface Checked {
  file: string;
  /** The file's bytes (for its SHA-256 in the roster), unless `sha256` and `size` are given. */
  bytes?: Uint8Array;
  /** SHA-256 (hex) of the file's bytes, when the reader worked it out (a reader worker). */
  sha256?: string;
  size?: number;
  /** The file's modification time (ISO, from File.lastModified): orders a committee's files after the 提交 stamp and the saved time. */
  modifiedAt?: string;
  raw: RawSubmission;
  submission: Submission;
  findings: Finding[];
  /** The measure each task covers (core/consolidate measureHints), worked out by the reader. */
  measures?: (number | null | undefined)[];
}

export type RosterStatus = 'submitted' | 'missing' | 'errors' | 'refused' | 'replaced';

export interface RosterRow {
  committeeId: string;
  committee: string;
  status: RosterStatus;
  file: string;
  tasks: number;
  budget: number;
  ceiling: number | null;
  /** Why a file was refused or replaced; for the file that counts over its committee's others, why it does. */
  reason?: { zh: string; en: string };
  /** The file's committee token status (已验证 / 未验证（未设置密钥） / 无令牌 / 令牌不符), or undefined without a file. */
  token?: { zh: string; en: string };
}

/** A file that could not be read as one of our workbooks. */
export interface Refused {
  file: string;
  /** The file's bytes, unless `sha256` and `size` are given ('' and 0 when a reader worker died on it). */
  bytes?: Uint8Array;
  sha256?: string;
  size?: number;
  modifiedAt?: string;
  finding: Finding;
}

export interface Summary {
  spec: WorkbookSpec;
  fileName: string;
  roster: RosterRow[];
  /** What 审阅 shows. */
  figures: ReviewFigures;
  totals: { tasks: number; budget: number };
  /** What the next consolidation compares against (largest changes). Opaque to the UI. */
  memo: unknown;
  /** What the 汇编 document (.docx) is made from. */
  report?: ReportInput;
}

export interface Engine {
  /** `secret`: the secretariat's (taskpane/secret.ts); when set, _meta carries the committee token. */
  describeCommitteeWorkbook(catalog: Catalog, settings: Settings, committeeId: string, secret?: string): WorkbookSpec;
  /** "2023年工作计划-决策咨询专委会.xlsx" */
  committeeFileName(year: number, committeeName: string): string;
  /** Grids of values (from A1) of the committee sheets → what the pure reader makes of them. */
  rawFromGrids(grids: Record<string, CellValue[][]>, file: string): RawSubmission;
  checkSubmission(raw: RawSubmission, catalog: Catalog, settings: Settings): { submission: Submission; findings: Finding[] };
  /** 退回意见: the submission as read, its findings as cell notes and a 修改意见 sheet; named after the file. */
  describeFeedback(raw: RawSubmission, findings: Finding[], committee?: string): { spec: WorkbookSpec; fileName: string };
  /** Consolidate: latest per committee, roster, summary workbook, figures; `previous` = the last Summary.memo. */
  summarise(checked: Checked[], refused: Refused[], catalog: Catalog, settings: Settings, previous: unknown, secret?: string): Summary;
}

/** The .docx chunk (loaded lazily, only when the 汇编 is downloaded): core/report + hosts/docx. */
export interface DocxEngine {
  /** The 汇编 document's bytes. */
  compilation(input: ReportInput, catalog: Catalog): Promise<Uint8Array>;
}

export interface XlsxEngine {
  renderWorkbook(spec: WorkbookSpec): Promise<Uint8Array>;
  /** A summary workbook (large ones through the fast writer); absent: renderWorkbook. */
  renderSummary?(spec: WorkbookSpec): Promise<Uint8Array>;
  /** A file that is not one of our workbooks (or not xlsx at all) is refused with a finding. */
  readWorkbook(bytes: Uint8Array, fileName: string): Promise<{ raw: RawSubmission; refusal?: undefined } | { raw?: undefined; refusal: Finding }>;
  /** Edit cells / upsert _meta keys of a file's bytes at the zip level; every other part is kept as is. */
  patchWorkbook(bytes: Uint8Array, req: PatchRequest): Promise<Uint8Array>;
  /** Finished files in one .zip (stored, UTF-8 names). */
  zipFiles(files: { name: string; bytes: Uint8Array }[]): Uint8Array;
}
