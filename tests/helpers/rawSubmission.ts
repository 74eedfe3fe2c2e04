/**
 * Build RawSubmission fixtures by code, as a host (xlsx or Office) would read them: raw cell values
 * by stable column key, column letters from the column order of core/sheets/columns.ts.
 *
 *   const raw = rawSubmission({ committeeId: 'c2' })
 *     .task(validTask({ code: 'T001', point: '4 凝练决策咨询重点课题' }))
 *     .budget({ taskCode: 'T001', expenseCategory: '会议费', fundingSource: '财政拨款', amount: 2 })
 *     .milestone({ taskCode: 'T001', date: '2023-06-30', deliverableType: '研究报告', deliverable: '课题报告' })
 *     .build();
 */
import type { RawRow, RawSubmission } from '../../src/core/plan/types';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, SHEET_NAMES, TASK_COLUMNS } from '../../src/core/sheets/columns';
import type { ColumnDef } from '../../src/core/sheets/columns';
import type { Finding } from '../../src/core/validate/types';

export function columnLetter(index0: number): string {
  let n = index0 + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const lettersOf = (cols: ColumnDef[]): Record<string, string> => Object.fromEntries(cols.map((c, i) => [c.key, columnLetter(i)]));
export const TASK_LETTERS = lettersOf(TASK_COLUMNS);
export const BUDGET_LETTERS = lettersOf(BUDGET_COLUMNS);
export const MILESTONE_LETTERS = lettersOf(MILESTONE_COLUMNS);

export interface RawOptions {
  file?: string;
  committeeId?: string;
  /** Metadata year (omitted when undefined). */
  year?: number | string;
  catalogHash?: string;
  /** First data row of every sheet (default 3: title row + header row above). */
  firstRow?: number;
}

export type Cells = Record<string, unknown>;

export class RawSubmissionBuilder {
  private tasks: RawRow[] = [];
  private lines: RawRow[] = [];
  private milestones: RawRow[] = [];
  private findings: Finding[] = [];
  private next = { tasks: 0, budget: 0, milestones: 0 };
  constructor(private readonly opts: RawOptions = {}) {}

  private row(kind: 'tasks' | 'budget' | 'milestones', cells: Cells, letters: Record<string, string>, row?: number): RawRow {
    const first = this.opts.firstRow ?? 3;
    const r = row ?? first + this.next[kind];
    this.next[kind] = Math.max(this.next[kind], r - first + 1);
    return {
      source: { file: this.opts.file ?? 'test.xlsx', sheet: SHEET_NAMES[kind], row: r },
      cells: { ...cells },
      columns: { ...letters },
    };
  }

  task(cells: Cells, row?: number): this {
    this.tasks.push(this.row('tasks', cells, TASK_LETTERS, row));
    return this;
  }
  budget(cells: Cells, row?: number): this {
    this.lines.push(this.row('budget', cells, BUDGET_LETTERS, row));
    return this;
  }
  milestone(cells: Cells, row?: number): this {
    this.milestones.push(this.row('milestones', cells, MILESTONE_LETTERS, row));
    return this;
  }
  readFinding(f: Finding): this {
    this.findings.push(f);
    return this;
  }
  build(): RawSubmission {
    const meta: Record<string, string> = {};
    if (this.opts.committeeId !== undefined) meta.committeeId = this.opts.committeeId;
    if (this.opts.year !== undefined) meta.year = String(this.opts.year);
    if (this.opts.catalogHash !== undefined) meta.catalogHash = this.opts.catalogHash;
    return { file: this.opts.file ?? 'test.xlsx', meta, tasks: this.tasks, budgetLines: this.lines, milestones: this.milestones, readFindings: this.findings };
  }
}

export function rawSubmission(opts: RawOptions = {}): RawSubmissionBuilder {
  return new RawSubmissionBuilder(opts);
}

/** A complete, confirmed task of 决策咨询专委会 for point 4 (override any cell). */
export function validTask(overrides: Cells = {}): Cells {
  return {
    code: 'T001',
    point: '4 凝练决策咨询重点课题',
    name: '凝练年度决策咨询重点研究选题',
    content: '征集特聘专家和专委会成员提出的研究选题，组织开展老龄人才资源开发研究，形成决策咨询专报',
    committee: '决策咨询专委会',
    owner: '张三',
    partners: '',
    start: '2023-03-01',
    end: '2023-11-30',
    kpi: '形成专报 2 篇',
    budgetTotal: null,
    draft: '',
    remarks: '',
    ...overrides,
  };
}

/** A complete budget line (override any cell). */
export function validLine(overrides: Cells = {}): Cells {
  return { taskCode: 'T001', taskName: null, expenseCategory: '专家咨询费', fundingSource: '财政拨款', unitPrice: null, quantity: null, times: null, amount: 2, basis: '专家咨询 10 人次', ...overrides };
}

/** A complete milestone (override any cell). */
export function validMilestone(overrides: Cells = {}): Cells {
  return { taskCode: 'T001', taskName: null, date: '2023-06-30', deliverableType: '决策咨询专报', deliverable: '选题清单和专报初稿', ...overrides };
}
