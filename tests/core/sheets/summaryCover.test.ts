/**
 * The summary's 封面 as leadership reads it, read back from the written .xlsx: counts are integers,
 * money has two decimals, no float noise, no SHA-256 (it is on 文件信息), and a file without a 提交
 * stamp says so with its saved time.
 */
import { Workbook } from '@cj-tech-master/excelts';
import { defaultCatalog } from '../../../src/core/catalog';
import { consolidate } from '../../../src/core/consolidate';
import { inputOf } from '../../../src/core/consolidate/input';
import { defaultSettings } from '../../../src/core/plan/settings';
import { describeSummaryWorkbook, fmtAmount, SUMMARY_SHEETS, submittedText } from '../../../src/core/sheets/summaryWorkbook';
import { renderWorkbook } from '../../../src/hosts/xlsx';
import { rawSubmission, validLine, validTask } from '../../helpers/rawSubmission';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省' });
// 0.1 + 0.2 + 6.7 = 7.000000000000001 in binary floating point.
const builder = rawSubmission({ file: '决策咨询.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash });
for (let i = 1; i <= 3; i++) builder.task(validTask({ code: `T00${i}` }));
const raw = { ...builder.budget(validLine({ taskCode: 'T001', unitPrice: 0.1, quantity: 1, times: 1, amount: 0.1 })).budget(validLine({ taskCode: 'T002', unitPrice: 0.2, quantity: 1, times: 1, amount: 0.2 })).budget(validLine({ taskCode: 'T003', unitPrice: 6.7, quantity: 1, times: 1, amount: 6.7 })).build(), savedAt: '2023-01-05T08:00:00.000Z' };
const model = consolidate([inputOf('决策咨询.xlsx', new Uint8Array([1, 2, 3]), { raw }, catalog, settings)], catalog, settings, { generatedAt: '2023-02-01T00:00:00Z' });
const spec = describeSummaryWorkbook(model, catalog, settings);

let wb: any;
beforeAll(async () => {
  wb = new Workbook();
  await wb.xlsx.load(await renderWorkbook(spec));
});

/** The cover's rows as [label, cell]. */
function labelled(ws: any): Map<string, any> {
  const out = new Map<string, any>();
  ws.eachRow((row: any) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string') out.set(label, row.getCell(2));
  });
  return out;
}

test('封面: 任务数 is an integer, 预算合计 two decimals rounded in the formula, no float noise', () => {
  const cover = labelled(wb.getWorksheet(SUMMARY_SHEETS.cover));
  const tasks = cover.get('任务数');
  expect(tasks.numFmt).toBe('0');
  const total = cover.get('预算合计（万元）');
  expect(total.numFmt).toBe('#,##0.00');
  expect(total.value.formula).toMatch(/^ROUND\(SUM\('预算汇总'!\$L\$4:\$L\$6\),2\)$/);
  expect(fmtAmount(0.1 + 0.2 + 6.7)).toBe('7.00');
  expect(fmtAmount(1234.5)).toBe('1,234.50');
  // Every number written anywhere in the workbook has at most 4 decimals (no 7.000000000000001).
  const noisy: string[] = [];
  wb.eachSheet((ws: any) =>
    ws.eachRow((row: any) =>
      row.eachCell((c: any) => {
        if (typeof c.value === 'number' && Math.abs(c.value * 1e4 - Math.round(c.value * 1e4)) > 1e-6) noisy.push(`${ws.name}!${c.address}=${c.value}`);
      }),
    ),
  );
  expect(noisy).toEqual([]);
});

test('封面 roster: 提交时间 of an unstamped file says 未提交 with its saved time; the SHA-256 is on 文件信息', () => {
  const ws = wb.getWorksheet(SUMMARY_SHEETS.cover);
  const rows: string[][] = [];
  ws.eachRow((row: any) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v)))));
  const header = rows.find((r) => r[0] === '专委会' && r[1] === '状态')!;
  expect(header).not.toContain('SHA-256');
  const line = rows.find((r) => r[2] === '决策咨询.xlsx')!;
  expect(line[header.indexOf('提交时间')]).toBe('未提交（文件保存于 2023-01-05 16:00 北京时间）');
  expect(line[header.indexOf('保存时间')]).toBe('2023-01-05 16:00（北京时间）');
  // Amounts on the cover's roster: two decimals.
  const r = rows.indexOf(line) + 1;
  expect(ws.getRow(r).getCell(header.indexOf('预算（万元）') + 1).numFmt).toBe('#,##0.00');
  expect(ws.getRow(r).getCell(header.indexOf('任务数') + 1).numFmt).toBe('0');
  const all = rows.flat().join('\n');
  expect(all).not.toMatch(/[0-9a-f]{64}/);
  // No hex on the cover at all (the outline's content hash is on 文件信息 too).
  expect(all).not.toContain(catalog.hash);
  expect(all).toContain('老科协2023年工作要点：5 个部分、17 条要点');
  // The generation time is the 汇总时间, never a 提交时间.
  expect(line[header.indexOf('提交时间')]).not.toContain('2023-02-01');

  const files = wb.getWorksheet(SUMMARY_SHEETS.files);
  const fileRows: unknown[][] = [];
  files.eachRow((row: any) => fileRows.push((row.values as unknown[]).slice(1)));
  const fh = fileRows.find((x) => x[0] === '专委会')!;
  const fl = fileRows.find((x) => x[2] === '决策咨询.xlsx')!;
  expect(fl[fh.indexOf('SHA-256')]).toBe(model.roster.find((x) => x.fileName === '决策咨询.xlsx')!.sha256);
  expect(fl[fh.indexOf('SHA-256')]).toMatch(/^[0-9a-f]{64}$/);
  expect(String(fileRows[1][0])).toContain(catalog.hash);
});

test('submittedText: the stamp, else the saved time, else the modification time; nothing for a committee without a file', () => {
  expect(submittedText({ fileName: 'a.xlsx', submittedAt: '2023-01-05T08:00:00Z', savedAt: '2023-01-01T00:00:00Z', modifiedAt: '' })).toBe('2023-01-05 16:00（北京时间）');
  expect(submittedText({ fileName: 'a.xlsx', submittedAt: '', savedAt: '', modifiedAt: '2023-01-06T01:30:00Z' })).toBe('未提交（文件修改于 2023-01-06 09:30 北京时间）');
  expect(submittedText({ fileName: 'a.xlsx', submittedAt: '', savedAt: '', modifiedAt: '' })).toBe('未提交');
  expect(submittedText({ fileName: '', submittedAt: '', savedAt: '', modifiedAt: '' })).toBe('');
});

test('预算汇总 and 任务汇总: a row\'s own money shows two decimals, and more when it has them (never 0.00 for 35 元 in a 万元 plan)', () => {
  const lines = wb.getWorksheet(SUMMARY_SHEETS.lines);
  const header = (lines.getRow(3).values as unknown[]).map((v) => String(v ?? ''));
  const amount = lines.getRow(4).getCell(header.indexOf('金额'));
  expect(amount.value).toBe(0.1);
  expect(amount.numFmt).toBe('#,##0.00##');
  const tasks = wb.getWorksheet(SUMMARY_SHEETS.tasks);
  const th = (tasks.getRow(3).values as unknown[]).map((v) => String(v ?? ''));
  expect(tasks.getRow(4).getCell(th.indexOf('预算')).numFmt).toBe('#,##0.00##');
});
