/** 审阅 figures from the real consolidation (core/consolidate) through the task pane's engine. */
import { TextEncoder as NodeTextEncoder } from 'node:util';
import { defaultCatalog } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/plan/settings';
import type { BudgetLine, Task } from '../../src/core/plan/types';
import { STRINGS } from '../../src/i18n/taskpane';
import type { Checked } from '../../src/taskpane/engine';
import { engine } from '../../src/taskpane/engine/impl';

if (!globalThis.TextEncoder) Object.assign(globalThis, { TextEncoder: NodeTextEncoder });

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { year: 2023, ceilings: { c2: 10 } });
const task = (code: string, point: number, row: number): Task => ({ code, point, name: `任务${code}`, content: '内容', committeeId: 'c2', committeeText: '决策咨询专委会', owner: '张三', partners: '', start: '2023-03-01', end: '2023-11-30', kpi: '', remarks: '', draft: false, declaredTotal: null, milestones: [], source: { file: 'f.xlsx', sheet: '任务表', row }, fields: {} });
const line = (taskCode: string, amount: number | null, row: number): BudgetLine => ({ taskCode, expenseCategory: '会议费', fundingSource: '财政拨款', unitPrice: null, quantity: null, times: null, amount, basis: '', source: { file: 'f.xlsx', sheet: '预算明细', row }, fields: {} });

function checked(amounts: [number, number]): Checked {
  const meta = { templateVersion: '1.0', year: '2023', committeeId: 'c2', catalogHash: catalog.hash };
  return {
    file: 'f.xlsx',
    bytes: new TextEncoder().encode(`file ${amounts.join(',')}`),
    raw: { file: 'f.xlsx', meta, tasks: [], budgetLines: [], milestones: [], readFindings: [] },
    submission: { file: 'f.xlsx', meta, committeeId: 'c2', tasks: [task('T001', 4, 4), task('T002', 6, 5)], budgetLines: [line('T001', amounts[0], 4), line('T002', amounts[1], 5)], orphanMilestones: [] },
    findings: [],
  };
}

test('headline figures, budget by section and committee, coverage, over the ceiling', () => {
  const s = engine.summarise([checked([4, 7.5])], [], catalog, settings, null);
  const f = s.figures;
  expect(s.totals).toEqual({ tasks: 2, budget: 11.5 });
  expect(f.totalBudget).toBe(11.5);
  expect(f.committeesIn).toBe(1);
  expect(f.committeesAll).toBe(7);
  expect(f.pointsCovered).toBe(2);
  expect(f.pointsAll).toBe(17);
  const sec2 = f.bySection.find((x) => x.key === 's2')!;
  expect(sec2.budget).toBe(11.5);
  expect(sec2.label).not.toContain('{{region}}');
  expect(f.byCommittee.find((c) => c.key === 'c2')).toMatchObject({ budget: 11.5, ceiling: 10, over: true });
  expect(f.coverage.find((c) => c.number === 5)!.tasks).toBe(0);
  expect(s.roster.filter((r) => r.status === 'missing')).toHaveLength(6);
  expect(s.spec.sheets.map((x) => x.name)).toEqual(expect.arrayContaining(['封面', '任务汇总', '按要点', '按专委会', '问题清单']));
});

test('largest changes against the previous consolidation (its memo)', () => {
  const first = engine.summarise([checked([4, 7.5])], [], catalog, settings, null);
  expect(first.figures.changes).toEqual([]);
  const second = engine.summarise([checked([4, 17.5])], [], catalog, settings, first.memo);
  expect(second.figures.changes[0]).toMatchObject({ delta: 10 });
  expect(second.figures.changes.map((c) => c.label)).toContain('决策咨询专委会');
  expect(engine.summarise([checked([4, 7.5])], [], catalog, settings, first.memo).figures.changes).toEqual([]);
});

test('a refused file is listed with its reason', () => {
  const finding = { severity: 'error' as const, code: 'file.xls', message: { zh: '旧版 .xls', en: 'old .xls' }, file: 'old.xls', sheet: '', row: 0, column: '', columnKey: '', raw: null, fix: null };
  const s = engine.summarise([], [{ file: 'old.xls', bytes: new Uint8Array([1]), finding }], catalog, settings, null);
  const r = s.roster.find((x) => x.file === 'old.xls')!;
  expect(r.status).toBe('refused');
  expect(r.reason?.zh).toBeTruthy();
});

test('every task pane string has Chinese and English text', () => {
  for (const [k, v] of Object.entries(STRINGS)) {
    expect([k, v.zh.trim().length > 0]).toEqual([k, true]);
    expect([k, v.en.trim().length > 0]).toEqual([k, true]);
  }
});
