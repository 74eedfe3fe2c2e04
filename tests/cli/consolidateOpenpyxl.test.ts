/**
 * plan-budget consolidate on workbooks filled and saved by Python's openpyxl (every formula without
 * a cached value): the CLI's reader (consolidate.read.ts: the fast part reader with Node's zlib)
 * gives the budget pandas computes from the same files, a blank template saved by openpyxl adds no
 * phantom budget line, and the foreign formula is in 问题清单, not counted as 0 or guessed.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Workbook } from '@cj-tech-master/excelts';
import { consolidateFiles } from '../../src/cli/commands/consolidate';
import { sheetGrid } from '../../src/hosts/xlsx/read';
import { fixtureCatalog, fixtureSettings } from '../helpers/committeeFixtures';
import { hasPandas, pandasBudget } from '../helpers/openpyxl';
import { FOREIGN_AMOUNT_ROW, FOREIGN_BASIS_ROW, makeScriptFilled } from '../helpers/scriptFilled';

jest.setTimeout(180_000);

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const python = hasPandas();
const pyTest = python ? test : test.skip;
if (!python) console.warn('consolidateOpenpyxl.test: /usr/bin/python3 with openpyxl and pandas not found; skipped');

const dir = mkdtempSync(join(tmpdir(), 'pb-consolidate-openpyxl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const round = (n: number) => Math.round(n * 1e6) / 1e6;

pyTest('openpyxl-saved files consolidate to the totals pandas computes; the blank template adds nothing', async () => {
  const c2 = await makeScriptFilled(dir, catalog, settings, 'c2');
  const c4 = await makeScriptFilled(dir, catalog, settings, 'c4');
  const expected = pandasBudget(c2.filledPath, [FOREIGN_AMOUNT_ROW]);
  const blank = pandasBudget(c4.blankPath);
  expect(blank.lines).toEqual([]);
  const files = [{ path: c2.filledPath, name: '决策咨询.xlsx' }, { path: c4.blankPath, name: '人才宣传.xlsx' }];
  const { model, bytes } = await consolidateFiles(files, catalog, settings, { workers: 0, generatedAt: '2023-02-01T00:00:00Z' });

  // Per committee and overall: pandas' sum (the foreign formula's line counts nothing: refused, not 0 by guess).
  const byCommittee = new Map(model.byCommittee.map((c) => [c.committeeId, c]));
  expect(round(byCommittee.get('c2')!.budget)).toBe(round(expected.total));
  expect(byCommittee.get('c4')!.budget).toBe(0);
  expect(round(model.totals.budget)).toBe(round(expected.total));
  // Lines: pandas' lines, plus the refused one (amount unknown), and nothing from the blank template.
  const lines = model.budgetLines.map((l) => [l.file, l.row, l.taskCode, l.amount === null ? null : round(l.amount)]);
  expect(lines).toEqual([
    ...expected.lines.map(([r, c, a]) => ['决策咨询.xlsx', r, c, a === null ? null : round(a)]),
    ['决策咨询.xlsx', FOREIGN_AMOUNT_ROW, 'T001', null],
  ].sort((a, b) => (a[1] as number) - (b[1] as number)));
  expect(model.totals.budgetLines).toBe(expected.lines.length + 1);
  // Per task.
  for (const [code, sum] of Object.entries(expected.byTask)) {
    const t = model.tasks.find((x) => x.committeeId === 'c2' && x.code === code)!;
    expect(round(t.budget)).toBe(round(sum));
  }
  // The foreign formulas are in 问题清单 with file, sheet, row and column.
  const noValue = model.findings.filter((f) => f.code === 'read.formula.noValue');
  expect(noValue.map((f) => [f.file, f.sheet, f.row, f.column])).toEqual(
    expect.arrayContaining([
      ['决策咨询.xlsx', '预算明细', FOREIGN_AMOUNT_ROW, 'H'],
      ['决策咨询.xlsx', '预算明细', FOREIGN_BASIS_ROW, 'I'],
    ]),
  );
  expect(model.findings.filter((f) => f.file === '人才宣传.xlsx' && f.severity === 'error')).toEqual([]);
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  const list = sheetGrid(wb.getWorksheet('问题清单')).map((r) => r.map((v) => (v === null ? '' : String(v))).join('|'));
  expect(list.filter((r) => r.includes('决策咨询.xlsx') && r.includes('没有计算结果')).length).toBeGreaterThanOrEqual(2);
});
