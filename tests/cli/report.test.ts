/**
 * plan-budget report: the 汇编 document from a summary workbook and from a folder of submissions.
 * LibreOffice (Writer, headless) converts it to PDF: more than one page, and the PDF's text holds the
 * totals the fixtures were filled with (computed here from the fill, not by our consolidation).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { execFileSync } from 'child_process';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../helpers/committeeFixtures';
import { libreofficeConvert } from '../helpers/libreoffice';
import { zipParts, part } from '../helpers/zipParts';
import { money, cnOrdinal, cnDate } from '../../src/core/report/compilation';

jest.setTimeout(240_000);
const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const dir = mkdtempSync(join(tmpdir(), 'pb-report-'));
const inbox = join(dir, 'inbox');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false }, cwd: dir });
  return { code, stdout, stderr };
}

/** Expected totals, from what the fixtures typed (not from our reader). */
const byCommittee = new Map<string, number>();
let total = 0;
let tasks = 0;
const CEILINGS: Record<string, number> = { c1: 10, c2: 1 };

beforeAll(async () => {
  mkdirSync(inbox, { recursive: true });
  // c7 does not submit
  for (const c of catalog.committees.filter((x) => x.id !== 'c7')) {
    const { bytes, fill } = await goodWorkbook(catalog, settings, c.id);
    writeFileSync(join(inbox, `2023年工作计划-${c.name}.xlsx`), bytes);
    byCommittee.set(c.name, fill.total);
    total += fill.total;
    tasks += fill.confirmed.length;
  }
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ organisation: '江苏省老科协', region: '江苏省', year: 2023, ceilings: CEILINGS }));
});

/** Text of word/document.xml, paragraphs on lines. */
const docText = (file: string) =>
  part(zipParts(readFileSync(file)), 'word/document.xml')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

test('money, dates and ordinals as an official document writes them', () => {
  expect(money(7.00000000000364)).toBe('7.00');
  expect(money(1234567.005)).toBe('1,234,567.01');
  expect(money(-2.5)).toBe('-2.50');
  expect(money(0)).toBe('0.00');
  expect(cnOrdinal(1)).toBe('一');
  expect(cnOrdinal(12)).toBe('十二');
  expect(cnOrdinal(20)).toBe('二十');
  expect(cnDate('2023-03-01', 2023)).toBe('3月1日');
  expect(cnDate('2024-01-15', 2023)).toBe('2024年1月15日');
});

test('report from the summary and from the folder: the same document; LibreOffice prints it on several pages with the right totals', async () => {
  const summary = join(dir, '汇总.xlsx');
  expect((await run(['--settings', 'settings.json', 'consolidate', inbox, '-o', summary])).code).toBe(0);
  const a = join(dir, 'from-summary.docx');
  const b = join(dir, 'from-folder.docx');
  const ra = await run(['--settings', 'settings.json', 'report', summary, '-o', a]);
  expect(ra.stderr).toBe('');
  expect(ra.code).toBe(0);
  expect(ra.stdout).toContain(`预算合计 ${money(total)}万元`);
  expect((await run(['--settings', 'settings.json', 'report', inbox, '-o', b])).code).toBe(0);

  const ta = docText(a);
  // The summary was made at another moment than the folder run: only the dates may differ.
  const noDates = (s: string) => s.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, 'DATE');
  expect(noDates(docText(b))).toBe(noDates(ta));

  // Structure and headline figures
  expect(ta).toContain('江苏省老科协');
  expect(ta).toContain('2023年度工作计划和预算汇编');
  expect(ta).toContain('（送审稿）');
  for (const h of ['一、编制说明', '二、工作计划', '三、预算安排', '四、主要时间节点', '附件：尚待处理的问题']) expect(ta).toContain(h);
  expect(ta).toContain(`汇总计划任务${tasks}项`);
  expect(ta).toContain(`预算合计${money(total)}万元`);
  expect(ta).toContain('信息咨询专委会尚未报送'.replace('信息咨询专委会', catalog.committees.find((c) => c.id === 'c7')!.name));
  for (const s of catalog.sections) expect(ta).toContain(`（${cnOrdinal(s.number)}）`);
  for (const p of catalog.points) expect(ta).toContain(`${p.number}. ${p.title.replace('{{region}}', '江苏省')}`);
  // c2 is over its ceiling of 1 万元
  const c2 = catalog.committees.find((c) => c.id === 'c2')!.name;
  expect(ta).toContain(`${c2}预算${money(byCommittee.get(c2)!)}万元，超过控制数1.00万元`);
  // Latin letters only where they belong (codes like T001, file names)
  expect(ta.replace(/T\d{3}|\.xlsx|[\w-]+\.xlsx/g, '')).not.toMatch(/[A-Za-z]{3,}/);

  // Printed: A4 pages, page numbers, the totals in the PDF text
  const [pdf] = await libreofficeConvert([a], { outDir: join(dir, 'pdf'), to: 'pdf' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  expect(pages).toBeGreaterThan(3);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  // the cover is one page: organisation, title, secretariat and date; 编制说明 starts page 2
  const page = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(page(1)).toMatch(/江苏省老科协2023年度工作计划和预算汇编（送审稿）江苏省老科协秘书处\d{4}年\d{1,2}月\d{1,2}日$/);
  expect(page(2).startsWith('一、编制说明')).toBe(true);
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain(`预算合计${money(total)}万元`);
  expect(text).toMatch(/—\s*1\s*—/);
  expect(text).toMatch(/—\s*2\s*—/);
  // by committee: each committee's line in the budget table holds its budget
  const lines = text.split('\n');
  for (const [name, amount] of byCommittee) expect(lines.some((l) => l.includes(name) && l.includes(money(amount)) && /已提交|有错误/.test(l))).toBe(true);
  expect(lines.some((l) => /^\s*合计/.test(l) && l.includes(money(total)))).toBe(true);
});

test('report on a workbook that is not a summary: one clear line, exit 2', async () => {
  const r = await run(['report', join(inbox, `2023年工作计划-${catalog.committees[0].name}.xlsx`), '-o', join(dir, 'x.docx')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('不是本工具生成的汇总表');
  expect(existsSync(join(dir, 'x.docx'))).toBe(false);
});
