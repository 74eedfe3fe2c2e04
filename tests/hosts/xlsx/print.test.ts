/**
 * Committee workbooks on paper: LibreOffice prints a blank and a filled generated workbook to PDF
 * (one soffice run), and the pages are few, none is only a repeated header, and the long
 * 工作内容与目标 of a draft task is on the page in full (pdftotext), not cut at one line.
 * PDF_DIR=/some/folder keeps the two PDFs.
 */
import { execFileSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describeCommitteeWorkbook, DRAFT_FLAG } from '../../../src/core/sheets/committeeWorkbook';
import { SHEET_NAMES } from '../../../src/core/sheets/columns';
import { fixtureCatalog, fixtureSettings, generated, goodWorkbook, GENERATED_AT } from '../../helpers/committeeFixtures';
import { hasLibreOffice, libreofficeConvert } from '../../helpers/libreoffice';
import { part, sheetPaths, zipParts } from '../../helpers/zipParts';

jest.setTimeout(240_000);

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const dir = mkdtempSync(join(tmpdir(), 'pb-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdfPages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const pdfText = (pdf: string, mode: string) => execFileSync('pdftotext', [mode, pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const squash = (s: string) => s.replace(/\s+/g, '');

/** Lines of a page that are neither the repeated header row of a data sheet nor the footer. */
function ownLines(page: string): string[] {
  return page
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^第 \d+ 页 共 \d+ 页$/.test(l) && !/^任务编号\s+(要点|任务名称)/.test(l));
}

/** The draft with the longest 工作内容与目标 in a committee's generated workbook. */
function longestDraft(committeeId: string): string {
  const spec = describeCommitteeWorkbook(catalog, settings, committeeId, { generatedAt: GENERATED_AT });
  const tasks = spec.sheets.find((s) => s.name === SHEET_NAMES.tasks)!;
  const texts = tasks.blocks[1].rows.filter((r) => r.some((c) => c?.v === DRAFT_FLAG)).map((r) => String(r[3]!.v));
  return texts.sort((a, b) => b.length - a.length)[0];
}

const run = hasLibreOffice() ? test : test.skip;

run('a blank and a filled committee workbook print on a few pages, long text whole', async () => {
  const blank = join(dir, 'blank-c1.xlsx');
  writeFileSync(blank, await generated(catalog, settings, 'c1'));
  const filled = join(dir, 'filled-c2.xlsx');
  const { bytes } = await goodWorkbook(catalog, settings, 'c2');
  writeFileSync(filled, bytes);
  const [blankPdf, filledPdf] = await libreofficeConvert([blank, filled], { outDir: dir, to: 'pdf' });
  // PDF_DIR=… keeps the PDFs for a look (acceptance of issue 11).
  if (process.env.PDF_DIR) {
    mkdirSync(process.env.PDF_DIR, { recursive: true });
    for (const f of [blankPdf, filledPdf]) copyFileSync(f, join(process.env.PDF_DIR, f.slice(dir.length + 1)));
  }

  // Blank: 填报说明, 任务表, 预算明细, 里程碑, 校验 — one page each for c1 (13 before: 6 empty 预算明细 pages, 4 empty 里程碑 pages).
  const blankPages = pdfText(blankPdf, '-layout').split('\f').filter((p) => p.trim());
  expect(pdfPages(blankPdf)).toBe(5);
  expect(blankPages.filter((p) => p.includes('预算明细 — ')).length).toBe(1);
  for (const p of blankPages) expect(ownLines(p).length).toBeGreaterThan(0);

  // Filled c2: every page carries content, the longest draft text is printed whole.
  const filledPages = pdfText(filledPdf, '-layout').split('\f').filter((p) => p.trim());
  expect(pdfPages(filledPdf)).toBeLessThanOrEqual(7); // 5 with LibreOffice 7.4 (13 before)
  for (const p of filledPages) expect(ownLines(p).length).toBeGreaterThan(0);
  const long = longestDraft('c2');
  expect(long.length).toBeGreaterThan(80);
  // -raw keeps each cell's wrapped lines together; whitespace from the line breaks is dropped.
  expect(squash(pdfText(filledPdf, '-raw'))).toContain(squash(long));
  // In -layout the cell wraps over several lines (a row one line high would show its first line only).
  const start = squash(long).slice(0, 8);
  const layoutLine = pdfText(filledPdf, '-layout').split('\n').find((l) => squash(l).includes(start))!;
  expect(layoutLine).toBeDefined();
  expect(squash(layoutLine)).not.toContain(squash(long));
});

test('rows with pre-filled text store an estimated height that is not fixed; budget and milestone rows are written only as far as the form goes', async () => {
  const parts = zipParts(await generated(catalog, settings, 'c2'));
  const paths = sheetPaths(parts);
  const tasks = part(parts, paths.get(SHEET_NAMES.tasks)!);
  const rows = [...tasks.matchAll(/<row [^>]*>/g)].map((m) => m[0]);
  const fitted = rows.filter((r) => /ht="/.test(r) && !/customHeight/.test(r));
  expect(fitted.length).toBeGreaterThan(5);
  for (const r of fitted) expect(Number(/ht="([\d.]+)"/.exec(r)![1])).toBeGreaterThan(20);
  const budget = part(parts, paths.get(SHEET_NAMES.budget)!);
  expect(budget).toContain('<c r="H33"');
  expect(budget).not.toContain('<c r="H34"');
  // …but the dropdowns still cover 200 rows.
  expect(budget).toMatch(/sqref="A4:A203"/);
  const milestones = part(parts, paths.get(SHEET_NAMES.milestones)!);
  expect(milestones).toContain('<c r="B23"');
  expect(milestones).not.toContain('<c r="B24"');
});
