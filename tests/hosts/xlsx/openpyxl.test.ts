/**
 * Formula cells without a cached value (files saved by Python's openpyxl): our formulas read as
 * Excel would compute them, never as 0; a formula that is not ours is a finding. Both readers
 * (the fast part reader and excelts). Budget lines and totals are checked against pandas, which
 * reads the same file's input columns and computes 单价 × 数量 × 次数 itself; and against the same
 * file recalculated and re-saved by LibreOffice (cached values written by a real spreadsheet).
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Workbook } from '@cj-tech-master/excelts';
import { checkSubmission } from '../../../src/core/validate';
import type { Submission } from '../../../src/core/plan/types';
import type { Finding } from '../../../src/core/validate/types';
import { readWorkbook } from '../../../src/hosts/xlsx';
import { fixtureCatalog, fixtureSettings, generated } from '../../helpers/committeeFixtures';
import { hasPandas, pandasBudget } from '../../helpers/openpyxl';
import type { PandasBudget } from '../../helpers/openpyxl';
import { hasLibreOffice, libreofficeConvert } from '../../helpers/libreoffice';
import { part, sheetPaths, zipParts } from '../../helpers/zipParts';
import { FOREIGN_AMOUNT_ROW, FOREIGN_BASIS_ROW, makeScriptFilled } from '../../helpers/scriptFilled';
import type { ScriptFilled } from '../../helpers/scriptFilled';

jest.setTimeout(180_000);

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const ENGINES = ['auto', 'excelts'] as const;
const python = hasPandas();
const pyTest = python ? test : test.skip;
if (!python) console.warn('openpyxl.test: /usr/bin/python3 with openpyxl and pandas not found; skipped');

const dir = mkdtempSync(join(tmpdir(), 'pb-openpyxl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files: ScriptFilled;
let expected: PandasBudget;
beforeAll(async () => {
  if (!python) return;
  files = await makeScriptFilled(dir, catalog, settings);
  expected = pandasBudget(files.filledPath, [FOREIGN_AMOUNT_ROW]);
});

async function check(path: string, engine: (typeof ENGINES)[number]): Promise<{ submission: Submission; findings: Finding[]; readFindings: Finding[] }> {
  const r = await readWorkbook(new Uint8Array(readFileSync(path)), 'c2.xlsx', { engine });
  expect(r.refusal).toBeUndefined();
  const { submission, findings } = checkSubmission(r.raw!, catalog, settings);
  return { submission, findings, readFindings: r.raw!.readFindings };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

describe('openpyxl: every formula saved without a value', () => {
  pyTest('the file really has formulas with empty values (<f>…</f><v></v>)', () => {
    const parts = zipParts(new Uint8Array(readFileSync(files.filledPath)));
    const xml = part(parts, sheetPaths(parts).get('预算明细')!);
    expect(xml).toMatch(/<c r="H4"[^>]*><f>IF\(COUNT\(\$E4\)=0[^<]*<\/f><v><\/v><\/c>/);
    expect(xml).toMatch(/<c r="H9"[^>]*><f>[^<]*<\/f><v><\/v><\/c>/);
  });

  for (const engine of ENGINES) {
    pyTest(`a blank template saved by openpyxl reads as the generated one: no budget line, no milestone, no finding (${engine})`, async () => {
      const blank = await check(files.blankPath, engine);
      const gen = await check(files.generatedPath, engine);
      expect(blank.submission.budgetLines).toEqual([]);
      expect(blank.submission.orphanMilestones).toEqual([]);
      expect(blank.readFindings).toEqual([]);
      expect(blank.submission.tasks.length).toBe(gen.submission.tasks.length);
      expect(blank.submission.tasks.every((t) => t.declaredTotal === null)).toBe(true);
      expect(blank.findings.filter((f) => f.severity === 'error')).toEqual(gen.findings.filter((f) => f.severity === 'error'));
    });

    pyTest(`budget lines and totals equal pandas' own computation (${engine})`, async () => {
      const { submission } = await check(files.filledPath, engine);
      const ours = submission.budgetLines.filter((l) => l.source.row !== FOREIGN_AMOUNT_ROW).map((l) => [l.source.row, l.taskCode, l.amount === null ? null : round(l.amount)]);
      expect(ours).toEqual(expected.lines.map(([r, c, a]) => [r, c, a === null ? null : round(a)]));
      expect(expected.lines.length).toBe(5);
      const total = submission.budgetLines.reduce((s, l) => s + (l.amount ?? 0), 0);
      expect(round(total)).toBe(round(expected.total));
      expect(round(expected.total)).toBe(20.1);
      // 预算合计 (SUMIF) per task, computed from the lines as Excel would.
      for (const code of files.confirmed) {
        const t = submission.tasks.find((x) => x.code === code)!;
        // T001's SUMIF also covers the foreign-formula line, whose value is unknown: no total.
        if (code === 'T001') expect(t.declaredTotal).toBeNull();
        else expect(round(t.declaredTotal!)).toBe(round(expected.byTask[code]));
      }
      // 任务名称 lookups on 预算明细 are the task names on 任务表.
      const raw = (await readWorkbook(new Uint8Array(readFileSync(files.filledPath)), 'c2.xlsx', { engine })).raw!;
      const nameOf = (code: string) => raw.tasks.find((t) => t.cells.code === code)!.cells.name;
      for (const l of raw.budgetLines) expect(l.cells.taskName).toBe(nameOf(String(l.cells.taskCode)));
    });

    pyTest(`a foreign formula without a value is a finding naming file, sheet, row and column, never 0 (${engine})`, async () => {
      const { submission, findings, readFindings } = await check(files.filledPath, engine);
      const line = submission.budgetLines.find((l) => l.source.row === FOREIGN_AMOUNT_ROW)!;
      expect(line.amount).toBeNull(); // not 0, not 单价 × 数量
      const f = readFindings.filter((x) => x.code === 'read.formula.noValue');
      // T001's 预算合计 sums the unknown amount: unknown too (a warning: totals come from the lines).
      const t001 = submission.tasks.find((t) => t.code === 'T001')!.source.row;
      expect(f.map((x) => [x.severity, x.sheet, x.row, x.column, x.columnKey])).toEqual([
        ['warning', '任务表', t001, 'K', 'budgetTotal'],
        ['error', '预算明细', FOREIGN_AMOUNT_ROW, 'H', 'amount'],
        ['error', '预算明细', FOREIGN_BASIS_ROW, 'I', 'basis'],
      ]);
      for (const x of f) {
        expect(x.file).toBe('c2.xlsx');
        expect(x.message.zh).toContain('c2.xlsx');
        expect(x.message.zh).toContain(x.sheet);
        expect(x.message.zh).toContain(`第 ${x.row} 行 ${x.column} 列`);
        expect(x.message.en).toContain(`row ${x.row}, column ${x.column}`);
        expect(x.fix!.zh).toContain('Excel 或 WPS');
        expect(x.fix!.en).toContain('Excel or WPS');
      }
      expect(f[1].raw).toBe(`=E${FOREIGN_AMOUNT_ROW}*F${FOREIGN_AMOUNT_ROW}*1.06`);
      // Not reported a second time as a missing amount; no other error in the file.
      expect(findings.filter((x) => x.code === 'budget.required' && x.row === FOREIGN_AMOUNT_ROW)).toEqual([]);
      expect(findings.filter((x) => x.severity === 'error').map((x) => [x.code, x.row])).toEqual([
        ['read.formula.noValue', FOREIGN_AMOUNT_ROW],
        ['read.formula.noValue', FOREIGN_BASIS_ROW],
      ]);
    });
  }

  const loTest = python && hasLibreOffice() ? test : test.skip;
  loTest('the same file recalculated and re-saved by LibreOffice reads the same lines, totals and names', async () => {
    const [lo] = await libreofficeConvert([files.filledPath], { outDir: join(dir, 'lo') });
    const a = await check(files.filledPath, 'auto');
    const b = await check(lo, 'auto');
    // The foreign formulas aside (LibreOffice computed them; we refuse to guess).
    const lines = (s: Submission) => s.budgetLines.filter((l) => l.source.row !== FOREIGN_AMOUNT_ROW && l.source.row !== FOREIGN_BASIS_ROW).map((l) => [l.source.row, l.taskCode, l.amount === null ? null : round(l.amount)]);
    expect(lines(a.submission)).toEqual(lines(b.submission));
    expect(a.submission.tasks.find((t) => t.code === 'T002')!.declaredTotal).toBeCloseTo(b.submission.tasks.find((t) => t.code === 'T002')!.declaredTotal!, 9);
    // LibreOffice computed the foreign formula: 1 × 2 × 1.06; we did not guess it.
    expect(b.submission.budgetLines.find((l) => l.source.row === FOREIGN_AMOUNT_ROW)!.amount).toBeCloseTo(2.12, 9);
    expect(a.submission.budgetLines.find((l) => l.source.row === FOREIGN_AMOUNT_ROW)!.amount).toBeNull();
    const ra = (await readWorkbook(new Uint8Array(readFileSync(files.filledPath)), 'x.xlsx')).raw!;
    const rb = (await readWorkbook(new Uint8Array(readFileSync(lo)), 'x.xlsx')).raw!;
    const names = (x: typeof ra) => x.budgetLines.filter((l) => l.source.row !== FOREIGN_BASIS_ROW).map((l) => l.cells.taskName);
    expect(names(ra)).toEqual(names(rb));
    expect(rb.budgetLines.find((l) => l.source.row === FOREIGN_BASIS_ROW)!.cells.basis).toBe('测算');
    expect(ra.milestones.map((l) => l.cells.taskName)).toEqual(rb.milestones.map((l) => l.cells.taskName));
    expect(rb.readFindings.filter((f) => f.code === 'read.formula.noValue')).toEqual([]);
  });
});

describe('cached values (Excel, WPS, LibreOffice saves) are read as they are', () => {
  for (const engine of ENGINES) {
    test(`a cached 金额 is read even where 单价 × 数量 × 次数 differs (${engine})`, async () => {
      const wb: any = new Workbook();
      await wb.xlsx.load(await generated(catalog, settings, 'c2'));
      const ws = wb.getWorksheet('预算明细');
      ws.getCell('A4').value = 'T001';
      ws.getCell('C4').value = '会议费';
      ws.getCell('D4').value = '财政拨款';
      ws.getCell('E4').value = 0.5;
      ws.getCell('F4').value = 2;
      const formula = ws.getCell('H4').value.formula;
      ws.getCell('H4').value = { formula, result: 9.5 }; // a stale cached value (manual calculation)
      ws.getCell('B4').value = { formula: ws.getCell('B4').value.formula, result: '缓存的名称' };
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const r = await readWorkbook(bytes, 'cached.xlsx', { engine });
      expect(r.raw!.budgetLines.map((l) => [l.cells.amount, l.cells.taskName])).toEqual([[9.5, '缓存的名称']]);
      const { submission, findings } = checkSubmission(r.raw!, catalog, settings);
      expect(submission.budgetLines[0].amount).toBe(9.5);
      expect(findings.map((f) => f.code)).toContain('budget.amount.mismatch');
      expect(r.raw!.readFindings.filter((f) => f.code === 'read.formula.noValue')).toEqual([]);
    });
  }
});
