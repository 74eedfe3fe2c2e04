/** The summary and feedback workbook descriptions (pure), on models built in code. */
import { defaultCatalog } from '../../../src/core/catalog';
import { consolidate, previousOf } from '../../../src/core/consolidate';
import { inputOf } from '../../../src/core/consolidate/input';
import { defaultSettings } from '../../../src/core/plan/settings';
import { describeFeedbackWorkbook, FEEDBACK_SHEET } from '../../../src/core/sheets/feedbackWorkbook';
import type { CellSpec, SheetSpec } from '../../../src/core/sheets/spec';
import { describeSummaryWorkbook, describeSummaryWorkbookLazy, readPreviousSummary, SUMMARY_SHEETS } from '../../../src/core/sheets/summaryWorkbook';
import { lazyCell } from '../../../src/core/sheets/lazyBlock';
import type { LazyValue } from '../../../src/core/sheets/lazyBlock';
import { checkSubmission } from '../../../src/core/validate';
import { rawSubmission, validLine, validTask } from '../../helpers/rawSubmission';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', ceilings: { c2: 1 } });
const TEXTS = ['=HYPERLINK("http://x","点击")', '+1', "-cmd|' /C calc'!A0", '@SUM(A1)'];
const raw = rawSubmission({ file: 'a.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash })
  .task(validTask({ code: 'T001', name: TEXTS[0], content: TEXTS[1], owner: TEXTS[2], kpi: TEXTS[3] }))
  .task(validTask({ code: 'T002', start: '2023-13-45' }))
  .budget(validLine({ taskCode: 'T001', amount: 2, basis: TEXTS[0] }))
  .build();
const model = consolidate([inputOf('a.xlsx', new Uint8Array([1, 2]), { raw }, catalog, settings)], catalog, settings, { generatedAt: '2023-02-01T00:00:00Z' });
const spec = describeSummaryWorkbook(model, catalog, settings);
const sheet = (name: string) => spec.sheets.find((s) => s.name === name)!;

/** Cells of a sheet by address (blocks laid out). */
function grid(s: SheetSpec): Map<string, CellSpec> {
  const out = new Map<string, CellSpec>();
  for (const b of s.blocks) {
    const m = /^([A-Z]+)(\d+)$/.exec(b.at)!;
    let c0 = 0;
    for (const ch of m[1]) c0 = c0 * 26 + ch.charCodeAt(0) - 64;
    b.rows.forEach((row, i) => row.forEach((c, j) => {
      if (!c) return;
      let n = c0 + j, l = '';
      while (n > 0) { l = String.fromCharCode(65 + ((n - 1) % 26)) + l; n = Math.floor((n - 1) / 26); }
      out.set(`${l}${Number(m[2]) + i}`, c);
    }));
  }
  return out;
}

test('sheets, print setup, hidden machine part', () => {
  expect(spec.sheets.map((s) => s.name)).toEqual(['封面', '任务汇总', '预算汇总', '按要点', '按专委会', '经费', '进度', '问题清单', '文件信息', '_summary']);
  for (const s of spec.sheets.filter((x) => x.state === 'visible')) expect(s.print).toMatchObject({ orientation: 'landscape', paper: 'A4', footer: expect.stringContaining('&P') });
  expect(sheet(SUMMARY_SHEETS.machine).state).toBe('veryHidden');
  expect(sheet('任务汇总').tables![0].range).toBe('A3:T5');
});

test('text from submissions is only ever a value, never a formula', () => {
  for (const s of spec.sheets)
    for (const [, c] of grid(s)) {
      if (c.f) for (const t of TEXTS) expect(c.f).not.toContain(t);
    }
  const cells = [...grid(sheet('任务汇总')).values()].map((c) => c.v);
  for (const t of TEXTS) expect(cells).toContain(t);
});

test('按要点: 17 points in 5 sections, live subtotals and grand total, coverage stands out', () => {
  const g = grid(sheet('按要点'));
  const rows = [...g.entries()].filter(([a]) => a.startsWith('A')).map(([a, c]) => [Number(a.slice(1)), String(c.v ?? '')] as const);
  expect(rows.filter(([, v]) => v.endsWith('小计'))).toHaveLength(5);
  const pointRows = [...g.entries()].filter(([a, c]) => a.startsWith('B') && typeof c.v === 'number');
  expect(pointRows).toHaveLength(17);
  const r4 = pointRows.find(([, c]) => c.v === 4)![0].slice(1);
  expect(g.get(`E${r4}`)!.f).toMatch(/^COUNTIFS\('任务汇总'!\$E\$4:\$E\$5,\$B\d+,'任务汇总'!\$P\$4:\$P\$5,"<>草稿"\)$/);
  expect(g.get(`G${r4}`)!.f).toMatch(/^SUMIFS\('预算汇总'!\$L\$4:\$L\$4,'预算汇总'!\$F\$4:\$F\$4,\$B\d+\)$/);
  const total = rows.find(([, v]) => v === '合计')![0];
  expect(g.get(`G${total}`)!.f).toMatch(/^G\d+\+G\d+\+G\d+\+G\d+\+G\d+\+G\d+$/);
  expect(sheet('按要点').conditionalFormats.some((c) => /\$E\d+=0/.test(c.formula) && c.style === 'cfBad')).toBe(true);
  expect(sheet('按要点').charts!.map((c) => c.kind)).toEqual(['column', 'pie']);
});

test('for people: the region is filled into every title, times are 北京时间, a SHA-256 stays on one line', () => {
  const texts: string[] = [];
  for (const s of spec.sheets) if (s.name !== SUMMARY_SHEETS.machine) for (const c of grid(s).values()) if (typeof c.v === 'string') texts.push(c.v);
  expect(texts.filter((x) => x.includes('{{region}}'))).toEqual([]);
  // Section 二 of the 2023 text is 助力“智汇**”: the region fills it, in its label and in each of its points' rows.
  expect(texts.some((x) => x.startsWith('二、') && x.includes('智汇江苏省'))).toBe(true);
  const cover = grid(sheet(SUMMARY_SHEETS.cover));
  expect(cover.get('B2')!.v).toBe('2023-02-01 08:00（北京时间）');
  const shaCell = [...grid(sheet(SUMMARY_SHEETS.files)).values()].find((c) => typeof c.v === 'string' && /^[0-9a-f]{64}$/.test(c.v))!;
  expect(spec.styles[shaCell.s!].wrap).toBeFalsy();
  // The machine part keeps the ISO instant.
  const machine = [...grid(sheet(SUMMARY_SHEETS.machine)).values()].map((c) => c.v);
  expect(machine).toContain('2023-02-01T00:00:00Z');
});

test('按专委会: ceiling, balance and the over-ceiling format', () => {
  const g = grid(sheet('按专委会'));
  const row = [...g.entries()].find(([a, c]) => a.startsWith('A') && c.v === '决策咨询专委会')![0].slice(1);
  expect(g.get(`F${row}`)!.v).toBe(1);
  expect(g.get(`G${row}`)!.f).toBe(`IF(ISNUMBER($F${row}),$F${row}-$E${row},"")`);
  expect(sheet('按专委会').conditionalFormats[0].formula).toMatch(/\$E\d+>\$F\d+/);
  expect(model.byCommittee.find((c) => c.committeeId === 'c2')!.over).toBe(true);
});

test('进度: Gantt fill by conditional format over month columns, key dates listed', () => {
  const s = sheet('进度');
  expect(s.conditionalFormats.map((c) => c.range)).toEqual(['G4:R5', 'G4:R5']) // two tasks, no milestones;
  expect(s.conditionalFormats[1].formula).toContain('DATE(2023,G$2+1,0)');
  const vals = [...grid(s).values()].map((c) => c.v);
  expect(vals).toContain('全国老科技工作者日');
});

test('lazy blocks: row(i) is the values with their column styles, and expanding them gives describeSummaryWorkbook', () => {
  const { spec: light, lazy } = describeSummaryWorkbookLazy(model, catalog, settings);
  expect([...lazy.keys()].sort()).toEqual([SUMMARY_SHEETS.tasks, SUMMARY_SHEETS.lines, SUMMARY_SHEETS.timeline, SUMMARY_SHEETS.findings, SUMMARY_SHEETS.machine].sort());
  let rows = 0;
  for (const blocks of lazy.values())
    for (const b of blocks) {
      expect(b.columns.length).toBe(b.cols);
      const out: LazyValue[] = new Array(b.cols).fill(undefined);
      for (let i = 0; i < b.count; i++, rows++) {
        b.values(i, out);
        expect(out).not.toContain(undefined);
        expect(b.row(i)).toEqual(out.map((v, j) => lazyCell(v, b.columns[j])));
      }
    }
  expect(rows).toBeGreaterThan(10);
  // The styles a reader sees: 任务汇总's dates are date serials, its 要点 a number, its text centred or not by column.
  const task = lazy.get(SUMMARY_SHEETS.tasks)![0].row(0);
  expect(task[9]).toEqual({ v: expect.any(Number), s: 'date' });
  expect(task[4]).toEqual({ v: expect.any(Number), s: 'int' });
  expect(task[1]).toEqual({ v: expect.any(String), s: 'textc' });
  expect(lazy.get(SUMMARY_SHEETS.machine)![0].row(0)[0]).toEqual({ v: 'task' });
  for (const s of light.sheets) expect(spec.sheets.find((x) => x.name === s.name)!.blocks.length).toBe(s.blocks.length + (lazy.get(s.name)?.length ?? 0));
});

test('the _summary part reads back as the previous summary', () => {
  const g = grid(sheet(SUMMARY_SHEETS.machine));
  const rows: unknown[][] = [];
  for (const [a, c] of g) {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    const r = Number(m[2]) - 1, j = m[1].charCodeAt(0) - 65;
    (rows[r] ??= [])[j] = c.v;
  }
  expect(readPreviousSummary(rows)).toEqual(previousOf(model));
  expect(readPreviousSummary([['something else']])).toBeNull();
});

test('feedback: the rows as read, findings as notes on their cells, a 修改意见 sheet', () => {
  const { findings } = checkSubmission(raw, catalog, settings);
  const fb = describeFeedbackWorkbook(raw, findings, { committee: '决策咨询专委会', generatedAt: '2023-02-02T00:00:00Z' });
  expect(fb.sheets.map((s) => s.name)).toEqual([FEEDBACK_SHEET, '任务表', '预算明细', '里程碑', '_meta']);
  const tasks = grid(fb.sheets[1]);
  const startCol = raw.tasks[1].columns.start;
  const bad = tasks.get(`${startCol}${raw.tasks[1].source.row}`)!;
  expect(bad.v).toBe('2023-13-45');
  expect(bad.note).toContain('【错误】');
  expect(bad.s).toBe('textError');
  expect(tasks.get(`${raw.tasks[0].columns.name}${raw.tasks[0].source.row}`)!.v).toBe(TEXTS[0]);
  const list = [...grid(fb.sheets[0]).values()].map((c) => String(c.v ?? ''));
  expect(list.some((v) => v.includes('2023-13-45'))).toBe(true);
  expect(fb.sheets[4].state).toBe('veryHidden');
});

test('feedback: a date cell is the serial of its UTC day (isoToSerial of isoDay), for any year; a warning tones it', () => {
  const { isoToSerial } = jest.requireActual('../../../src/core/sheets/summaryWorkbook') as typeof import('../../../src/core/sheets/summaryWorkbook');
  const { isoDay } = jest.requireActual('../../../src/core/util/time') as typeof import('../../../src/core/util/time');
  const dates = [
    new Date(Date.UTC(2023, 2, 1)),
    new Date(Date.UTC(2023, 2, 1, 23, 59, 59, 999)),
    new Date(Date.UTC(1900, 0, 1)),
    new Date(Date.UTC(1899, 11, 31, 12)),
    new Date(Date.UTC(1000, 0, 1)),
    new Date(Date.UTC(999, 11, 31, 23)),
    new Date(Date.UTC(9999, 11, 31, 23, 59)),
    new Date(Date.UTC(10000, 0, 1)),
    new Date(-1),
  ];
  const r = rawSubmission({ file: 'd.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash })
    .task(validTask({ code: 'T001' }))
    .build();
  const startKey = 'start';
  const base = r.tasks[0];
  const tasks = dates.map((d, i) => ({ ...base, cells: { ...base.cells, [startKey]: d }, source: { ...base.source, row: base.source.row + i } }));
  const withDates = { ...r, tasks };
  const finding = { code: 'X', severity: 'warning' as const, message: { zh: '日期', en: 'date' }, file: 'd.xlsx', sheet: '任务表', row: tasks[1].source.row, column: base.columns[startKey] };
  const fb = describeFeedbackWorkbook(withDates, [finding as never], { generatedAt: '2023-02-02T00:00:00Z' });
  const cells = grid(fb.sheets[1]);
  dates.forEach((d, i) => {
    const c = cells.get(`${base.columns[startKey]}${tasks[i].source.row}`)!;
    expect(c.v).toBe(isoToSerial(isoDay(d)));
    expect(c.s).toBe(i === 1 ? 'dateWarning' : 'date');
  });
  expect(cells.get(`${base.columns[startKey]}${tasks[1].source.row}`)!.note).toContain('【警告】日期');
});
