import { defaultCatalog } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/plan/settings';
import type { BudgetLine, Task } from '../../src/core/plan/types';
import type { Checked, RosterRow } from '../../src/taskpane/engine';
import { reviewFigures } from '../../src/taskpane/review';
import { STRINGS } from '../../src/i18n/taskpane';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { year: 2023, ceilings: { c2: 10 } });
const src = { file: 'f', sheet: '任务表', row: 1 };
const task = (code: string, point: number): Task => ({ code, point, name: code, content: '', committeeId: 'c2', committeeText: '', owner: '', partners: '', start: null, end: null, kpi: '', remarks: '', draft: false, declaredTotal: null, milestones: [], source: src, fields: {} });
const line = (taskCode: string, amount: number | null): BudgetLine => ({ taskCode, expenseCategory: '会议费', fundingSource: '财政拨款', unitPrice: null, quantity: null, times: null, amount, basis: '', source: src, fields: {} });

function summary(amounts: number[]) {
  const c: Checked = {
    file: 'f',
    bytes: new Uint8Array(),
    raw: { file: 'f', meta: {}, tasks: [], budgetLines: [], milestones: [], readFindings: [] },
    submission: { file: 'f', meta: {}, committeeId: 'c2', tasks: [task('T1', 4), task('T2', 6)], budgetLines: [line('T1', amounts[0]), line('T2', amounts[1]), line('T9', null)], orphanMilestones: [] },
    findings: [],
  };
  const roster: RosterRow[] = [{ committeeId: 'c2', committee: '决策咨询专委会', status: 'submitted', file: 'f', tasks: 2, budget: 0, ceiling: 10 }];
  return { accepted: [c], findings: [], roster };
}

test('headline figures, by section and committee, coverage, over-ceiling', () => {
  const f = reviewFigures(summary([4, 7.5]), catalog, settings);
  expect(f.totalBudget).toBe(11.5);
  expect(f.totalTasks).toBe(2);
  expect(f.committeesIn).toBe(1);
  expect(f.pointsCovered).toBe(2);
  expect(f.pointsAll).toBe(17);
  const sec2 = f.bySection.find((s) => s.key === 's2')!;
  expect(sec2.budget).toBe(11.5);
  expect(sec2.label).not.toContain('{{region}}');
  const c2 = f.byCommittee.find((c) => c.key === 'c2')!;
  expect(c2).toMatchObject({ budget: 11.5, ceiling: 10, over: true });
  expect(f.coverage.find((c) => c.number === 5)!.tasks).toBe(0);
});

test('largest changes against the previous consolidation', () => {
  const before = reviewFigures(summary([4, 7.5]), catalog, settings);
  const after = reviewFigures(summary([4, 17.5]), catalog, settings, before);
  expect(after.changes[0]).toMatchObject({ delta: 10 });
  expect(after.changes.map((c) => c.label)).toEqual(expect.arrayContaining(['决策咨询专委会']));
  expect(reviewFigures(summary([4, 7.5]), catalog, settings, before).changes).toEqual([]);
});

test('every task pane string has Chinese and English text', () => {
  for (const [k, v] of Object.entries(STRINGS)) {
    expect([k, v.zh.trim().length > 0]).toEqual([k, true]);
    expect([k, v.en.trim().length > 0]).toEqual([k, true]);
  }
});
