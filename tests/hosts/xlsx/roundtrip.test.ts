/**
 * generate → fill by code → read → checkSubmission, for every committee; and a workbook with every
 * kind of mistake yields exactly the expected findings.
 */
import { checkSubmission } from '../../../src/core/validate';
import { readWorkbook } from '../../../src/hosts/xlsx';
import { fixtureCatalog, fixtureSettings, generated, goodFill, goodWorkbook } from '../../helpers/committeeFixtures';
import { fillWorkbook } from '../../helpers/fillWorkbook';

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);

describe('round trip for every committee', () => {
  test.each(catalog.committees.map((c) => [c.id, c.name]))('%s %s: good fill reads back and validates clean', async (id) => {
    const { bytes, fill } = await goodWorkbook(catalog, settings, id);
    const r = await readWorkbook(bytes, `2023年工作计划-${id}.xlsx`);
    expect(r.refusal).toBeUndefined();
    const raw = r.raw!;
    expect(raw.meta.committeeId).toBe(id);
    expect(raw.meta.year).toBe('2023');
    expect(raw.meta.catalogHash).toBe(catalog.hash);
    expect(raw.readFindings).toEqual([]);
    const { submission, findings } = checkSubmission(raw, catalog, settings);
    expect(findings).toEqual([]);
    expect(submission.committeeId).toBe(id);
    expect(submission.tasks.map((t) => t.code)).toEqual(fill.confirmed.map((c) => c.code));
    expect(submission.tasks.map((t) => t.point)).toEqual(fill.confirmed.map((c) => c.point));
    expect(submission.tasks.every((t) => !t.draft && t.owner === '王五' && t.milestones.length === 1)).toBe(true);
    const total = submission.budgetLines.reduce((s, l) => s + (l.amount ?? 0), 0);
    expect(total).toBeCloseTo(fill.total, 6);
  });

  test('an untouched workbook reads its drafts as draft tasks, with no read findings', async () => {
    const r = await readWorkbook(await generated(catalog, settings, 'c4'), 'c4.xlsx');
    const raw = r.raw!;
    expect(raw.readFindings).toEqual([]);
    const expected = catalog.points.flatMap((p) => p.measures.filter((m) => m.committeeId === 'c4'));
    expect(raw.tasks).toHaveLength(expected.length);
    expect(raw.tasks.every((t) => t.cells.draft === '草稿' && t.cells.committee === '人才与宣传工作专委会')).toBe(true);
    expect(raw.budgetLines).toEqual([]);
    expect(raw.milestones).toEqual([]);
    const { findings } = checkSubmission(raw, catalog, settings);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('a workbook with every kind of mistake', () => {
  test('yields exactly the expected findings', async () => {
    const s = fixtureSettings(catalog, { ceilings: { c2: 5 } });
    const good = goodFill(catalog, 'c2');
    // Good fill confirms T001 (point 2, row 5), T008 (point 4, row 13), T013 (point 5, row 19), T020 (point 6, row 27).
    const tasks = good.input.tasks!.map((t) => {
      if (t.code === 'T001') return { ...t, end: '2023-02-01' }; // end before start
      if (t.code === 'T008') return { ...t, owner: null }; // required owner missing
      if (t.code === 'T013') return { ...t, start: '2022-12-01' }; // outside the plan year
      if (t.code === 'T020') return { ...t, point: 18 }; // unknown point
      return t;
    });
    const budget = [
      ...good.input.budget!,
      { taskCode: 'T999', expenseCategory: '会议费', fundingSource: '财政拨款', amount: 1 }, // unknown task
      { taskCode: 'T001', expenseCategory: '会议费', fundingSource: '财政拨款', amount: -2 }, // negative
      { taskCode: 'T008', fundingSource: '财政拨款', amount: 1 }, // category missing
    ];
    const milestones = [
      ...good.input.milestones!.map((m) => (m.taskCode === 'T020' ? { ...m, date: '2023-12-20' } : m)), // outside its task
      { taskCode: 'T008', date: '2023-06-01', deliverableType: '活动' }, // deliverable missing
    ];
    const bytes = await fillWorkbook(await generated(catalog, s, 'c2'), {
      tasks,
      budget,
      milestones,
      cells: [
        { sheet: '任务表', address: 'F3', value: '负责同志' }, // renamed header
        { sheet: '任务表', address: 'N3', value: '联系电话' }, // extra column
        { sheet: '任务表', address: 'N5', value: '13800000000' },
      ],
    });
    const r = await readWorkbook(bytes, 'mistakes.xlsx');
    const raw = r.raw!;
    // The extra column's value is kept.
    expect(raw.tasks.find((t) => t.cells.code === 'T001')!.cells['extra:联系电话']).toBe('13800000000');
    const { findings } = checkSubmission(raw, catalog, s);
    const got = findings.map((f) => `${f.severity} ${f.code} ${f.sheet}!${f.column}${f.row}`);
    expect(got).toEqual([
      'warning coverage.point.noTask 任务表!0', // point 6: its only task now names point 18
      'info read.column.renamed 任务表!F3',
      'warning read.column.extra 任务表!N3',
      'error task.date.endBeforeStart 任务表!I5',
      'error task.required 任务表!F13',
      'error date.outsideYear 任务表!H19',
      'error task.point.unknown 任务表!B27',
      'error committee.ceiling.exceeded 预算明细!0',
      'error budget.task.unknown 预算明细!A8',
      'error amount.negative 预算明细!H9',
      'error budget.required 预算明细!C10',
      'warning milestone.date.outsideTask 里程碑!C4', // T001's dates are inverted
      'warning milestone.date.outsideTask 里程碑!C7',
      'error milestone.required 里程碑!E8',
    ]);
    expect(findings.every((f) => f.file === 'mistakes.xlsx' && f.message.zh && f.message.en)).toBe(true);
  });
});
