/**
 * Issue 10, item 7 — one file, one reading, in the browser: the task pane's file mode in headless
 * Chromium (Debian's) consolidates a subset of the acceptance corpus (one file per way of saving:
 * excelts, openpyxl, LibreOffice re-saves, and the resubmitted pair) and its downloaded summary holds
 * the same roster, tasks, budget lines and totals as the summary `plan-budget consolidate` writes for the same files. Both summaries
 * are read by the same pandas reader (tests/acceptance/check_totals.py), not by our code.
 * The Office.js leg is tests/acceptance/oneReading.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { main } from '../../src/cli/main';
import { buildAcceptanceCorpus, DEFAULT_FILES, ONE_READING_FILES, PYTHON } from '../helpers/acceptanceCorpus';
import type { CorpusRecord } from '../helpers/acceptanceCorpus';
import { hasLibreOffice } from '../helpers/libreoffice';
import { buildAddin, CHROMIUM_ARGS, findChromium } from './build';
import { serveDir } from './serve';

jest.setTimeout(300_000);

const CHECKER = join(__dirname, '..', 'acceptance', 'check_totals.py');
const dir = mkdtempSync(join(tmpdir(), 'pb-one-reading-e2e-'));

interface SummaryRead {
  byCommittee: Record<string, number>;
  byPoint: Record<string, number>;
  total: number;
  taskRows: unknown[][];
  lineRows: unknown[][];
  roster: unknown[][];
}

let dist = '';
let server: Awaited<ReturnType<typeof serveDir>>;
let browser: Browser;
let page: Page;
let record: CorpusRecord;
let cli: SummaryRead;
let fromPage: SummaryRead;
let shown = '';
const pageErrors: string[] = [];

const readSummary = (path: string): SummaryRead => JSON.parse(execFileSync(PYTHON, [CHECKER, join(dir, 'record.json'), path], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8')).summary;
/** Rows of a summary sheet without their 序号 order: by source file and row. */
const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => (String(a[0]) + String(a[2]).padStart(6, '0') < String(b[0]) + String(b[2]).padStart(6, '0') ? -1 : 1));

beforeAll(async () => {
  if (!hasLibreOffice()) throw new Error('LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui');
  // One file per way of saving, and the resubmitted pair (which file counts is part of the reading).
  record = await buildAcceptanceCorpus({ dir, files: DEFAULT_FILES.filter((f) => ONE_READING_FILES.includes(f.name) || f.committeeId === 'c2') });
  // The CLI's summary of the subset.
  let out = '';
  await main(['consolidate', 'inbox', '-o', '汇总-cli.xlsx', '--settings', 'settings.json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s), isTTY: false }, cwd: dir });
  cli = readSummary(join(dir, '汇总-cli.xlsx'));
  // The page's, in file mode.
  dist = buildAddin({ baseUrl: 'https://addin.example.org/plan-budget/' });
  server = await serveDir(dist);
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByText('文件方式：未检测到 Excel').waitFor({ timeout: 20_000 });
  await page.getByRole('tab', { name: '汇总' }).click();
  await page.getByTestId('submission-files').setInputFiles(record.files.map((f) => f.path));
  await page.getByText(`已选 ${record.files.length} 个文件`).waitFor();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '汇总并下载汇总表' }).click()]);
  const status = page.getByText(/汇总完成：/);
  await status.waitFor();
  shown = (await status.textContent()) ?? '';
  const path = join(dir, '汇总-page.xlsx');
  writeFileSync(path, readFileSync(await dl.path()));
  fromPage = readSummary(path);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('one file, one reading: the browser page (file mode, Chromium) and the CLI', () => {
  test('the same roster: the same file counts for each committee', () => {
    expect(fromPage.roster).toEqual(cli.roster);
  });

  test('the same tasks in 任务汇总 (file, row, code, status, dates, point)', () => {
    expect(cli.taskRows.length).toBeGreaterThan(100);
    expect(sorted(fromPage.taskRows)).toEqual(sorted(cli.taskRows));
  });

  test('the same budget lines in 预算汇总 (file, row, amount)', () => {
    const a = sorted(cli.lineRows);
    const b = sorted(fromPage.lineRows);
    const differ = a.filter((row, i) => JSON.stringify(row) !== JSON.stringify(b[i]));
    expect({ cli: a.length, page: b.length, differing: differ.length, first: differ.slice(0, 3) }).toEqual({ cli: a.length, page: a.length, differing: 0, first: [] });
  });

  test('the same totals per committee and per point, and the page says the same total', () => {
    expect(fromPage.byCommittee).toEqual(cli.byCommittee);
    expect(fromPage.byPoint).toEqual(cli.byPoint);
    expect(fromPage.total).toBeCloseTo(cli.total, 4);
    const m = /汇总完成：(\d+) 项任务，预算合计 ([\d,.]+)/.exec(shown);
    expect(Number(m?.[1])).toBe(cli.taskRows.length);
    expect(Number(m?.[2].replace(/,/g, ''))).toBeCloseTo(cli.total, 4);
    expect(pageErrors).toEqual([]);
  });
});
