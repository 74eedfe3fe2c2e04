import { defaultCatalog } from '../../../src/core/catalog';
import { defaultSettings } from '../../../src/core/plan/settings';
import { normaliseSubmission, isBlankRow, TaskIndex, taskIndexOf } from '../../../src/core/plan/submission';
import type { Task } from '../../../src/core/plan/types';
import fc from 'fast-check';
import { rawSubmission, validLine, validMilestone, validTask } from '../../helpers/rawSubmission';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { region: '江苏省' });

describe('normaliseSubmission', () => {
  test('builds tasks with a Normalised record per column and the committee from metadata', () => {
    const raw = rawSubmission({ committeeId: '决策咨询专委会' }).task(validTask({ start: '2023年3月1日', point: '要点4' })).build();
    const { submission, findings } = normaliseSubmission(raw, catalog, settings);
    expect(findings).toEqual([]);
    expect(submission.committeeId).toBe('c2');
    const t = submission.tasks[0];
    expect(t).toMatchObject({ code: 'T001', point: 4, committeeId: 'c2', committeeText: '决策咨询专委会', start: '2023-03-01', end: '2023-11-30', draft: false, declaredTotal: null });
    expect(t.fields.start).toMatchObject({ raw: '2023年3月1日', value: '2023-03-01' });
    expect(t.fields.point.raw).toBe('要点4');
    expect(t.columns?.start).toBe('H');
    expect(t.source).toEqual({ file: 'test.xlsx', sheet: '任务表', row: 3 });
  });

  test('blank rows are skipped; rows holding only the task code, formulas or the 草稿 flag count as blank', () => {
    const raw = rawSubmission()
      .task(validTask())
      .task({ code: 'T002', budgetTotal: { formula: 'SUMIF(A:A,A4,H:H)' }, name: '  ', draft: '草稿' })
      .task({ code: 'T003', budgetTotal: 0 })
      .task({})
      .budget({ taskName: { formula: 'VLOOKUP(A3,任务表!A:C,3,FALSE)', result: '' }, amount: { formula: 'E3*F3*G3' } })
      .milestone({ taskName: '#N/A', date: '' })
      .build();
    const { submission } = normaliseSubmission(raw, catalog, settings);
    expect(submission.tasks.map((t) => t.code)).toEqual(['T001']);
    expect(submission.budgetLines).toEqual([]);
    expect(submission.orphanMilestones).toEqual([]);
    expect(isBlankRow(raw.tasks[0], 'tasks')).toBe(false);
  });

  test('a row with any typed input is kept', () => {
    const raw = rawSubmission().task({ code: 'T009', remarks: '待议' }).budget({ basis: '按标准' }).build();
    const { submission } = normaliseSubmission(raw, catalog, settings);
    expect(submission.tasks.map((t) => t.remarks)).toEqual(['待议']);
    expect(submission.budgetLines.map((l) => l.basis)).toEqual(['按标准']);
  });

  test('budget amount: the cell when it holds a value, else unit price × quantity × times, never in place of a formula without a value', () => {
    const raw = rawSubmission()
      .task(validTask())
      .budget(validLine({ amount: { formula: 'E3*F3*G3' }, unitPrice: 0.02, quantity: 30, times: 3 }))
      .budget(validLine({ amount: null, unitPrice: '200元', quantity: '10人', times: null }))
      .budget(validLine({ amount: 5, unitPrice: 1, quantity: 2, times: 2 }))
      .budget(validLine({ amount: { formula: 'E6*F6*G6', result: 1.8 }, unitPrice: 0.02, quantity: 30, times: 3 }))
      .build();
    const { submission } = normaliseSubmission(raw, catalog, settings);
    expect(submission.budgetLines.map((l) => [l.amount, l.amountSource])).toEqual([
      // readGrid computes our 金额 formula; one still without a value is not ours (read.formula.noValue): unknown.
      [null, null],
      [0.2, 'computed'],
      [5, 'cell'],
      [1.8, 'cell'],
    ]);
  });

  test('in a 元 plan "0.5万元" becomes 5000 and the raw text is kept', () => {
    const yuan = defaultSettings(catalog, { budgetUnit: '元' });
    const raw = rawSubmission().task(validTask()).budget(validLine({ amount: '0.5万元' })).build();
    const l = normaliseSubmission(raw, catalog, yuan).submission.budgetLines[0];
    expect(l.amount).toBe(5000);
    expect(l.fields.amount.raw).toBe('0.5万元');
    expect(l.fields.amount.note).toContain('换算');
  });

  test('milestones attach by task code; unmatched ones are kept as orphans with a finding', () => {
    const raw = rawSubmission()
      .task(validTask())
      .task(validTask({ code: 'T002', name: '另一任务' }))
      .milestone(validMilestone({ taskCode: 't002' }))
      .milestone(validMilestone({ taskCode: 'T404' }))
      .milestone(validMilestone({ taskCode: '' }))
      .build();
    const { submission, findings } = normaliseSubmission(raw, catalog, settings);
    expect(submission.tasks[1].milestones.map((m) => m.source.row)).toEqual([3]);
    expect(submission.orphanMilestones.map((m) => m.taskCode)).toEqual(['T404', '']);
    expect(findings.map((f) => [f.code, f.row, f.column, f.raw])).toEqual([['milestone.task.unknown', 4, 'A', 'T404']]);
  });

  test('drafts are kept with draft = true', () => {
    const raw = rawSubmission().task(validTask({ draft: '草稿' })).build();
    expect(normaliseSubmission(raw, catalog, settings).submission.tasks[0].draft).toBe(true);
  });

  test('nothing typed is dropped: every non-blank raw row becomes a task, line or milestone', () => {
    const raw = rawSubmission();
    for (let i = 0; i < 30; i++) raw.task(validTask({ code: `T${i}`, owner: i % 3 ? '张三' : '', point: i % 5 ? i % 17 : 'x' }));
    for (let i = 0; i < 40; i++) raw.budget(validLine({ taskCode: `T${i}`, amount: i % 4 ? i : 'abc' }));
    for (let i = 0; i < 20; i++) raw.milestone(validMilestone({ taskCode: `T${i * 2}` }));
    const { submission } = normaliseSubmission(raw.build(), catalog, settings);
    const attached = submission.tasks.reduce((n, t) => n + t.milestones.length, 0);
    expect([submission.tasks.length, submission.budgetLines.length, attached + submission.orphanMilestones.length]).toEqual([30, 40, 20]);
  });
});

describe('TaskIndex (the first task of each code)', () => {
  const tasksOf = (codes: string[]) => codes.map((code, i) => ({ code, name: `t${i}` }) as unknown as Task);
  /** The reference: the first task with the code, by a scan. */
  const firstByScan = (tasks: Task[], code: string) => (code ? tasks.find((t) => t.code === code) : undefined);
  test('repeated codes: the first wins; isFirst is false for the repeats and for no code', () => {
    const tasks = tasksOf(['T1', 'T2', 'T1', '', 'T3', 'T2']);
    const ix = new TaskIndex(tasks);
    expect(ix.first('T1')).toBe(tasks[0]);
    expect(ix.first('T2')).toBe(tasks[1]);
    expect(ix.first('T9')).toBeUndefined();
    expect(ix.first('')).toBeUndefined();
    expect(tasks.map((t) => ix.isFirst(t))).toEqual([true, true, false, false, true, false]);
  });
  test('ascending codes (searched, no map): every code found wherever the cursor stands, others not', () => {
    const codes = Array.from({ length: 200 }, (_, i) => `T${String(i * 2 + 1).padStart(4, '0')}`);
    const tasks = tasksOf(codes);
    const ix = new TaskIndex(tasks);
    for (const i of [150, 3, 199, 0, 0, 77, 78, 12]) expect(ix.first(codes[i])).toBe(tasks[i]);
    for (const code of ['T0000', 'T0002', 'T0400', 'T9999', 'S0001', '']) expect(ix.first(code)).toBeUndefined();
    expect(tasks.every((t) => ix.isFirst(t))).toBe(true);
  });
  test('taskIndexOf reuses an index only while the tasks and their codes are unchanged', () => {
    const tasks = tasksOf(['T1', 'T2', 'T3']);
    const a = taskIndexOf(tasks);
    expect(taskIndexOf(tasks)).toBe(a);
    tasks[1].code = 'T1'; // now a repeat of T1
    const b = taskIndexOf(tasks);
    expect(b).not.toBe(a);
    expect(b.isFirst(tasks[1])).toBe(false);
    expect(b.first('T2')).toBeUndefined();
    tasks.push(...tasksOf(['T4']));
    const c = taskIndexOf(tasks);
    expect(c).not.toBe(b);
    expect(c.first('T4')).toBe(tasks[3]);
    tasks[0] = tasksOf(['T9'])[0];
    expect(taskIndexOf(tasks).first('T9')).toBe(tasks[0]);
  });
  test('any sequence of lookups gives what a scan gives (the cursor is only a shortcut)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('', 'A', 'B', 'C', 'D', 'E'), { maxLength: 30 }), fc.array(fc.constantFrom('', 'A', 'B', 'C', 'D', 'E', 'Z'), { maxLength: 60 }), (codes, lookups) => {
        const tasks = tasksOf(codes);
        const ix = new TaskIndex(tasks);
        for (const code of lookups) expect(ix.first(code)).toBe(firstByScan(tasks, code));
        for (const t of tasks) expect(ix.isFirst(t)).toBe(!!t.code && firstByScan(tasks, t.code) === t);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
