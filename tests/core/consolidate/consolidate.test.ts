/** The pure consolidation core on submissions built in code (no files). */
import fc from 'fast-check';
import { defaultCatalog } from '../../../src/core/catalog';
import { consolidate, FILE_EXCLUSION_CODES, measureHints, previousOf, compareVersions } from '../../../src/core/consolidate';
import type { ConsolidationInput } from '../../../src/core/consolidate';
import { inputOf } from '../../../src/core/consolidate/input';
import { defaultSettings } from '../../../src/core/plan/settings';
import { isBlankRow } from '../../../src/core/plan/submission';
import type { RawSubmission } from '../../../src/core/plan/types';
import { rawSubmission, validLine, validMilestone, validTask } from '../../helpers/rawSubmission';
import { describeSummaryWorkbook, SUMMARY_SHEETS } from '../../../src/core/sheets/summaryWorkbook';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', ceilings: { c2: 5, c3: 100 } });
const AT = '2023-02-01T00:00:00.000Z';

function meta(raw: RawSubmission, extra: Record<string, string>): RawSubmission {
  raw.meta = { ...raw.meta, ...extra };
  return raw;
}
const enc = (s: string) => new TextEncoder().encode(s);
const input = (raw: RawSubmission, bytes = raw.file) => inputOf(raw.file, enc(bytes), { raw }, catalog, settings);
const refused = (file: string): ConsolidationInput =>
  inputOf(file, enc('garbage'), { refusal: { severity: 'error', code: 'file.corrupt', message: { zh: `文件“${file}”：文件已损坏`, en: `File "${file}": damaged` }, file, sheet: '', row: 0, column: '', columnKey: '', raw: null, fix: null } }, catalog, settings);

function c2(file: string, version: string, at: string, amount: number) {
  return meta(
    rawSubmission({ file, committeeId: 'c2', year: 2023, catalogHash: catalog.hash })
      .task(validTask({ code: 'T001' }))
      .task(validTask({ code: 'T002', point: '5 加强老科协智库体系建设', name: '智库理事会筹建', content: '成立老科协智库理事会和专家委员会，制定章程' }))
      .budget(validLine({ taskCode: 'T001', amount }))
      .budget(validLine({ taskCode: 'T002', amount: 3 }))
      .budget(validLine({ taskCode: 'T999', amount: 1 }))
      .milestone(validMilestone())
      .build(),
    { submissionVersion: version, submittedAt: at, templateVersion: '1.0' },
  );
}

describe('consolidate', () => {
  const first = c2('决策-第一版.xlsx', '1', '2023-01-10T08:00:00Z', 2);
  const second = c2('决策-第二版.xlsx', '2', '2023-01-12T08:00:00Z', 4); // the later 提交 stamp wins
  const wrongYear = meta(rawSubmission({ file: '科普-2022.xlsx', committeeId: 'c3', year: 2022, catalogHash: catalog.hash }).task(validTask({ committee: '科普与教育专委会' })).build(), {});
  const wrongCatalog = meta(rawSubmission({ file: '乡村-旧要点.xlsx', committeeId: 'c5', year: 2023, catalogHash: 'deadbeefdeadbeef' }).task(validTask()).build(), {});
  const inputs = [input(first), input(second), input(wrongYear), input(wrongCatalog), refused('企业-损坏.xlsx')];
  const model = consolidate(inputs, catalog, settings, { generatedAt: AT });

  test('roster: every committee, latest wins, replaced/refused listed with reasons', () => {
    const byId = (id: string) => model.roster.filter((r) => r.committeeId === id);
    expect(model.roster.slice(0, 7).map((r) => r.committeeId)).toEqual(catalog.committees.map((c) => c.id));
    const dec = byId('c2');
    expect(dec.map((r) => r.status)).toEqual(['有错误', '被替换']); // T999 is an unknown task code: error
    expect(dec[0].fileName).toBe('决策-第二版.xlsx');
    expect(dec[1].fileName).toBe('决策-第一版.xlsx');
    expect(dec[1].reason!.zh).toContain('决策-第二版.xlsx');
    expect(dec[1].reason!.zh).toContain('按提交时间：本文件提交于 2023-01-10 16:00（北京时间），该文件提交于 2023-01-12 16:00（北京时间）');
    expect(dec[0].basis!.zh).toBe('以本文件为准，替换了“决策-第一版.xlsx”（按提交时间：本文件提交于 2023-01-12 16:00（北京时间），该文件提交于 2023-01-10 16:00（北京时间））。');
    expect(dec[0].reason).toBeNull();
    expect(byId('c1')[0].status).toBe('未提交');
    const refusedRows = model.roster.filter((r) => r.status === '已拒收');
    expect(refusedRows.map((r) => r.fileName).sort()).toEqual(['乡村-旧要点.xlsx', '企业-损坏.xlsx', '科普-2022.xlsx'].sort());
    expect(refusedRows.find((r) => r.fileName === '科普-2022.xlsx')!.reason!.zh).toContain('2022 年');
    expect(refusedRows.find((r) => r.fileName === '乡村-旧要点.xlsx')!.reason!.zh).toContain('另一版工作要点');
    expect(refusedRows.find((r) => r.fileName === '企业-损坏.xlsx')!.reason!.zh).toContain('损坏');
    expect(model.totals).toMatchObject({ files: 5, accepted: 1, refused: 3, replaced: 1, missing: 6 });
    for (const r of model.roster) if (r.fileName) expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('tasks carry their source and status; budget totals by point and committee add up', () => {
    expect(model.tasks.map((t) => [t.code, t.file, t.sheet, t.row, t.point])).toEqual([
      ['T001', '决策-第二版.xlsx', '任务表', 3, 4],
      ['T002', '决策-第二版.xlsx', '任务表', 4, 5],
    ]);
    expect(model.tasks[0].budget).toBe(4);
    expect(model.budgetLines.map((l) => l.linked)).toEqual([true, true, false]);
    expect(model.totals.budget).toBe(8);
    expect(model.byPoint.find((p) => p.point === 4)!.budget).toBe(4);
    expect(model.byPoint.find((p) => p.point === 5)!.budget).toBe(3);
    const c2t = model.byCommittee.find((c) => c.committeeId === 'c2')!;
    expect(c2t).toMatchObject({ budget: 8, ceiling: 5, balance: -3, over: true, tasks: 2 });
    expect(model.bySection.reduce((s, x) => s + x.budget, 0) + 1).toBe(8); // the unlinked line has no point
    expect(model.byCategory.amounts['专家咨询费'].c2).toBe(8);
    expect(model.bySource.amounts['财政拨款'].c2).toBe(8);
  });

  test('measure hints (worked out where the file was checked) give the same model', () => {
    const hinted = inputs.map((i) => (i.outcome.kind === 'checked' ? { ...i, measures: measureHints(i.outcome.submission, catalog) } : i));
    expect(hinted.some((i) => i.measures?.some((m) => m !== undefined))).toBe(true);
    expect(consolidate(hinted, catalog, settings, { generatedAt: AT })).toEqual(model);
    // a hint list that does not match the tasks is ignored
    const wrong = inputs.map((i) => ({ ...i, measures: [0] }));
    expect(consolidate(wrong, catalog, settings, { generatedAt: AT })).toEqual(model);
  });

  test('coverage and timeline', () => {
    expect(model.coverage.points).not.toContain(4);
    expect(model.coverage.points).toContain(1);
    expect(model.coverage.points.length).toBe(15);
    const t1 = model.timeline.find((x) => x.kind === 'task' && x.code === 'T001')!;
    expect(t1.months).toEqual([false, false, true, true, true, true, true, true, true, true, true, false]);
    const m = model.timeline.find((x) => x.kind === 'milestone')!;
    expect(m.months.indexOf(true)).toBe(5);
    expect(model.keyDates.map((k) => k.date)).toEqual(expect.arrayContaining(['2023-05-30', '2023-10-23']));
  });

  test('findings: refusals, replacement, missing committees, and the counted submission\'s own', () => {
    const codes = model.findings.map((f) => f.code);
    expect(codes.filter((c) => c === 'consolidate.missing')).toHaveLength(6);
    expect(codes).toEqual(expect.arrayContaining(['consolidate.refused.year', 'consolidate.refused.catalog', 'consolidate.refused.read', 'file.corrupt', 'consolidate.replaced', 'budget.task.unknown', 'committee.ceiling.exceeded']));
    // Replaced submission's own findings are not repeated.
    expect(model.findings.filter((f) => f.file === '决策-第一版.xlsx').map((f) => f.code)).toEqual(['consolidate.replaced']);
  });

  test('changes against a previous summary', () => {
    const prev = previousOf(consolidate([input(first)], catalog, settings, { generatedAt: '2023-01-20T00:00:00Z' }));
    const third = c2('决策-第三版.xlsx', '3', '2023-01-25T08:00:00Z', 6);
    third.tasks = third.tasks.filter((r) => r.cells.code !== 'T002');
    third.tasks.push({ ...third.tasks[0], source: { ...third.tasks[0].source, row: 9 }, cells: { ...third.tasks[0].cells, code: 'T003', name: '新课题' } });
    const m2 = consolidate([input(third)], catalog, settings, { generatedAt: AT, previous: prev });
    const ch = m2.changes!;
    expect(ch.tasks.map((x) => [x.kind, x.code])).toEqual([['added', 'T003'], ['changed', 'T001'], ['removed', 'T002']]);
    expect(ch.tasks[1].fields.budget).toEqual(['2', '6']);
    expect(ch.byPoint.find((p) => p.point === 4)!.delta).toBe(4);
    expect(ch.byCommittee.find((c) => c.committeeId === 'c2')!).toMatchObject({ before: 6, after: 10, delta: 4 }) // 6 + 3 (T002's line, now unlinked) + 1;
  });

  test('versions compare numerically', () => {
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('2', '10')).toBeLessThan(0);
  });
});

// ── Random corpora: nothing is dropped, and the order of the files does not matter ──
const TEXTS = ['=HYPERLINK("http://x","点击")', '+1', "-cmd|' /C calc'!A0", '@SUM(A1)', '课题研究', '', '  ', '培训 3 期', '约5万', '1,200', '２０２３年５月３０日'];
const cellArb = fc.oneof(fc.constantFrom(...TEXTS), fc.integer({ min: -5, max: 50 }), fc.constant(null), fc.string({ maxLength: 6 }));
const taskArb = fc.record({
  code: fc.oneof(fc.constantFrom('T001', 'T002', 'T003', ''), fc.string({ maxLength: 4 })),
  point: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom('4 凝练决策咨询重点课题', '要点9', 'x', null)),
  name: cellArb,
  content: cellArb,
  committee: fc.constantFrom('决策咨询专委会', '科普与教育专委会', '', '不存在的专委会'),
  owner: cellArb,
  start: fc.oneof(fc.constantFrom('2023-03-01', '2023-13-01', '二季度', null), fc.integer({ min: 44900, max: 45300 })),
  end: fc.oneof(fc.constantFrom('2023-11-30', '2022-01-01', null), fc.integer({ min: 44900, max: 45300 })),
  draft: fc.constantFrom('', '草稿', '是'),
});
const lineArb = fc.record({ taskCode: fc.constantFrom('T001', 'T002', 'T009', ''), expenseCategory: fc.constantFrom('会议费', '奇怪科目', ''), fundingSource: fc.constantFrom('财政拨款', ''), amount: cellArb, unitPrice: cellArb, quantity: cellArb });
const msArb = fc.record({ taskCode: fc.constantFrom('T001', 'T007', ''), date: fc.constantFrom('2023-06-30', 'later', null), deliverableType: fc.constantFrom('会议', ''), deliverable: cellArb });
const subArb = fc.record({
  committeeId: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c9', ''),
  year: fc.constantFrom('2023', '2023', '2022', ''),
  hash: fc.constantFrom(catalog.hash, catalog.hash, 'other'),
  version: fc.constantFrom('', '1', '2', '1.10'),
  at: fc.constantFrom('', '2023-01-01T00:00:00Z', '2023-01-02T00:00:00Z'),
  saved: fc.constantFrom('', '2023-01-01T00:00:00.000Z', '2023-01-21T00:00:00.000Z'),
  mtime: fc.constantFrom('', '2023-01-03T00:00:00.000Z', '2023-01-04T00:00:00.000Z'),
  tasks: fc.array(taskArb, { maxLength: 6 }),
  lines: fc.array(lineArb, { maxLength: 6 }),
  ms: fc.array(msArb, { maxLength: 3 }),
  refused: fc.boolean(),
});

type SubCase = typeof subArb extends fc.Arbitrary<infer T> ? T : never;
function build(subs: SubCase[]): { inputs: ConsolidationInput[]; raws: RawSubmission[] } {
  const inputs: ConsolidationInput[] = [];
  const raws: RawSubmission[] = [];
  subs.forEach((s, i) => {
    const file = `f${i}-${s.committeeId}.xlsx`;
    if (s.refused && i % 3 === 0) {
      inputs.push(refused(file));
      return;
    }
    const b = rawSubmission({ file, committeeId: s.committeeId || undefined, year: s.year || undefined, catalogHash: s.hash });
    s.tasks.forEach((t) => b.task(t));
    s.lines.forEach((l) => b.budget(l));
    s.ms.forEach((m) => b.milestone(m));
    const raw = meta(b.build(), { ...(s.version ? { submissionVersion: s.version } : {}), ...(s.at ? { submittedAt: s.at } : {}) });
    raws.push(raw);
    inputs.push({ ...input(raw, file + JSON.stringify(s)), ...(s.saved ? { savedAt: s.saved } : {}), ...(s.mtime ? { modifiedAt: s.mtime } : {}) });
  });
  return { inputs, raws };
}

test('nothing is dropped: every input row is in the model or covered by a finding with the reason (random corpora)', () => {
  fc.assert(
    fc.property(fc.array(subArb, { maxLength: 8 }), (subs) => {
      const { inputs, raws } = build(subs);
      const model = consolidate(inputs, catalog, settings, { generatedAt: AT });
      const inModel = new Set([...model.tasks, ...model.budgetLines, ...model.milestones].map((x) => `${x.file}|${x.sheet}|${x.row}`));
      const excluded = new Set(model.findings.filter((f) => FILE_EXCLUSION_CODES.has(f.code)).map((f) => f.file));
      const rowFindings = new Set(model.findings.map((f) => `${f.file}|${f.sheet}|${f.row}`));
      for (const raw of raws) {
        const rows: [RawSubmission['tasks'], 'tasks' | 'budget' | 'milestones'][] = [[raw.tasks, 'tasks'], [raw.budgetLines, 'budget'], [raw.milestones, 'milestones']];
        for (const [list, kind] of rows)
          for (const r of list) {
            if (isBlankRow(r, kind)) continue;
            const k = `${r.source.file}|${r.source.sheet}|${r.source.row}`;
            if (!inModel.has(k) && !excluded.has(r.source.file) && !rowFindings.has(k)) throw new Error(`row dropped: ${k}`);
          }
      }
      // Every file is on the roster once.
      for (const i of inputs) expect(model.roster.filter((r) => r.fileName === i.fileName)).toHaveLength(1);
      // Totals are the sum of the counted lines.
      const sum = model.budgetLines.reduce((s, l) => s + (l.amount ?? 0), 0);
      expect(Math.abs(model.totals.budget - sum)).toBeLessThan(1e-6);
    }),
    { numRuns: 60 },
  );
});

test('the same inputs give the same model whatever the file order', () => {
  fc.assert(
    fc.property(fc.array(subArb, { minLength: 1, maxLength: 7 }), fc.integer(), (subs, seed) => {
      const { inputs } = build(subs);
      const shuffled = [...inputs];
      let x = seed | 0;
      for (let i = shuffled.length - 1; i > 0; i--) {
        x = (x * 1103515245 + 12345) | 0;
        const j = Math.abs(x) % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      expect(consolidate(shuffled, catalog, settings, { generatedAt: AT })).toEqual(consolidate(inputs, catalog, settings, { generatedAt: AT }));
    }),
    { numRuns: 40 },
  );
});

test('amounts that change magnitude when read count at the value read, and 问题清单 lists each reading', () => {
  const raw = meta(
    rawSubmission({ file: '决策-金额.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash })
      .task(validTask({ code: 'T001' }))
      .budget(validLine({ taskCode: 'T001', amount: '三万五千元' }))
      .budget(validLine({ taskCode: 'T001', amount: '¥30,000' }))
      .budget(validLine({ taskCode: 'T001', amount: '1万2' }))
      .build(),
    { submissionVersion: '1', submittedAt: '2023-01-10T08:00:00Z', templateVersion: '1.0' },
  );
  const model = consolidate([input(raw)], catalog, settings, { generatedAt: AT });
  // 3.5 + 3 + 1.2 万元, computed by hand: 35000 + 30000 + 12000 元 = 7.7 万元.
  expect(model.budgetLines.map((l) => l.amount)).toEqual([3.5, 3, 1.2]);
  expect(model.byCommittee.find((c) => c.committeeId === 'c2')!.budget).toBe(7.7);
  const readings = model.findings.filter((f) => f.code === 'amount.converted');
  expect(readings.map((f) => [f.row, f.severity, f.message.zh])).toEqual([
    [3, 'info', '“金额”读作：三万五千元 → 3.5 万元（中文数字，换算为万元）。'],
    [4, 'info', '“金额”读作：¥30,000 → 3 万元（货币符号表示元，换算为万元）。'],
    [5, 'info', '“金额”读作：1万2 → 1.2 万元（换算为万元）。'],
  ]);
  // The summary's 问题清单 sheet has one row per finding, these among them (message in column G).
  const sheet = describeSummaryWorkbook(model, catalog, settings).sheets.find((s) => s.name === SUMMARY_SHEETS.findings)!;
  const texts = sheet.blocks.flatMap((b) => b.rows.map((r) => (r && r[6] ? String((r[6] as { v: unknown }).v) : '')));
  for (const f of readings) expect(texts).toContain(f.message.zh);
});

test('a workbook generated in 元 is refused by a 万元 consolidation, not summed 10,000 times too big', () => {
  const yuan = meta(
    rawSubmission({ file: '决策-元.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash }).task(validTask({ code: 'T001' })).budget(validLine({ taskCode: 'T001', amount: 35000 })).build(),
    { budgetUnit: '元', submissionVersion: '1', submittedAt: '2023-01-10T08:00:00Z' },
  );
  const model = consolidate([input(yuan)], catalog, settings, { generatedAt: AT });
  expect(model.budgetLines).toEqual([]);
  expect(model.roster.find((r) => r.fileName === '决策-元.xlsx')!.status).toBe('已拒收');
  const f = model.findings.find((x) => x.code === 'consolidate.refused.unit')!;
  expect(f.message.zh).toContain('该工作簿的金额单位为元，本次汇总为万元');
  // The same workbook in 万元 counts.
  const wan = meta(
    rawSubmission({ file: '决策-万元.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash }).task(validTask({ code: 'T001' })).budget(validLine({ taskCode: 'T001', amount: 3.5 })).build(),
    { budgetUnit: '万元', submissionVersion: '1', submittedAt: '2023-01-10T08:00:00Z' },
  );
  expect(consolidate([input(wan)], catalog, settings, { generatedAt: AT }).budgetLines.map((l) => l.amount)).toEqual([3.5]);
});
