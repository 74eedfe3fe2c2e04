import { SHEET_NAMES, TASK_COLUMNS } from '../../src/core/sheets/columns';
import type { WorkbookSpec } from '../../src/core/sheets/spec';
import { createOfficeWorkbook } from '../../src/hosts/office';
import { LIMIT, FakeExcel, ExcelError } from './fakeExcel';
import { committeeSpec, summarySpec, typedTaskRows } from './specs';

const noWait = { retry: { sleep: async () => undefined } };

function open(fake: FakeExcel) {
  return createOfficeWorkbook(fake.run, fake.isSetSupported, noWait);
}

describe('the fake behaves like Excel where it matters', () => {
  test('reading an unloaded property throws PropertyNotLoaded; loaded after sync', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(/PropertyNotLoaded/);
      sheets.load('items/name');
      expect(() => sheets.items).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(sheets.items.map((s: { name: string }) => s.name)).toEqual(['Sheet1']);
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      r.values = [['x']];
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
    });
  });

  test('writes are applied only at sync', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [['a', 'b']];
      expect(fake.sheet('Sheet1')!.grid()).toEqual([]);
      await ctx.sync();
      expect(fake.sheet('Sheet1')!.grid()).toEqual([['a', 'b']]);
    });
  });

  test('a request over 5 MB is refused', async () => {
    const fake = new FakeExcel();
    const big = Array.from({ length: 60000 }, () => ['这是一段很长的中文文本，用来把请求撑大到五兆字节以上。'.repeat(2)]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange(`A1:A${big.length}`).values = big;
        await ctx.sync();
      }),
    ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  });
});

describe('render (generate the committee sheets)', () => {
  test('the sync count is the same for 10 and for 10,000 rows; no request over 5 MB', async () => {
    const counts: number[] = [];
    for (const n of [10, 10000]) {
      const fake = new FakeExcel();
      const report = await open(fake).render(committeeSpec(n));
      counts.push(fake.syncs);
      expect(report.syncs).toBe(fake.syncs);
      expect(fake.maxRequest).toBeLessThanOrEqual(LIMIT);
      expect(fake.unsynced).toBe(0);
      const tasks = fake.sheet(SHEET_NAMES.tasks)!;
      expect(tasks.get(3 + n, 1)?.v).toBe(`T${String(n).padStart(3, '0')}`);
      expect(tasks.get(4, TASK_COLUMNS.findIndex((c) => c.key === 'budgetTotal') + 1)?.f).toMatch(/^=SUMIF/);
      expect(tasks.protected).toBe(true);
      expect(fake.sheet(SHEET_NAMES.meta)!.visibility).toBe('VeryHidden');
      expect(fake.names.get('要点列表')).toBe(`='${SHEET_NAMES.lists}'!$A$2:$A$18`);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(3);
  });

  test('formats whole ranges: one style operation per column run, not per row', async () => {
    const fake = new FakeExcel();
    await open(fake).render(committeeSpec(2000));
    // Columns A:C share the style "text": one rectangle A4:C2003 → one numberFormat op for all rows.
    const nf = fake.logOf('numberFormat').filter((l) => l.sheet === SHEET_NAMES.tasks);
    expect(nf.length).toBeLessThan(20);
    expect(nf.map((l) => l.path)).toContain(`${SHEET_NAMES.tasks}!A4:C2003`);
  });

  test('uses data validation, conditional formats, print setup, freeze panes when supported', async () => {
    const fake = new FakeExcel('1.12');
    const report = await open(fake).render(committeeSpec(5));
    expect(fake.logOf('dataValidation').length).toBeGreaterThan(0);
    expect(fake.logOf('conditionalFormats').length).toBeGreaterThan(0);
    expect(fake.logOf('pageLayout').length).toBeGreaterThan(0);
    expect(fake.logOf('freezeAt').length).toBeGreaterThan(0);
    expect(report.notes).toEqual([]);
  });

  test('ExcelApi 1.7 only: no data validation or page layout calls, and a visible note says so', async () => {
    const fake = new FakeExcel('1.7');
    const wb = open(fake);
    const report = await wb.render(committeeSpec(5));
    expect(fake.logOf('dataValidation')).toEqual([]);
    expect(fake.logOf('pageLayout')).toEqual([]);
    expect(fake.logOf('conditionalFormats').length).toBeGreaterThan(0);
    expect(report.skipped.validations).toBeGreaterThan(0);
    expect(report.notes.map((n) => n.feature)).toContain('dataValidation');
    expect(report.notes.find((n) => n.feature === 'dataValidation')!.zh).toMatch(/数据验证/);
    expect(wb.notes.map((n) => n.feature)).toContain('dataValidation');
  });

  test('text stays text: formulas-looking strings, numbers as text, a leading apostrophe', async () => {
    const texts = ['=HYPERLINK("http://x","点击")', '+1', '-cmd|\' /C calc\'!A0', '@SUM(A1)', '001', "'quoted", 'TRUE', '2023-05-30', '１２３', '普通文字'];
    const spec: WorkbookSpec = {
      sheets: [{ name: 'T', state: 'visible', columns: [], blocks: [{ at: 'A1', rows: texts.map((v) => [{ v }, { f: 'LEN(A1)' }]) }], formats: [], merges: [], validations: [], conditionalFormats: [] }],
      styles: {},
      names: [],
      properties: { title: '', creator: '', created: '' },
    };
    const fake = new FakeExcel();
    await open(fake).render(spec);
    const t = fake.sheet('T')!;
    texts.forEach((s, i) => {
      expect(t.get(i + 1, 1)).toEqual({ v: s });
      expect(t.get(i + 1, 2)?.f).toBe('=LEN(A1)');
    });
  });

  test('re-creating keeps the rows already entered (10 and 10,000 rows, same sync count)', async () => {
    const counts: number[] = [];
    for (const n of [10, 10000]) {
      const fake = new FakeExcel();
      const wb = open(fake);
      await wb.render(committeeSpec(3));
      // The clerk types rows (over the drafts and below), one with a formula, one with "=" text.
      const typed = typedTaskRows(n);
      typed[1][TASK_COLUMNS.findIndex((c) => c.key === 'remarks')] = "'=不是公式";
      for (const row of typed) row[TASK_COLUMNS.findIndex((c) => c.key === 'draft')] = '';
      const s = fake.sheet(SHEET_NAMES.tasks)!;
      s.protected = false;
      await fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET_NAMES.tasks).getRange(`A4:M${3 + n}`).values = typed;
        ctx.workbook.worksheets.getItem(SHEET_NAMES.tasks).getRange('J4').formulas = [['="专报"&2&"份"']];
        await ctx.sync();
      });
      const before = fake.syncs;
      const report = await wb.render(committeeSpec(3));
      counts.push(fake.syncs - before);
      expect(report.preservedRows[SHEET_NAMES.tasks]).toBe(n);
      const t = fake.sheet(SHEET_NAMES.tasks)!;
      expect(t.get(4, 3)?.v).toBe('已填写的任务 1');
      expect(t.get(3 + n, 3)?.v).toBe(`已填写的任务 ${n}`);
      expect(t.get(4, 10)?.f).toBe('="专报"&2&"份"');
      expect(t.get(5, 13)).toEqual({ v: '=不是公式' });
      // The typed rows had no 草稿 mark: the template's draft marks must not come back over them.
      expect(t.get(4, 12)).toBeUndefined();
      // The template's formula column is the template's.
      expect(t.get(4, 11)?.f).toMatch(/^=SUMIF/);
      expect(fake.sheets.some((x) => x.name.startsWith('~old'))).toBe(false);
      expect(fake.sheets.filter((x) => x.name === SHEET_NAMES.tasks)).toHaveLength(1);
      expect(fake.maxRequest).toBeLessThanOrEqual(LIMIT);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  test('draft rows the clerk removed stay removed', async () => {
    const fake = new FakeExcel();
    const wb = open(fake);
    await wb.render(committeeSpec(3));
    const t0 = fake.sheet(SHEET_NAMES.tasks)!;
    t0.set(5, 1, null);
    for (let c = 2; c <= 13; c++) t0.set(5, c, null);
    await wb.render(committeeSpec(3));
    const t = fake.sheet(SHEET_NAMES.tasks)!;
    expect(t.get(4, 1)?.v).toBe('T001');
    expect(t.get(5, 1)).toBeUndefined();
    expect(t.get(6, 1)?.v).toBe('T003');
  });

  test('big data is split into requests under 5 MB; the sync count grows with bytes, not rows', async () => {
    const fake = new FakeExcel();
    const spec = summarySpec(60000);
    for (const r of spec.sheets[0].blocks[1].rows) r[2] = { v: '组织专家开展决策咨询调研，形成高质量研究报告并报送有关部门参考。'.repeat(2) };
    const report = await open(fake).render(spec);
    expect(fake.requests.length).toBeGreaterThan(2);
    expect(fake.maxRequest).toBeLessThanOrEqual(LIMIT);
    expect(report.maxRequestBytes).toBeLessThanOrEqual(LIMIT);
    expect(fake.sheet('任务汇总')!.get(60001, 2)?.v).toBe('T60000');
    const total = fake.requests.reduce((a, b) => a + b, 0);
    expect(fake.syncs).toBeLessThanOrEqual(2 + Math.ceil(total / 4_000_000));
  });

  test('retries while Excel is in cell-edit mode', async () => {
    const fake = new FakeExcel();
    fake.cellEditFailures = 2;
    const report = await open(fake).render(committeeSpec(3));
    expect(fake.sheet(SHEET_NAMES.tasks)!.get(4, 1)?.v).toBe('T001');
    expect(report.syncs).toBeGreaterThan(0);
  });

  test('gives up after a few cell-edit retries with the error', async () => {
    const fake = new FakeExcel();
    fake.cellEditFailures = 50;
    await expect(open(fake).render(committeeSpec(3))).rejects.toBeInstanceOf(ExcelError);
  });
});

describe('read (validate) and write summary (consolidate)', () => {
  test('reading the sheets takes the same syncs for 10 and 10,000 rows', async () => {
    const counts: number[] = [];
    for (const n of [10, 10000]) {
      const fake = new FakeExcel();
      fake.seed(SHEET_NAMES.tasks, [TASK_COLUMNS.map((c) => c.header.zh), ...typedTaskRows(n)], 'A3');
      fake.seed(SHEET_NAMES.budget, Array.from({ length: n }, (_, i) => [`T${i + 1}`, '', '会议费', '财政拨款', 1, 2, 1, 2, '测算']), 'A4');
      fake.seed(SHEET_NAMES.meta, [['year', '2023']]);
      const before = fake.syncs;
      const res = await open(fake).readSheets([SHEET_NAMES.tasks, SHEET_NAMES.budget, SHEET_NAMES.milestones, SHEET_NAMES.meta]);
      counts.push(fake.syncs - before);
      expect(res.syncs).toBe(fake.syncs - before);
      const g = res.grids[SHEET_NAMES.tasks];
      expect(g[2][0]).toBe('任务编号');
      expect(g[3 + n - 1][2]).toBe(`已填写的任务 ${n}`);
      expect(g[0]).toEqual([]);
      expect(res.grids[SHEET_NAMES.milestones]).toBeUndefined();
      expect(res.grids[SHEET_NAMES.meta]).toEqual([['year', '2023']]);
      expect(Math.max(...fake.responses)).toBeLessThanOrEqual(LIMIT);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBe(3);
  });

  test('a response larger than estimated is read again in smaller pieces', async () => {
    const fake = new FakeExcel('1.12', 400_000);
    const long = '很长的任务内容，'.repeat(20);
    fake.seed('S', Array.from({ length: 3000 }, (_, i) => [i + 1, long]));
    const res = await createOfficeWorkbook(fake.run, fake.isSetSupported, { budget: 350_000 }).readSheets(['S']);
    expect(res.grids.S).toHaveLength(3000);
    expect(res.grids.S[2999]).toEqual([3000, long]);
    expect(Math.max(...fake.responses.filter((r) => r <= fake.limit))).toBeLessThanOrEqual(fake.limit);
  });

  test('writing the summary takes the same syncs for 10 and 10,000 rows; charts through the chart API', async () => {
    const counts: number[] = [];
    for (const n of [10, 10000]) {
      const fake = new FakeExcel();
      await open(fake).render(summarySpec(n));
      counts.push(fake.syncs);
      expect(fake.maxRequest).toBeLessThanOrEqual(LIMIT);
      expect(fake.sheet('任务汇总')!.get(n + 1, 3)?.v).toMatch(/^任务/);
      const charts = fake.log.filter((l) => l.path.endsWith('.charts') && l.name === 'add');
      expect(charts.map((c) => (c.value as unknown[])[0])).toEqual(['ColumnClustered', 'Pie']);
      expect(fake.log.some((l) => l.name === 'setXAxisValues')).toBe(true);
      expect(fake.log.some((l) => l.name === 'setPosition' && JSON.stringify(l.value) === '["D2","K16"]')).toBe(true);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  test('selectCell, writeCells (text as text) and upsertKeyValues on a protected sheet', async () => {
    const fake = new FakeExcel();
    const wb = open(fake);
    await wb.render(committeeSpec(3));
    await wb.selectCell(SHEET_NAMES.tasks, 'C5');
    expect(fake.selected).toEqual({ sheet: SHEET_NAMES.tasks, address: 'C5' });
    expect(fake.active).toBe(SHEET_NAMES.tasks);
    const w = await wb.writeCells([{ sheet: SHEET_NAMES.tasks, address: 'B4', value: '4' }, { sheet: SHEET_NAMES.tasks, address: 'E4', value: '=1+1' }]);
    expect(w.syncs).toBe(1);
    expect(fake.sheet(SHEET_NAMES.tasks)!.get(4, 2)).toEqual({ v: '4' });
    expect(fake.sheet(SHEET_NAMES.tasks)!.get(4, 5)).toEqual({ v: '=1+1' });
    const meta = fake.sheet(SHEET_NAMES.meta)!;
    expect(meta.protected).toBe(true);
    const u = await wb.upsertKeyValues(SHEET_NAMES.meta, { year: '2024', submittedBy: '李四', contentHash: '=abc' });
    expect(u.syncs).toBe(2);
    expect(meta.grid()).toEqual([
      ['templateVersion', '1'],
      ['year', '2024'],
      ['committeeId', 'c2'],
      ['submittedBy', '李四'],
      ['contentHash', '=abc'],
    ]);
    expect(meta.protected).toBe(true);
  });
});
