/** The pure grid reader: stable keys first, then headers/aliases; moved, renamed, extra, missing columns. */
import { readGrid } from '../../../src/core/sheets/readGrid';
import type { GridSheet } from '../../../src/core/sheets/readGrid';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, TASK_COLUMNS } from '../../../src/core/sheets/columns';
import type { ColumnDef } from '../../../src/core/sheets/columns';

const META = { templateVersion: '1.0', year: '2023', committeeId: 'c2', catalogHash: 'x' };

function sheet(name: string, cols: ColumnDef[], rows: Record<string, unknown>[], opts: { keys?: boolean; order?: string[]; headers?: Record<string, string> } = {}): GridSheet {
  const order = opts.order ?? cols.map((c) => c.key);
  const header = (k: string) => opts.headers?.[k] ?? cols.find((c) => c.key === k)?.header.zh ?? k.replace(/^extra:/, '');
  const grid: unknown[][] = [[`${name} title`]];
  if (opts.keys !== false) grid.push(order.map((k) => (k.startsWith('extra:') ? null : k)));
  grid.push(order.map(header));
  for (const r of rows) grid.push(order.map((k) => (k in r ? r[k] : null)));
  return { name, rows: grid };
}

const task = { code: 'T001', point: '4 凝练决策咨询重点课题', name: '课题', content: '研究', committee: '决策咨询专委会', owner: '张三', start: '2023-03-01', end: '2023-06-30' };

function base(tasksSheet: GridSheet): GridSheet[] {
  return [tasksSheet, sheet('预算明细', BUDGET_COLUMNS, []), sheet('里程碑', MILESTONE_COLUMNS, [])];
}

test('reads rows by stable key, skipping blank rows, group rows and code-only spare rows', () => {
  const rows = [{ code: '【要点 4】凝练决策咨询重点课题' }, task, { code: 'T002', budgetTotal: 0 }, {}, { ...task, code: 'T003', name: '第二项' }];
  const raw = readGrid({ file: 'a.xlsx', sheets: base(sheet('任务表', TASK_COLUMNS, rows)), meta: META });
  expect(raw.readFindings).toEqual([]);
  expect(raw.tasks.map((t) => [t.cells.code, t.source.row])).toEqual([['T001', 5], ['T003', 8]]);
  expect(raw.tasks[0].columns.owner).toBe('F');
  expect(raw.meta).toEqual(META);
});

test('a renamed header still maps by its key, reported as info', () => {
  const raw = readGrid({ file: 'a.xlsx', sheets: base(sheet('任务表', TASK_COLUMNS, [task], { headers: { owner: '牵头人' } })), meta: META });
  expect(raw.tasks[0].cells.owner).toBe('张三');
  expect(raw.readFindings.map((f) => [f.code, f.severity, f.column, f.row])).toEqual([['read.column.renamed', 'info', 'F', 3]]);
  expect(raw.readFindings[0].message.zh).toContain('a.xlsx');
  expect(raw.readFindings[0].message.zh).toContain('任务表');
  expect(raw.readFindings[0].message.zh).toContain('牵头人');
});

test('moved columns are read by key and reported', () => {
  const order = TASK_COLUMNS.map((c) => c.key);
  [order[5], order[6]] = [order[6], order[5]]; // owner <-> partners
  const raw = readGrid({ file: 'a.xlsx', sheets: base(sheet('任务表', TASK_COLUMNS, [{ ...task, partners: '科协' }], { order })), meta: META });
  expect(raw.tasks[0].cells.owner).toBe('张三');
  expect(raw.tasks[0].columns.owner).toBe('G');
  expect(raw.readFindings.map((f) => [f.code, f.columnKey, f.column])).toEqual([['read.column.moved', 'owner', 'G'], ['read.column.moved', 'partners', 'F']]);
});

test('extra columns keep their values under extra:<header>', () => {
  const order = [...TASK_COLUMNS.map((c) => c.key), 'extra:联系电话'];
  const raw = readGrid({ file: 'a.xlsx', sheets: base(sheet('任务表', TASK_COLUMNS, [{ ...task, 'extra:联系电话': '138' }], { order })), meta: META });
  expect(raw.tasks[0].cells['extra:联系电话']).toBe('138');
  expect(raw.tasks[0].columns['extra:联系电话']).toBe('N');
  expect(raw.readFindings.map((f) => [f.code, f.severity, f.column])).toEqual([['read.column.extra', 'warning', 'N']]);
});

test('an extra column with no header but with values is kept too', () => {
  const order = [...TASK_COLUMNS.map((c) => c.key), 'extra:']; // header '' below
  const s = sheet('任务表', TASK_COLUMNS, [{ ...task, 'extra:': '手写备注' }], { order, headers: { 'extra:': '' } });
  const raw = readGrid({ file: 'a.xlsx', sheets: base(s), meta: META });
  expect(raw.tasks[0].cells['extra:N']).toBe('手写备注');
});

test('missing columns: required → error, optional → warning, formula → info', () => {
  const order = TASK_COLUMNS.map((c) => c.key).filter((k) => !['owner', 'kpi', 'budgetTotal'].includes(k));
  const raw = readGrid({ file: 'a.xlsx', sheets: base(sheet('任务表', TASK_COLUMNS, [task], { order })), meta: META });
  const missing = raw.readFindings.filter((f) => f.code === 'read.column.missing').map((f) => [f.columnKey, f.severity]);
  expect(missing).toEqual([['owner', 'error'], ['kpi', 'warning'], ['budgetTotal', 'info']]);
});

test('without the key row (a copied sheet) columns map by header text and aliases', () => {
  const headers = { owner: '责任人', start: '开始时间', end: '完成时间（计划）', point: ' 工作 要点 ' };
  const raw = readGrid({ file: 'a.xlsx', sheets: base(sheet('任务表', TASK_COLUMNS, [task], { keys: false, headers })), meta: META });
  expect(raw.tasks[0].cells.owner).toBe('张三');
  expect(raw.tasks[0].cells.end).toBe('2023-06-30');
  expect(raw.tasks[0].cells.point).toBe(task.point);
  expect(raw.tasks[0].source.row).toBe(3);
  expect(raw.readFindings).toEqual([]);
});

test('missing sheets and missing metadata are reported', () => {
  const raw = readGrid({ file: 'a.xlsx', sheets: [sheet('任务表', TASK_COLUMNS, [task])] });
  expect(raw.readFindings.map((f) => [f.code, f.sheet, f.severity])).toEqual([
    ['read.meta.missing', '_meta', 'warning'],
    ['read.sheet.missing', '预算明细', 'warning'],
    ['read.sheet.missing', '里程碑', 'warning'],
  ]);
  const none = readGrid({ file: 'a.xlsx', sheets: [], meta: META });
  expect(none.readFindings.find((f) => f.sheet === '任务表')!.severity).toBe('error');
});

test('metadata is read from the _meta grid when not given', () => {
  const raw = readGrid({ file: 'a.xlsx', sheets: [...base(sheet('任务表', TASK_COLUMNS, [task])), { name: '_meta', rows: [['key', 'value'], ['year', 2023], ['committeeId', 'c2'], ['templateVersion', '1.0']] }] });
  expect(raw.meta).toEqual({ year: '2023', committeeId: 'c2', templateVersion: '1.0' });
});

test('a sheet without any header row is reported, not silently dropped', () => {
  const raw = readGrid({ file: 'a.xlsx', sheets: [{ name: '任务表', rows: [['随便写的'], ['课题研究', '张三']] }], meta: META });
  const f = raw.readFindings.find((x) => x.code === 'read.header.missing')!;
  expect(f.severity).toBe('error');
  expect(f.message.zh).toContain('有内容未读取');
});

test('a renamed data sheet is found by its stable keys and read, with a warning', () => {
  const renamed = { ...sheet('任务表', TASK_COLUMNS, [{ code: '【要点 4】x' }, task]), name: '我们的任务' };
  const raw = readGrid({ file: 'a.xlsx', sheets: [renamed, sheet('预算明细', BUDGET_COLUMNS, []), sheet('里程碑', MILESTONE_COLUMNS, []), { name: '备忘', rows: [['随手记']] }], meta: META });
  expect(raw.tasks).toHaveLength(1);
  expect(raw.tasks[0].source).toEqual({ file: 'a.xlsx', sheet: '我们的任务', row: 5 });
  expect(raw.readFindings.map((f) => [f.code, f.severity, f.sheet])).toEqual([['read.sheet.renamed', 'warning', '我们的任务']]);
});
