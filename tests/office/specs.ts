/**
 * Workbook descriptions for the adapter tests, made by code: a committee-like workbook (the same
 * features the committee template uses: key row, headers, formulas, validations, conditional
 * formats, protection, names, hidden sheets) and a summary-like one with charts, of any size.
 */
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, SHEET_NAMES, TASK_COLUMNS, type ColumnDef } from '../../src/core/sheets/columns';
import type { CellSpec, SheetSpec, WorkbookSpec } from '../../src/core/sheets/spec';
import { colLetter } from '../../src/hosts/office/address';

const styles: WorkbookSpec['styles'] = {
  title: { font: { name: '宋体', size: 14, bold: true } },
  header: { font: { bold: true }, fill: 'D9E1F2', border: 'A0A0A0', wrap: true, horizontal: 'center' },
  input: { locked: false, border: 'C0C0C0' },
  text: { numFmt: '@', locked: false },
  date: { numFmt: 'yyyy-mm-dd', locked: false },
  amount: { numFmt: '0.00', locked: false },
  formula: { numFmt: '0.00', fill: 'F2F2F2' },
  bad: { fill: 'FFC7CE', font: { color: '9C0006' } },
};

function dataSheet(name: string, cols: ColumnDef[], rows: (CellSpec | null)[][], extra: Partial<SheetSpec> = {}): SheetSpec {
  const last = 3 + rows.length;
  return {
    name,
    state: 'visible',
    columns: cols.map((c, i) => ({ index: i + 1, width: c.width, style: c.type === 'date' ? 'date' : c.type === 'amount' ? 'amount' : undefined })),
    rows: [{ index: 2, hidden: true }],
    blocks: [
      { at: 'A1', rows: [[{ v: `${name}（测试）`, s: 'title' }]] },
      { at: 'A2', rows: [cols.map((c) => ({ v: c.key }))] },
      { at: 'A3', rows: [cols.map((c) => ({ v: c.header.zh, s: 'header' }))] },
      { at: 'A4', rows },
    ],
    formats: [{ range: `A4:${colLetter(cols.length)}${Math.max(4, last)}`, style: 'input' }],
    merges: [`A1:${colLetter(Math.min(6, cols.length))}1`],
    freeze: { rows: 3, cols: 1 },
    validations: [
      { kind: 'list', range: `B4:B${last + 200}`, source: '要点列表', allowBlank: true, prompt: { title: '要点', text: '从下拉列表选择' } },
      { kind: 'date', range: `H4:I${last + 200}`, min: '2023-01-01', max: '2023-12-31', allowBlank: true, error: { title: '日期', text: '计划年度内' } },
    ],
    conditionalFormats: [{ range: `C4:C${last + 200}`, formula: 'AND($A4<>"",C4="")', style: 'bad', priority: 1 }],
    protection: { password: '', allowInsertRows: true, allowDeleteRows: true, allowFormatColumns: true, allowSort: false, allowAutoFilter: true },
    print: { orientation: 'landscape', paper: 'A4', titleRows: '1:3', fitToWidth: true, footer: '第 &P 页，共 &N 页' },
    ...extra,
  };
}

export function committeeSpec(nTasks: number): WorkbookSpec {
  const taskRows: (CellSpec | null)[][] = [];
  for (let i = 1; i <= nTasks; i++) {
    const code = `T${String(i).padStart(3, '0')}`;
    taskRows.push(
      TASK_COLUMNS.map((c) => {
        switch (c.key) {
          case 'code':
            return { v: code, s: 'text' };
          case 'point':
            return { v: `${(i % 17) + 1} 要点标题`, s: 'text' };
          case 'name':
            return { v: `举措草拟任务 ${i}：开展调研并形成报告`, s: 'text' };
          case 'budgetTotal':
            return { f: `SUMIF('${SHEET_NAMES.budget}'!$A:$A,A${3 + i},'${SHEET_NAMES.budget}'!$H:$H)`, s: 'formula' };
          case 'draft':
            return { v: '草稿', s: 'text' };
          default:
            return null;
        }
      }),
    );
  }
  const budgetRows: (CellSpec | null)[][] = [];
  for (let i = 1; i <= 20; i++) budgetRows.push(BUDGET_COLUMNS.map((c, j) => (c.key === 'amount' ? { f: `IF(E${3 + i}="","",E${3 + i}*F${3 + i}*IF(G${3 + i}="",1,G${3 + i}))` } : c.key === 'taskName' ? { f: `IFERROR(VLOOKUP(A${3 + i},'${SHEET_NAMES.tasks}'!$A:$C,3,FALSE),"")` } : j === 0 ? null : null)));
  return {
    sheets: [
      { name: SHEET_NAMES.guide, state: 'visible', columns: [{ index: 1, width: 90 }], blocks: [{ at: 'A1', rows: [[{ v: '填报说明', s: 'title' }], [{ v: '=不是公式，只是说明文字' }]] }], formats: [], merges: [], validations: [], conditionalFormats: [] },
      dataSheet(SHEET_NAMES.tasks, TASK_COLUMNS, taskRows),
      dataSheet(SHEET_NAMES.budget, BUDGET_COLUMNS, budgetRows),
      dataSheet(SHEET_NAMES.milestones, MILESTONE_COLUMNS, []),
      {
        name: SHEET_NAMES.lists,
        state: 'hidden',
        columns: [],
        blocks: [{ at: 'A1', rows: [[{ v: '要点' }], ...Array.from({ length: 17 }, (_, i) => [{ v: `${i + 1} 要点标题` }])] }],
        formats: [],
        merges: [],
        validations: [],
        conditionalFormats: [],
      },
      {
        name: SHEET_NAMES.meta,
        state: 'veryHidden',
        columns: [],
        blocks: [{ at: 'A1', rows: [[{ v: 'templateVersion' }, { v: '1' }], [{ v: 'year' }, { v: '2023' }], [{ v: 'committeeId' }, { v: 'c2' }]] }],
        formats: [],
        merges: [],
        validations: [],
        conditionalFormats: [],
        protection: { password: '', allowInsertRows: false, allowDeleteRows: false, allowFormatColumns: false, allowSort: false, allowAutoFilter: false },
      },
    ],
    styles,
    names: [{ name: '要点列表', ref: `'${SHEET_NAMES.lists}'!$A$2:$A$18` }],
    properties: { title: '测试', creator: 'test', created: '2023-01-01T00:00:00Z' },
  };
}

/** A summary-like workbook: a task list of n rows, totals by committee, two charts. */
export function summarySpec(nTasks: number): WorkbookSpec {
  const rows: (CellSpec | null)[][] = [];
  for (let i = 1; i <= nTasks; i++)
    rows.push([{ v: `c${(i % 7) + 1}` }, { v: `T${i}` }, { v: `任务 ${i}：组织专家开展决策咨询调研` }, { v: (i % 17) + 1 }, { v: 1.5 + (i % 10) }, { v: `file-${i % 7}.xlsx` }]);
  const byCommittee: (CellSpec | null)[][] = Array.from({ length: 7 }, (_, i) => [{ v: `专委会${i + 1}` }, { f: `SUMIF('任务汇总'!$A:$A,"c${i + 1}",'任务汇总'!$E:$E)` }]);
  return {
    sheets: [
      {
        name: '任务汇总',
        state: 'visible',
        columns: [1, 2, 3, 4, 5, 6].map((index) => ({ index, width: 14 })),
        blocks: [{ at: 'A1', rows: [['专委会', '编号', '任务', '要点', '预算', '来源'].map((v) => ({ v, s: 'header' }))] }, { at: 'A2', rows }],
        formats: [{ range: `E2:E${nTasks + 1}`, style: 'amount' }],
        merges: [],
        freeze: { rows: 1, cols: 0 },
        validations: [],
        conditionalFormats: [],
        tables: [{ name: 'Tasks', range: `A1:F${nTasks + 1}`, showRowStripes: true }],
      },
      {
        name: '按专委会',
        state: 'visible',
        columns: [{ index: 1, width: 20 }],
        blocks: [{ at: 'A1', rows: [[{ v: '专委会', s: 'header' }, { v: '预算', s: 'header' }], ...byCommittee] }],
        formats: [],
        merges: [],
        validations: [],
        conditionalFormats: [{ range: 'B2:B8', formula: 'B2>100', style: 'bad', priority: 1 }],
        charts: [
          { kind: 'column', title: '各专委会预算', categories: "'按专委会'!$A$2:$A$8", series: [{ name: '预算', values: "'按专委会'!$B$2:$B$8" }], anchor: { at: 'D2', cols: 8, rows: 15 } },
          { kind: 'pie', title: '预算占比', categories: "'按专委会'!$A$2:$A$8", series: [{ name: '预算', values: "'按专委会'!$B$2:$B$8" }], anchor: { at: 'D18', cols: 8, rows: 15 } },
        ],
      },
    ],
    styles,
    names: [],
    properties: { title: '汇总', creator: 'test', created: '2023-01-01T00:00:00Z' },
  };
}

/** Rows as a clerk would type them into 任务表 (from row 4), `n` of them. */
export function typedTaskRows(n: number): (string | number | null)[][] {
  const out: (string | number | null)[][] = [];
  for (let i = 1; i <= n; i++)
    out.push(TASK_COLUMNS.map((c) => {
      switch (c.key) {
        case 'code': return `T${String(i).padStart(3, '0')}`;
        case 'point': return `${(i % 17) + 1} 要点标题`;
        case 'name': return `已填写的任务 ${i}`;
        case 'content': return `工作内容与目标：完成第 ${i} 项调研，形成专报一份，报送省委省政府参考。`;
        case 'committee': return '决策咨询专委会';
        case 'owner': return '张三';
        case 'start': return 44986;
        case 'end': return 45260;
        case 'kpi': return '专报 1 份';
        default: return null;
      }
    }));
  return out;
}
