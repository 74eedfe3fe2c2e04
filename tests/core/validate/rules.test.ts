/** Every validation rule with a failing and a passing case, on fixtures built by code. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { CODES } from '../../../src/core/validate/codes';
import { checkSubmission, ALL_CODES, validateSubmission } from '../../../src/core/validate';
import type { Finding } from '../../../src/core/validate';
import { defaultSettings } from '../../../src/core/plan/settings';
import type { Settings } from '../../../src/core/plan/types';
import { normaliseSubmission } from '../../../src/core/plan/submission';
import type { Task } from '../../../src/core/plan/types';
import { bucketsByHash, bucketsByHashMap, checkDuplicates } from '../../../src/core/validate/rules/duplicates';
import { buildContext } from '../../../src/core/validate/rules/context';
import { checkMetaAndCodes } from '../../../src/core/validate/rules/submission';
import { checkRequired } from '../../../src/core/validate/rules/required';
import { checkDrafts } from '../../../src/core/validate/rules/draft';
import { checkCommittees, checkPoints } from '../../../src/core/validate/rules/point';
import { checkDates } from '../../../src/core/validate/rules/dates';
import { checkAmounts } from '../../../src/core/validate/rules/amounts';
import { checkBudget } from '../../../src/core/validate/rules/budget';
import { checkCoverage } from '../../../src/core/validate/rules/coverage';
import { checkKeyDates } from '../../../src/core/validate/rules/keyDates';
import { sortFindings } from '../../../src/core/validate/codes';
import { buildFixture } from '../../../bench/validateFixture';
import { rawSubmission, validTask, TASK_LETTERS, BUDGET_LETTERS, MILESTONE_LETTERS } from '../../helpers/rawSubmission';
import type { Cells } from '../../helpers/rawSubmission';
import { catalog, fixture, settings } from './fixture';
import type { Patch } from './fixture';

const seen = new Set<string>();
const run = (patch: Patch = {}, s: Settings = settings): Finding[] => checkSubmission(fixture(patch).build(), catalog, s).findings;
const setTask = (i: number, cells: Cells) => (ts: Cells[]) => ts.map((t, j) => (j === i ? { ...t, ...cells } : t));
const setLine = (i: number, cells: Cells) => (ls: Cells[]) => ls.map((l, j) => (j === i ? { ...l, ...cells } : l));
const setMilestone = (i: number, cells: Cells) => (ms: Cells[]) => ms.map((m, j) => (j === i ? { ...m, ...cells } : m));

/** Assert `code` is among the findings (and optionally where); remember it for the coverage test. */
function expectCode(findings: Finding[], code: string, where: Partial<Finding> = {}): Finding {
  const hit = findings.filter((f) => f.code === code);
  if (!hit.length) throw new Error(`expected ${code}, got ${JSON.stringify(findings.map((f) => f.code))}`);
  expect(hit[0]).toMatchObject(where);
  expect(hit[0].message.zh).not.toMatch(/\{\w+\}/);
  expect(hit[0].message.en).not.toMatch(/\{\w+\}/);
  expect(hit[0].fix).not.toBeNull();
  seen.add(code);
  return hit[0];
}
const noCode = (findings: Finding[], code: string) => expect(findings.map((f) => f.code)).not.toContain(code);

/** A submission without workbook committee (no coverage findings), for focused cases. */
function loose(tasks: Cells[], lines: Cells[] = [], ms: Cells[] = [], s: Settings = settings): Finding[] {
  const b = rawSubmission({ file: 'x.xlsx' });
  tasks.forEach((t) => b.task(t));
  lines.forEach((l) => b.budget(l));
  ms.forEach((m) => b.milestone(m));
  return checkSubmission(b.build(), catalog, s).findings;
}

test('the base fixture is clean (the passing case of every rule)', () => {
  expect(run()).toEqual([]);
});

describe('submission', () => {
  test('year of the workbook', () => {
    expectCode(run({ meta: { year: 2022 } }), 'submission.year.mismatch', { severity: 'error', row: 0, raw: '2022' });
    noCode(run({ meta: { year: 2023 } }), 'submission.year.mismatch');
  });
  test('catalog hash', () => {
    expectCode(run({ meta: { catalogHash: 'deadbeefdeadbeef' } }), 'submission.catalog.mismatch', { severity: 'warning' });
  });
  test('committee in metadata', () => {
    expectCode(run({ meta: { committeeId: '不存在的专委会' } }), 'submission.committee.unknown');
    noCode(run({ meta: { committeeId: '江苏省老科协决策咨询专委会' } }), 'submission.committee.unknown');
  });
  test('no tasks', () => {
    expectCode(run({ tasks: () => [], lines: () => [], milestones: () => [] }), 'submission.empty', { sheet: '任务表' });
  });
  test('repeated task code', () => {
    const f = expectCode(run({ tasks: setTask(1, { code: 'T001' }) }), 'task.code.duplicate', { row: 4, column: TASK_LETTERS.code, columnKey: 'code', raw: 'T001' });
    expect(f.message.zh).toContain('第 3 行');
  });
});

describe('required fields', () => {
  test('task field empty, named by file/sheet/row/column', () => {
    const f = expectCode(run({ tasks: setTask(0, { owner: '  ' }) }), 'task.required', {
      severity: 'error', file: '2023年工作计划-决策咨询专委会.xlsx', sheet: '任务表', row: 3, column: TASK_LETTERS.owner, columnKey: 'owner', raw: '  ',
    });
    expect(f.message.zh).toContain('负责人');
    expect(f.message.en).toContain('Owner');
  });
  test('budget and milestone fields', () => {
    expectCode(run({ lines: setLine(0, { expenseCategory: '' }) }), 'budget.required', { sheet: '预算明细', column: BUDGET_LETTERS.expenseCategory });
    expectCode(run({ milestones: setMilestone(0, { deliverable: null }) }), 'milestone.required', { sheet: '里程碑', column: MILESTONE_LETTERS.deliverable });
  });
  test('amount may be computed from unit price × quantity × times', () => {
    const f = run({ lines: setLine(0, { amount: null, unitPrice: 0.2, quantity: 10, times: null }) });
    noCode(f, 'budget.required');
    expectCode(run({ lines: setLine(0, { amount: null, unitPrice: 0.2, quantity: null }) }), 'budget.required', { columnKey: 'amount' });
  });
  test('long name', () => {
    expectCode(run({ tasks: setTask(0, { name: '凝'.repeat(41) }) }), 'task.name.long', { severity: 'info' });
    noCode(run({ tasks: setTask(0, { name: '凝'.repeat(40) }) }), 'task.name.long');
  });
  test('unreadable draft flag', () => {
    expectCode(run({ tasks: setTask(0, { draft: '也许' }) }), 'flag.unreadable', { columnKey: 'draft' });
  });
});

describe('drafts', () => {
  const draftRow = { code: 'T005', point: '4 凝练决策咨询重点课题', name: '开展老龄人才指数研究', content: '开展老龄人才指数和老科技工作者人才资源开发等研究。', committee: '决策咨询专委会', draft: '草稿' };
  test('an untouched draft is one info, not a list of errors', () => {
    const f = run({ tasks: (ts) => [...ts, draftRow] });
    expectCode(f, 'task.draft.untouched', { severity: 'info', row: 7 });
    expect(f.filter((x) => x.severity !== 'info')).toEqual([]);
  });
  test('a filled draft still marked 草稿 is a warning; its missing fields are warnings', () => {
    const f = run({ tasks: (ts) => [...ts, { ...draftRow, owner: '李四', start: '2023-03-01' }] });
    expectCode(f, 'task.draft.filled', { severity: 'warning' });
    expect(f.find((x) => x.code === 'task.required')).toMatchObject({ severity: 'warning', columnKey: 'end' });
    noCode(f, 'task.draft.untouched');
  });
});

describe('work point', () => {
  test('missing point: suggestion from the text with a one-click fix', () => {
    const f = expectCode(run({ tasks: setTask(0, { point: '' }) }), 'task.point.missing', { severity: 'error', columnKey: 'point' });
    expect(f.autoFix?.value).toBe('4 凝练决策咨询重点课题');
    expect(f.message.zh).toContain('建议要点 4');
  });
  test('unreadable point', () => {
    const f = expectCode(run({ tasks: setTask(0, { point: '某要点' }) }), 'task.point.unreadable', { raw: '某要点' });
    expect(f.autoFix?.value).toBe('4 凝练决策咨询重点课题');
  });
  test('unknown point number', () => {
    expectCode(run({ tasks: setTask(0, { point: 18 }) }), 'task.point.unknown', { raw: 18 });
    noCode(run({ tasks: setTask(0, { point: '第四条' }) }), 'task.point.unknown');
  });
  test('number and title disagree', () => {
    const f = expectCode(run({ tasks: setTask(0, { point: '4 加强内部治理能力建设' }) }), 'task.point.titleMismatch', { severity: 'warning' });
    expect(f.message.en).toContain('17');
  });
  test('the text fits another point much better', () => {
    const f = expectCode(
      run({ tasks: setTask(0, { name: '组织老科协奖评选表彰', content: '继续开展老科协奖评选，在全国科技工作者日公布评选结果并进行表彰' }) }),
      'task.point.betterFit',
      { severity: 'warning', columnKey: 'point' },
    );
    expect(f.message.zh).toContain('要点 15');
  });
  test('a popular-science task filed under point 4 (决策咨询) is flagged as fitting point 9', () => {
    const f = expectCode(
      run({ tasks: setTask(0, { point: '4 凝练决策咨询重点课题', name: '防范电信诈骗科普宣讲', content: '为社区老年人开展防范电信诈骗科普宣讲20场，组织老专家进社区。' }) }),
      'task.point.betterFit',
      { severity: 'warning', columnKey: 'point' },
    );
    expect(f.message.zh).toMatch(/要点 9|要点 7/);
  });
  test('no betterFit for any measure of the 2023 text under its own point', () => {
    for (const p of catalog.points) {
      for (const m of p.measures) {
        const cid = m.committeeId ?? p.committeeIds[0];
        const name = catalog.committees.find((c) => c.id === cid)!.name;
        const f = loose([validTask({ point: p.number, name: m.text.slice(0, 20), content: m.text, committee: name })]);
        expect([p.number, m.index, f.filter((x) => x.code === 'task.point.betterFit' || x.code.startsWith('task.committee'))]).toEqual([p.number, m.index, []]);
      }
    }
  });
});

describe('committee', () => {
  test('unreadable committee', () => {
    expectCode(run({ tasks: setTask(0, { committee: '某某委员会' }) }), 'task.committee.unreadable', { columnKey: 'committee' });
    noCode(run({ tasks: setTask(0, { committee: '江苏省老科协决策咨询专委会' }) }), 'task.committee.unreadable');
    noCode(run({ tasks: setTask(0, { committee: '决策咨询' }) }), 'task.committee.unreadable');
  });
  test('committee not responsible for the point names the responsible one', () => {
    const f = run({ tasks: setTask(0, { committee: '党委' }) });
    const nr = expectCode(f, 'task.committee.notResponsible', { severity: 'warning', column: TASK_LETTERS.committee });
    expect(nr.message.zh).toContain('决策咨询专委会');
    expectCode(f, 'task.committee.otherSubmission', { severity: 'info' });
  });
  test('point 15: measure-level committees', () => {
    const day = { point: 15, name: '重阳节全国老科技工作者日庆祝活动', content: '在农历九月初九（重阳节）组织开展全国老科技工作者日庆祝活动', start: '2023-10-16', end: '2023-10-25' };
    const f = loose([validTask({ ...day, committee: '人才与宣传工作专委会' })]);
    const m = expectCode(f, 'task.committee.measure');
    expect(m.message.zh).toContain('组织建设与服务专委会');
    noCode(f, 'task.committee.notResponsible');
    expect(loose([validTask({ ...day, committee: '组织建设与服务专委会' })])).toEqual([]);
    const award = { point: 15, name: '组织老科协奖评选表彰', content: '继续开展老科协奖评选表彰，扩大奖励规模和覆盖面', start: '2023-01-10', end: '2023-05-30' };
    expect(loose([validTask({ ...award, committee: '人才与宣传工作专委会' })])).toEqual([]);
    expectCode(loose([validTask({ ...award, committee: '组织建设与服务专委会' })]), 'task.committee.measure');
  });
});

describe('dates', () => {
  test('unreadable date', () => {
    expectCode(run({ tasks: setTask(0, { start: '下个月' }) }), 'date.unreadable', { columnKey: 'start', raw: '下个月' });
    expectCode(run({ milestones: setMilestone(0, { date: 'abc' }) }), 'date.unreadable', { sheet: '里程碑', columnKey: 'date' });
  });
  test('outside the plan year', () => {
    expectCode(run({ tasks: setTask(0, { end: '2024-01-15' }) }), 'date.outsideYear', { columnKey: 'end' });
    noCode(run({ tasks: setTask(0, { end: '2023-12-31' }) }), 'date.outsideYear');
  });
  test('serials and Date objects are dates (no finding)', () => {
    expect(run({ tasks: setTask(0, { start: 44986, end: new Date(Date.UTC(2023, 10, 30)) }) })).toEqual([]);
  });
  test('a period resolves to a date with a one-click fix', () => {
    const f = expectCode(run({ tasks: setTask(0, { start: '二季度' }) }), 'date.period', { severity: 'info' });
    expect(f.autoFix?.value).toBe('2023-04-01');
    const e = expectCode(run({ tasks: setTask(0, { end: '四季度' }) }), 'date.period');
    expect(e.autoFix?.value).toBe('2023-12-31');
  });
  test('reformatted date text', () => {
    const f = expectCode(run({ tasks: setTask(0, { start: '2023年3月1日' }) }), 'date.reformatted', { severity: 'info' });
    expect(f.autoFix?.value).toBe('2023-03-01');
  });
  test('end before start', () => {
    expectCode(run({ tasks: setTask(0, { start: '2023-09-01', end: '2023-03-01' }) }), 'task.date.endBeforeStart', { columnKey: 'end', severity: 'error' });
  });
  test('milestone outside its task', () => {
    expectCode(run({ milestones: setMilestone(0, { date: '2023-12-20' }) }), 'milestone.date.outsideTask', { sheet: '里程碑', row: 3 });
    noCode(run({ milestones: setMilestone(0, { date: '2023-11-30' }) }), 'milestone.date.outsideTask');
  });
});

describe('amounts', () => {
  test('unreadable and approximate amounts', () => {
    expectCode(run({ lines: setLine(0, { amount: 'abc' }) }), 'amount.unreadable', { columnKey: 'amount', column: BUDGET_LETTERS.amount });
    expectCode(run({ lines: setLine(0, { amount: '约5万' }) }), 'amount.approximate', { severity: 'error', raw: '约5万' });
  });
  test('negative and zero', () => {
    expectCode(run({ lines: setLine(0, { amount: -2 }) }), 'amount.negative');
    expectCode(run({ lines: setLine(0, { amount: 0 }) }), 'amount.zero', { severity: 'warning' });
  });
  test('out of range (1e308, an overflowing product, negative zero): an error, never in a total', () => {
    expectCode(run({ lines: setLine(0, { amount: 1e308 }) }), 'amount.outOfRange', { severity: 'error', columnKey: 'amount' });
    expectCode(run({ lines: setLine(0, { amount: null, unitPrice: 1e200, quantity: 1e200 }) }), 'amount.outOfRange');
    noCode(run({ lines: setLine(0, { amount: 1e12 }) }), 'amount.outOfRange');
    const { submission } = normaliseSubmission(fixture({ lines: setLine(0, { amount: 1e308 }) }).build(), catalog, settings);
    expect(submission.budgetLines[0].amount).toBeNull();
    expect(submission.budgetLines[0].amountOutOfRange).toBe(1e308);
    const neg = normaliseSubmission(fixture({ lines: setLine(0, { amount: -0 }) }).build(), catalog, settings).submission;
    expect(Object.is(neg.budgetLines[0].amount, -0)).toBe(false);
  });
  test('over-precise (settings.amountDecimals)', () => {
    expectCode(run({ lines: setLine(0, { amount: 1.23456 }) }), 'amount.precision');
    noCode(run({ lines: setLine(0, { amount: 1.2345 }) }), 'amount.precision');
    const yuan = defaultSettings(catalog, { region: '江苏省', budgetUnit: '元' });
    expectCode(run({ lines: setLine(0, { amount: 20000.123 }) }, yuan), 'amount.precision');
    noCode(run({ lines: setLine(0, { amount: 20000.12 }) }, yuan), 'amount.precision');
  });
  test('converted and reformatted amounts carry the value to write back', () => {
    const c = expectCode(run({ lines: setLine(0, { amount: '20000元' }) }), 'amount.converted', { severity: 'info' });
    expect(c.autoFix?.value).toBe(2);
    const r = expectCode(run({ lines: setLine(0, { amount: '２' }) }), 'amount.reformatted');
    expect(r.autoFix?.value).toBe(2);
    noCode(run({ lines: setLine(0, { amount: 2 }) }), 'amount.reformatted');
  });
  test.each([
    ['三万五千元', '“金额”读作：三万五千元 → 3.5 万元（中文数字，换算为万元）。', 'Amount "三万五千元" read as 3.5 (10k yuan): Chinese numerals; converted to 10k yuan.', 3.5],
    ['¥30,000', '“金额”读作：¥30,000 → 3 万元（货币符号表示元，换算为万元）。', 'Amount "¥30,000" read as 3 (10k yuan): currency sign read as yuan; converted to 10k yuan.', 3],
    ['1万2', '“金额”读作：1万2 → 1.2 万元（换算为万元）。', 'Amount "1万2" read as 1.2 (10k yuan): converted to 10k yuan.', 1.2],
    ['十五', '“金额”读作：十五 → 15 万元（中文数字）。', 'Amount "十五" read as 15 (10k yuan): Chinese numerals.', 15],
  ])('a reading that changes magnitude says what it was read as: %j', (amount, zh, en, value) => {
    const f = expectCode(run({ lines: setLine(0, { amount }) }), 'amount.converted', { severity: 'info', columnKey: 'amount', raw: amount });
    expect(f.message).toEqual({ zh, en });
    expect(f.autoFix?.value).toBe(value);
  });
  test('an amount in the plan unit with its unit written is not a magnitude change: 3万元 in a 万元 plan is reformatted, not converted', () => {
    const fs = run({ lines: setLine(0, { amount: '3万元' }) });
    noCode(fs, 'amount.converted');
    expect(expectCode(fs, 'amount.reformatted').autoFix?.value).toBe(3);
  });
  test('三百五 without a unit in a 万元 plan is refused (350 元 or 350 万元?), not guessed', () => {
    const f = expectCode(run({ lines: setLine(0, { amount: '三百五' }) }), 'amount.unreadable', { severity: 'error' });
    expect(f.message.zh).toBe('无法识别“金额”中的“三百五”：“三百五”没有写单位，无法确定是 350 元还是 350 万元；请写明单位，如“350元”。');
  });
  test('a line amount above settings.maxLineAmount (default 500 万元) is a warning naming the value', () => {
    const wide = { ...settings, ceilings: {} };
    const f = expectCode(run({ lines: setLine(0, { amount: 600 }) }, wide), 'amount.implausible', { severity: 'warning', columnKey: 'amount', sheet: '预算明细' });
    expect(f.message.zh).toBe('“金额” 600 万元 超过单行金额上限 500 万元，不像一行预算的金额。');
    expect(f.message.en).toBe('Amount 600 (10k yuan) is above the line limit (maxLineAmount) of 500; not a plausible line amount.');
    noCode(run({ lines: setLine(0, { amount: 500 }) }, wide), 'amount.implausible');
    // The setting is read in the plan's unit; 0 turns the check off.
    expectCode(run({ lines: setLine(0, { amount: 60 }) }, { ...wide, maxLineAmount: 50 }), 'amount.implausible');
    noCode(run({ lines: setLine(0, { amount: 600 }) }, { ...wide, maxLineAmount: 0 }), 'amount.implausible');
    // Unset, the limit follows the plan's unit: 5,000,000 in a 元 plan, also when budgetUnit is changed after the defaults.
    const yuan = defaultSettings(catalog, { region: '江苏省', budgetUnit: '元' });
    expect(yuan.maxLineAmount).toBeUndefined();
    expectCode(run({ lines: setLine(0, { amount: 6_000_000 }) }, { ...wide, budgetUnit: '元', amountDecimals: 2 }), 'amount.implausible');
    noCode(run({ lines: setLine(0, { amount: 30_000 }) }, { ...wide, budgetUnit: '元', amountDecimals: 2 }), 'amount.implausible');
    expectCode(run({ lines: setLine(0, { amount: 6_000_000 }) }, yuan), 'amount.implausible');
    noCode(run({ lines: setLine(0, { amount: 30_000 }) }, yuan), 'amount.implausible');
  });
  test('a line amount above its committee\'s ceiling (控制数) is a warning naming the value and the ceiling', () => {
    const f = expectCode(run({ lines: setLine(0, { amount: 80 }) }), 'amount.implausible', { severity: 'warning' });
    expect(f.message.zh).toBe('“金额” 80 万元 超过决策咨询专委会的控制数 50 万元，不像一行预算的金额。');
    expect(f.message.en).toBe('Amount 80 (10k yuan) is above the ceiling of 决策咨询专委会 of 50; not a plausible line amount.');
    noCode(run({ lines: setLine(0, { amount: 40 }) }), 'amount.implausible');
  });
  test('a workbook generated in 元 checked against a 万元 plan is an error: its digits would be read 10,000 times too big', () => {
    const withUnit = (budgetUnit: string) => {
      const raw = fixture().build();
      raw.meta = { ...raw.meta, budgetUnit };
      return checkSubmission(raw, catalog, settings).findings;
    };
    const f = expectCode(withUnit('元'), 'submission.unit.mismatch', { severity: 'error', raw: '元' });
    expect(f.message.zh).toBe('该工作簿的金额单位为元，当前计划的金额单位为万元：按当前单位读数会差 1 万倍。');
    expect(withUnit('万元')).toEqual([]);
  });
  test('quantity / times', () => {
    expectCode(run({ lines: setLine(2, { quantity: '若干' }) }), 'number.unreadable', { columnKey: 'quantity' });
    expectCode(run({ lines: setLine(2, { quantity: -2, amount: -2 }) }), 'number.negative', { columnKey: 'quantity' });
  });
  test('amount differs from unit price × quantity × times', () => {
    const f = expectCode(run({ lines: setLine(2, { amount: 3 }) }), 'budget.amount.mismatch', { row: 5, columnKey: 'amount' });
    expect(f.message.zh).toContain('= 2');
    noCode(run({ lines: setLine(2, { amount: 2.00001 }) }), 'budget.amount.mismatch');
  });
  test('list values', () => {
    expectCode(run({ lines: setLine(0, { expenseCategory: '招待费' }) }), 'budget.category.unknown');
    expectCode(run({ lines: setLine(0, { fundingSource: '银行贷款' }) }), 'budget.source.unknown');
    expectCode(run({ milestones: setMilestone(0, { deliverableType: '视频' }) }), 'milestone.type.unknown');
  });
});

describe('budget links, totals, ceiling', () => {
  test('line pointing at no task', () => {
    expectCode(run({ lines: setLine(0, { taskCode: 'T999' }) }), 'budget.task.unknown', { raw: 'T999', column: BUDGET_LETTERS.taskCode });
    noCode(run({ lines: setLine(0, { taskCode: ' t001 ' }) }), 'budget.task.unknown');
  });
  test('milestone pointing at no task is kept and reported', () => {
    const raw = fixture({ milestones: setMilestone(0, { taskCode: 'T999' }) }).build();
    const r = checkSubmission(raw, catalog, settings);
    expectCode(r.findings, 'milestone.task.unknown', { sheet: '里程碑', row: 3 });
    expect(r.submission.orphanMilestones.map((m) => m.taskCode)).toEqual(['T999']);
  });
  test('declared total ≠ sum of lines (only when declared)', () => {
    expectCode(run({ tasks: setTask(0, { budgetTotal: 5 }) }), 'task.total.mismatch', { columnKey: 'budgetTotal' });
    noCode(run({ tasks: setTask(0, { budgetTotal: 2 }) }), 'task.total.mismatch');
    noCode(run({ tasks: setTask(0, { budgetTotal: { formula: 'SUMIF(预算明细!A:A,A3,预算明细!H:H)' } }) }), 'task.total.mismatch');
    expectCode(run({ tasks: setTask(0, { budgetTotal: '#REF!' }) }), 'task.total.unreadable');
  });
  test('a total the spreadsheet could not add up (an amount typed as text) is not blamed as typed by hand', () => {
    // "5万元" typed over the amount: Excel's SUMIF skips text, so 预算合计 shows 0 while we read 5.
    const typedAsText = { lines: setLine(0, { amount: '5万元' }) };
    const f = run({ ...typedAsText, tasks: setTask(0, { budgetTotal: 0 }) });
    noCode(f, 'task.total.mismatch');
    expectCode(f, 'amount.reformatted', { sheet: '预算明细' });
    // a total that neither the lines nor the spreadsheet's sum explain is still reported
    expectCode(run({ ...typedAsText, tasks: setTask(0, { budgetTotal: 3 }) }), 'task.total.mismatch');
  });
  test('after fixes written without recalculation (_meta recalcPending = 1) the cached totals are not compared', () => {
    const raw = fixture({ tasks: setTask(0, { budgetTotal: 0 }) }).build();
    expectCode(checkSubmission(raw, catalog, settings).findings, 'task.total.mismatch');
    raw.meta.recalcPending = '1';
    noCode(checkSubmission(raw, catalog, settings).findings, 'task.total.mismatch');
  });
  test('committee over its ceiling', () => {
    const tight = { ...settings, ceilings: { c2: 8 } };
    const f = expectCode(run({}, tight), 'committee.ceiling.exceeded', { severity: 'error', sheet: '预算明细', row: 0 });
    expect(f.message.zh).toContain('8.5');
    expect(run({}, { ...settings, ceilings: { c2: 8.5 } })).toEqual([]);
  });
});

describe('duplicates', () => {
  test('same point, near-identical names', () => {
    const f = expectCode(run({ tasks: (ts) => [...ts, { ...ts[0], code: 'T005', name: '凝练年度决策咨询重点研究课题' }] }), 'task.duplicate', { row: 7, columnKey: 'name' });
    expect(f.message.zh).toContain('第 3 行');
  });
  test('numbered series and other points are not duplicates', () => {
    const series = (ts: Cells[]) => [...ts, { ...ts[0], code: 'T005', name: '举办决策咨询第1期培训班' }, { ...ts[0], code: 'T006', name: '举办决策咨询第2期培训班' }];
    noCode(run({ tasks: series }), 'task.duplicate');
    const other = (ts: Cells[]) => [...ts, { ...ts[3], code: 'T005', name: ts[0].name }];
    noCode(run({ tasks: other }), 'task.duplicate');
  });
  test('hash buckets: the sort-based grouping gives the groups a map by hash gives, in the same order', () => {
    const names = ['举办培训班', '举办培训班第1期', '举办培训班第1期', '调研报告', '调研报告', '举办培训班', '', '第2期调研', '第2期调研'];
    const tasks = names.map((name, i) => ({ name, point: 1 + (i % 2) }) as unknown as Task);
    const groups = bucketsByHash(tasks);
    expect(groups).toEqual(bucketsByHashMap(tasks));
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(g.map((t) => tasks.indexOf(t))).toEqual([...g.map((t) => tasks.indexOf(t))].sort((a, b) => a - b));
  });
});

describe('coverage', () => {
  test('a point the committee owns with no task', () => {
    const f = expectCode(run({ tasks: (ts) => ts.slice(0, 3), lines: (ls) => ls.slice(0, 3) }), 'coverage.point.noTask', { severity: 'warning' });
    expect(f.message.zh).toContain('要点 6');
  });
  test('a point with only drafts', () => {
    expectCode(run({ tasks: setTask(3, { draft: '草稿' }) }), 'coverage.point.draftOnly', { severity: 'info' });
  });
});

describe('key dates', () => {
  const c4 = '人才与宣传工作专委会';
  const award = { point: 15, name: '组织老科协奖评选表彰', content: '继续开展老科协奖评选表彰，公布评选结果', committee: c4, start: '2023-01-10' };
  test('a 老科协奖 task of point 15 ending after 5月30日', () => {
    const f = expectCode(loose([validTask({ ...award, end: '2023-06-30' })]), 'keyDate.deadline', { columnKey: 'end' });
    expect(f.message.zh).toContain('2023-05-30');
    expect(loose([validTask({ ...award, end: '2023-05-30' })])).toEqual([]);
  });
  const c7 = '组织建设与服务专委会';
  const day = { point: 15, name: '全国老科技工作者日庆祝活动', content: '在重阳节组织开展全国老科技工作者日主题系列活动', committee: c7 };
  test('a 老科技工作者日 task outside the 重阳节 week (2023-10-23)', () => {
    const f = expectCode(loose([validTask({ ...day, start: '2023-09-01', end: '2023-09-30' })]), 'keyDate.week');
    expect(f.message.zh).toContain('2023-10-20');
    expect(loose([validTask({ ...day, start: '2023-10-22', end: '2023-10-24' })])).toEqual([]);
    expect(loose([validTask({ ...day, start: '2023-09-01', end: '2023-10-20' })])).toEqual([]);
  });
  test('another year resolves the lunar date again (2024-10-11)', () => {
    const s2024 = defaultSettings(catalog, { region: '江苏省', year: 2024 });
    expect(loose([validTask({ ...day, start: '2024-10-10', end: '2024-10-12' })], [], [], s2024)).toEqual([]);
    expectCode(loose([validTask({ ...day, start: '2024-10-22', end: '2024-10-24' })], [], [], s2024), 'keyDate.week');
  });
});

describe('engine', () => {
  test('read findings are passed through and everything is sorted by sheet, row, column', () => {
    const b = fixture({ tasks: setTask(1, { owner: '', start: 'x' }), lines: setLine(0, { amount: 'abc' }) });
    b.readFinding({ severity: 'warning', code: 'read.column.renamed', message: { zh: 'x', en: 'x' }, file: '2023年工作计划-决策咨询专委会.xlsx', sheet: '任务表', row: 2, column: 'C', columnKey: 'name', raw: '名称', fix: null });
    const f = checkSubmission(b.build(), catalog, settings).findings;
    expect(f.map((x) => [x.sheet, x.row, x.column])).toEqual([
      ['任务表', 2, 'C'],
      ['任务表', 4, TASK_LETTERS.owner],
      ['任务表', 4, TASK_LETTERS.start],
      ['预算明细', 3, BUDGET_LETTERS.amount],
    ]);
  });
  test('an Invalid Date in any cell (a broken date cell from a reader) is a finding at its cell, never a crash', () => {
    const bad = new Date(NaN);
    const b = fixture({ tasks: setTask(0, { start: bad, name: bad, point: bad, owner: bad }), lines: setLine(0, { amount: bad, unitPrice: bad }) });
    const f = checkSubmission(b.build(), catalog, settings).findings;
    const at = (sheet: string, letter: string) => f.filter((x) => x.sheet === sheet && x.column === letter);
    expect(at('任务表', TASK_LETTERS.start).map((x) => x.code)).toContain('date.unreadable');
    expect(at('预算明细', BUDGET_LETTERS.amount).map((x) => x.code)).toContain('amount.unreadable');
    for (const x of f) expect(() => JSON.stringify(x)).not.toThrow();
    // The raw value is kept as read; messages show it as an invalid date.
    expect(f.filter((x) => x.raw instanceof Date && x.message.zh.includes('无效日期')).length).toBeGreaterThanOrEqual(2);
  });
  test('validateSubmission works on a normalised submission alone', () => {
    const { submission } = normaliseSubmission(fixture({ tasks: setTask(0, { owner: '' }) }).build(), catalog, settings);
    expect(validateSubmission(submission, catalog, settings).map((f) => f.code)).toEqual(['task.required']);
  });
});

test('every code of codes.ts has a failing case above', () => {
  const missing = ALL_CODES.filter((c) => !seen.has(c));
  expect(missing).toEqual([]);
});

test('docs/VALIDATION.md lists every code with its severity', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/VALIDATION.md'), 'utf8');
  for (const [code, def] of Object.entries(CODES)) {
    expect([code, doc.includes(`| \`${code}\` | ${def.severity} |`)]).toEqual([code, true]);
  }
});

describe('a task row inserted without a code', () => {
  test('task.required on the code offers the next unused code as a safe fix', () => {
    const raw = fixture({ tasks: setTask(1, { code: '' }) }).build();
    const used = raw.tasks.map((t) => String(t.cells.code ?? '')).filter(Boolean);
    const max = Math.max(...used.map((c) => Number(c.slice(1))));
    const f = checkSubmission(raw, catalog, settings).findings.find((x) => x.code === 'task.required' && x.columnKey === 'code');
    expect(f).toBeDefined();
    expect(f!.column).toBe(TASK_LETTERS.code);
    expect(f!.autoFix?.value).toBe(`T${String(max + 1).padStart(3, '0')}`);
    expect(used).not.toContain(f!.autoFix?.value);
    expect(f!.autoFix?.label.zh).toContain(String(f!.autoFix?.value));
  });
});

describe('the engine runs the rules in one loop per sheet', () => {
  test.each([false, true])('it finds exactly what the rules run one by one find (bench fixture, dirty: %s)', (dirty) => {
    const { catalog: c, settings: s, raw } = buildFixture(1500, dirty);
    const { submission } = normaliseSubmission(raw, c, s);
    const ctx = buildContext(submission, c, s);
    for (const check of [checkMetaAndCodes, checkRequired, checkDrafts, checkPoints, checkCommittees, checkDates, checkAmounts, checkBudget, checkDuplicates, checkCoverage, checkKeyDates]) check(ctx);
    const oneByOne = sortFindings(ctx.findings);
    const fused = validateSubmission(submission, c, s);
    expect(fused.length).toBeGreaterThan(100);
    expect(JSON.stringify(fused)).toBe(JSON.stringify(oneByOne));
  });
});
