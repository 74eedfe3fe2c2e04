/**
 * The real committee workbook (core/sheets/committeeWorkbook) rendered through the Office.js
 * adapter on the Excel fake: constant syncs whatever the row count, entered rows kept when the
 * sheets are created again, and read back by the pure grid reader.
 */
import { defaultCatalog } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/plan/settings';
import { SHEET_NAMES } from '../../src/core/sheets/columns';
import { describeCommitteeWorkbook, DRAFT_FLAG } from '../../src/core/sheets/committeeWorkbook';
import { readGrid } from '../../src/core/sheets/readGrid';
import { createOfficeWorkbook } from '../../src/hosts/office';
import { FakeExcel, LIMIT } from './fakeExcel';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { year: 2023 });
const opts = { generatedAt: '2023-01-01T00:00:00Z' };

function read(fake: FakeExcel) {
  return createOfficeWorkbook(fake.run, fake.isSetSupported)
    .readSheets([SHEET_NAMES.tasks, SHEET_NAMES.budget, SHEET_NAMES.milestones, SHEET_NAMES.meta])
    .then((r) => readGrid({ file: '', sheets: Object.entries(r.grids).map(([name, rows]) => ({ name, rows })) }));
}

test('generate: the same syncs for 10 and 10,000 task rows, no request over 5 MB', async () => {
  const counts: number[] = [];
  for (const n of [10, 10000]) {
    const fake = new FakeExcel();
    const report = await createOfficeWorkbook(fake.run, fake.isSetSupported).render(describeCommitteeWorkbook(catalog, settings, 'c2', { ...opts, taskRows: n }));
    counts.push(fake.syncs);
    expect(report.notes).toEqual([]);
    expect(fake.maxRequest).toBeLessThanOrEqual(LIMIT);
    expect(fake.unsynced).toBe(0);
    expect(fake.sheet(SHEET_NAMES.meta)!.visibility).toBe('VeryHidden');
    expect(fake.sheet(SHEET_NAMES.tasks)!.protected).toBe(true);
  }
  expect(counts[0]).toBe(counts[1]);
});

test('generate: 10,000 rows on every sheet (about 7 MB of formulas) takes one more sync, each request under 5 MB', async () => {
  const fake = new FakeExcel();
  await createOfficeWorkbook(fake.run, fake.isSetSupported).render(describeCommitteeWorkbook(catalog, settings, 'c2', { ...opts, taskRows: 10000, budgetRows: 10000, milestoneRows: 10000, budgetFormRows: 10000, milestoneFormRows: 10000 }));
  const total = fake.requests.reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(LIMIT);
  expect(fake.maxRequest).toBeLessThanOrEqual(LIMIT);
  expect(fake.syncs).toBe(1 + Math.ceil(total / 4_500_000));
});

test('re-creating the committee sheets keeps what the clerk typed, in the right rows', async () => {
  const fake = new FakeExcel();
  const wb = createOfficeWorkbook(fake.run, fake.isSetSupported);
  const spec = describeCommitteeWorkbook(catalog, settings, 'c2', opts);
  await wb.render(spec);
  const before = await read(fake);
  const draft = before.tasks.find((t) => t.cells.draft === DRAFT_FLAG)!;
  expect(draft).toBeDefined();

  // The clerk (on unlocked input cells) keeps a draft row, types an owner, and adds budget lines.
  const tasks = fake.sheet(SHEET_NAMES.tasks)!;
  const budget = fake.sheet(SHEET_NAMES.budget)!;
  const col = (k: string, cols: Record<string, string>) => cols[k].charCodeAt(0) - 64;
  tasks.set(draft.source.row, col('owner', draft.columns), { v: '王五' });
  tasks.set(draft.source.row, col('draft', draft.columns), null);
  tasks.set(draft.source.row, col('remarks', draft.columns), { v: '=不是公式' });
  const budgetGrid = budget.grid();
  const bh = budgetGrid.findIndex((r) => r.includes('金额')) + 1;
  const bcol = (h: string) => budgetGrid[bh - 1].indexOf(h) + 1;
  budget.set(bh + 1, bcol('任务编号'), { v: String(draft.cells.code) });
  budget.set(bh + 1, bcol('经费科目'), { v: '会议费' });
  budget.set(bh + 1, bcol('经费来源'), { v: '财政拨款' });
  budget.set(bh + 1, bcol('金额'), { v: 3.5 });

  const report = await wb.render(describeCommitteeWorkbook(catalog, settings, 'c2', { generatedAt: '2023-02-01T00:00:00Z' }));
  expect(report.preservedRows[SHEET_NAMES.tasks]).toBeGreaterThan(0);
  expect(report.preservedRows[SHEET_NAMES.budget]).toBe(1);
  const after = await read(fake);
  const kept = after.tasks.find((t) => t.cells.code === draft.cells.code)!;
  expect(kept.source.row).toBe(draft.source.row);
  expect(kept.cells.owner).toBe('王五');
  expect(kept.cells.remarks).toBe('=不是公式');
  expect(kept.cells.draft === null || kept.cells.draft === '').toBe(true);
  expect(after.budgetLines).toHaveLength(1);
  expect(after.budgetLines[0].source.row).toBe(bh + 1);
  expect(after.budgetLines[0].cells).toMatchObject({ taskCode: draft.cells.code, expenseCategory: '会议费', amount: 3.5 });
  // The other draft rows are still there, and the group rows are the template's.
  expect(after.tasks.filter((t) => t.cells.draft === DRAFT_FLAG).length).toBe(before.tasks.filter((t) => t.cells.draft === DRAFT_FLAG).length - 1);
  expect(after.meta.generatedAt ?? after.meta.generated ?? '').not.toBe('2023-01-01T00:00:00Z');
});

test('draft rows grow with their text: autofitted, never given a fixed height', async () => {
  const fake = new FakeExcel();
  const spec = describeCommitteeWorkbook(catalog, settings, 'c2', opts);
  const fit = spec.sheets.find((s) => s.name === SHEET_NAMES.tasks)!.rows!.filter((r) => r.fit).map((r) => r.index);
  expect(fit.length).toBeGreaterThan(3);
  await createOfficeWorkbook(fake.run, fake.isSetSupported).render(spec);
  const onTasks = fake.log.filter((l) => l.sheet === SHEET_NAMES.tasks);
  const autofitted = onTasks.filter((l) => l.op === 'call' && l.name === 'autofitRows').map((l) => l.path);
  const heights = onTasks.filter((l) => l.op === 'set' && l.name === 'rowHeight').map((l) => l.path);
  for (const r of fit) {
    expect(autofitted.some((p) => new RegExp(`!(\\d+):(\\d+)\\.format$`).test(p) && inRun(p, r))).toBe(true);
    expect(heights.some((p) => p.includes(`!${r}:${r}.`))).toBe(false);
  }
});

function inRun(path: string, row: number): boolean {
  const m = /!(\d+):(\d+)\.format$/.exec(path)!;
  return Number(m[1]) <= row && row <= Number(m[2]);
}
