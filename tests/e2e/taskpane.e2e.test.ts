/**
 * End to end, outside Excel: the built task pane in headless Chromium (Debian's, never a
 * downloaded one), served from a temp build on 127.0.0.1. generate → fill by code → upload →
 * findings → consolidate → download, at the task pane's narrow width (320 px). Privacy: across
 * every file-mode session here no request leaves the page's origin, office.js is never requested
 * and the Content-Security-Policy is never violated.
 * Screenshots go to test-artifacts/ (gitignored).
 */
import { Workbook } from '@cj-tech-master/excelts';
import { installChartSupport } from '@cj-tech-master/excelts/chart';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildAddin, CHROMIUM_ARGS, findChromium } from './build';
import { recordNetwork, type NetLog } from './netLog';
import { serveDir } from './serve';
import { money } from '../../src/core/report/compilation';
import { part, zipParts } from '../helpers/zipParts';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../helpers/committeeFixtures';
import { manyRows } from '../helpers/hostileFiles';

jest.setTimeout(300_000);
// The summary carries charts; excelts reads them only with its chart support installed.
installChartSupport();

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const WORK = join(ARTIFACTS, 'e2e-files');

let dist = '';
let server: Awaited<ReturnType<typeof serveDir>>;
let browser: Browser;
let page: Page;
let net: NetLog;
const pageErrors: string[] = [];
const { contentSecurityPolicy } = require('../../scripts/addin/csp.js') as { contentSecurityPolicy: () => string };

beforeAll(async () => {
  mkdirSync(WORK, { recursive: true });
  dist = buildAddin({ baseUrl: 'https://addin.example.org/plan-budget/' });
  server = await serveDir(dist);
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  net = await recordNetwork(context, server.url);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

/** Screenshot of the whole page; and nothing on it may be wider than the 320 px pane. */
async function shot(name: string): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: join(ARTIFACTS, `taskpane-${name}.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect([name, width <= 320]).toEqual([name, true]);
}

function findHeaderRow(ws: any, first: string): number {
  for (let r = 1; r <= 30; r++) if (String(ws.getCell(r, 1).value ?? '').trim() === first) return r;
  throw new Error(`no header ${first} in ${ws.name}`);
}

function colOf(ws: any, headerRow: number, header: string): number {
  for (let c = 1; c <= 30; c++) if (String(ws.getCell(headerRow, c).value ?? '').trim() === header) return c;
  throw new Error(`no column ${header} in ${ws.name}`);
}

/** Fill a downloaded committee workbook as a clerk would; returns the amounts typed that are valid. */
async function fill(bytes: Uint8Array, opts: { badAmount: boolean; prefix: string; textDate?: string }): Promise<{ bytes: Uint8Array; good: number; names: string[]; badRow: number }> {
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  const tasks = wb.getWorksheet('任务表');
  const hr = findHeaderRow(tasks, '任务编号');
  const c = (h: string) => colOf(tasks, hr, h);
  const names: string[] = [];
  const codes: string[] = [];
  for (let r = hr + 1; r <= hr + 60; r++) {
    const code = String(tasks.getCell(r, c('任务编号')).value ?? '').trim();
    // The clerk keeps the draft rows made from the committee's measures (and leaves spare rows empty).
    if (!/^T\d+/.test(code) || String(tasks.getCell(r, c('草稿')).value ?? '').trim() !== '草稿') continue;
    const name = `${opts.prefix}任务${codes.length + 1}`;
    tasks.getCell(r, c('任务名称')).value = name;
    tasks.getCell(r, c('工作内容与目标')).value = '组织专家开展调研，形成报告一份。';
    tasks.getCell(r, c('负责人')).value = '王五';
    tasks.getCell(r, c('开始日期')).value = opts.textDate && !codes.length ? opts.textDate : '2023-03-01';
    tasks.getCell(r, c('完成日期')).value = '2023-11-30';
    tasks.getCell(r, c('草稿')).value = null;
    codes.push(code);
    names.push(name);
  }
  const budget = wb.getWorksheet('预算明细');
  const br = findHeaderRow(budget, '任务编号');
  const b = (h: string) => colOf(budget, br, h);
  let good = 0;
  codes.forEach((code, i) => {
    const r = br + 1 + i;
    budget.getCell(r, b('任务编号')).value = code;
    budget.getCell(r, b('经费科目')).value = '会议费';
    budget.getCell(r, b('经费来源')).value = '财政拨款';
    budget.getCell(r, b('金额')).value = 1.5 + i;
    budget.getCell(r, b('测算依据')).value = '按标准测算';
    good += 1.5 + i;
  });
  let badRow = 0;
  if (opts.badAmount) {
    badRow = br + 1 + codes.length;
    budget.getCell(badRow, b('任务编号')).value = codes[0];
    budget.getCell(badRow, b('经费科目')).value = '差旅费';
    budget.getCell(badRow, b('经费来源')).value = '财政拨款';
    budget.getCell(badRow, b('金额')).value = '约两万';
  }
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), good, names, badRow };
}

/** The outline has “**”: a fresh page asks for the region (in 填报's workbook settings) before generating. */
async function ensureRegion(): Promise<void> {
  const region = page.getByRole('textbox', { name: /地区/ }).first();
  if ((await region.count()) && (await region.isVisible()) && !(await region.inputValue())) await region.fill('江苏省');
}

async function downloadCommittee(name: string): Promise<Uint8Array> {
  await ensureRegion();
  await page.getByLabel('选择本专委会').selectOption({ label: name });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载本专委会计划表（.xlsx）' }).click()]);
  expect(dl.suggestedFilename()).toBe(`2023年工作计划-${name}.xlsx`);
  return new Uint8Array(readFileSync(await dl.path()));
}

test('standalone page: generate → fill → findings → consolidate → download', async () => {
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByText('文件方式：未检测到 Excel').waitFor({ timeout: 20_000 });
  // Outside Office the page does not load office.js (it would call Microsoft's telemetry).
  expect(server.requests.filter((p) => p.startsWith('/office-js/'))).toEqual([]);
  await shot('1-start');

  // 1. Generate two committees' workbooks (download) and fill them by code.
  const c2 = await downloadCommittee('决策咨询专委会');
  const c3 = await downloadCommittee('科普与教育专委会');
  const f2 = await fill(c2, { badAmount: true, prefix: '决策' });
  const f3 = await fill(c3, { badAmount: false, prefix: '科普' });
  expect(f2.names.length).toBeGreaterThan(0);
  expect(f3.names.length).toBeGreaterThan(0);
  const p2 = join(WORK, '2023年工作计划-决策咨询专委会.xlsx');
  const p3 = join(WORK, '2023年工作计划-科普与教育专委会.xlsx');
  writeFileSync(p2, f2.bytes);
  writeFileSync(p3, f3.bytes);

  // 2. Open the filled workbook: the unreadable amount is an error at its cell.
  await page.getByTestId('clerk-file').setInputFiles(p2);
  await page.getByRole('heading', { name: '校验结果' }).waitFor();
  // Grouped by file (its name once), then sheet; severity, cell and problem on one line.
  await expect(page.getByRole('heading', { name: '2023年工作计划-决策咨询专委会.xlsx' }).count()).resolves.toBe(1);
  const errors = page.getByRole('list', { name: '预算明细' }).locator('li[data-severity="error"]');
  await expect(errors.filter({ hasText: new RegExp(`^错误[A-Z]+${f2.badRow}[^0-9]`) }).count()).resolves.toBe(1);
  // Exactly that one: the rows typed correctly raise no error.
  await expect(page.locator('li[data-severity="error"]').count()).resolves.toBe(1);
  await expect(errors.getByText(/约两万/).count()).resolves.toBe(1);
  await shot('2-findings');
  // Errors-only filter hides warnings and notes.
  await page.getByRole('switch', { name: '只看错误' }).check();
  await expect(page.locator('li[data-severity="warning"], li[data-severity="info"]').count()).resolves.toBe(0);
  await expect(page.locator('li[data-severity="error"]').count()).resolves.toBeGreaterThan(0);

  // 3. Consolidate both files and download the summary.
  await page.getByRole('tab', { name: '汇总' }).click();
  await page.getByTestId('submission-files').setInputFiles([p2, p3]);
  await page.getByText('已选 2 个文件').waitFor();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '汇总并下载汇总表' }).click()]);
  expect(dl.suggestedFilename()).toMatch(/汇总.*\.xlsx$/);
  const total = Math.round((f2.good + f3.good) * 10000) / 10000;
  await page.getByText(new RegExp(`汇总完成：${f2.names.length + f3.names.length} 项任务，预算合计 ${total.toLocaleString('zh-CN', { maximumFractionDigits: 4 })}`)).waitFor();
  const roster = page.getByTestId('roster');
  await expect(roster.locator('tr[data-status="missing"]').count()).resolves.toBe(5);
  await shot('3-consolidated');

  // 退回意见 for the committee whose file has an error: a download with the findings as notes and a 修改意见 sheet.
  const [fb] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载“决策咨询专委会”的退回意见' }).click()]);
  expect(fb.suggestedFilename()).toBe('退回意见-2023年工作计划-决策咨询专委会.xlsx');
  const fbBook: any = new Workbook();
  await fbBook.xlsx.load(readFileSync(await fb.path()));
  const advice = fbBook.getWorksheet('修改意见');
  expect(advice).toBeDefined();
  const adviceText: string[] = [];
  advice.eachRow((row: any) => row.eachCell((cell: any) => adviceText.push(String(cell.value ?? ''))));
  expect(adviceText.join('\n')).toContain('约两万');

  const summary: any = new Workbook();
  await summary.xlsx.load(readFileSync(await dl.path()));
  const names = summary.worksheets.map((w: any) => w.name);
  expect(names).toEqual(expect.arrayContaining(['封面', '任务汇总', '按专委会']));
  const text: string[] = [];
  summary.getWorksheet('任务汇总').eachRow((row: any) => row.eachCell((cell: any) => text.push(String(cell.value ?? ''))));
  for (const n of [...f2.names, ...f3.names]) expect(text).toContain(n);

  // 4. Review: headline total matches.
  await page.getByRole('tab', { name: '审阅' }).click();
  await expect(page.getByTestId('fig-预算合计').textContent()).resolves.toContain(total.toLocaleString('zh-CN', { maximumFractionDigits: 4 }));
  await shot('4-review');

  // The 汇编 (.docx) from 审阅: its own chunk, loaded on the click; the document holds the total.
  const [doc] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载汇编（.docx）' }).click()]);
  expect(doc.suggestedFilename()).toBe('2023年度工作计划和预算汇编（送审稿）.docx');
  const docXml = part(zipParts(new Uint8Array(readFileSync(await doc.path()))), 'word/document.xml');
  expect(docXml).toContain(money(f2.good + f3.good));
  await page.getByText('已下载 2023年度工作计划和预算汇编（送审稿）.docx。').waitFor();

  // SCREENSHOTS_DIR=…: every tab with data at 350 px (the 提交 refused in 填报, with all findings shown).
  const shots = process.env.SCREENSHOTS_DIR;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await page.setViewportSize({ width: 350, height: 900 });
    await page.getByRole('tab', { name: '填报' }).click();
    await page.getByRole('switch', { name: '只看错误' }).uncheck();
    await page.getByRole('button', { name: '提交并保存副本' }).click();
    await page.getByRole('alert').filter({ hasText: '请先修正再提交' }).waitFor();
    for (const [tab, name] of [['填报', 'clerk'], ['汇总', 'secretariat'], ['审阅', 'review']] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.screenshot({ path: join(shots, `350-${name}.png`), fullPage: true });
      expect([tab, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([tab, 350]);
    }
    await page.setViewportSize({ width: 320, height: 900 });
    await page.getByRole('tab', { name: '审阅' }).click();
  }

  // 5. The English switch.
  await page.getByRole('button', { name: '切换到英文界面' }).click();
  await page.getByRole('tab', { name: 'Review' }).waitFor();
  await shot('5-review-en');
  // The language is remembered in this browser (localStorage), nothing is sent anywhere.
  await page.reload();
  await page.getByRole('tab', { name: 'Review' }).waitFor();

  expect(pageErrors).toEqual([]);
  // The whole session, downloads and reload included: nothing left the origin, no policy violation.
  expect(net.urls.length).toBeGreaterThan(3);
  expect(net.offOrigin()).toEqual([]);
  expect(net.urls.filter((u) => u.includes('/office-js/'))).toEqual([]);
  expect([...net.violations, ...net.cspConsole]).toEqual([]);
});

test('the production build: office.js and icons in the build, manifest rewritten to ADDIN_BASE_URL and valid', () => {
  for (const f of ['office-js/office.js', 'assets/icon-16.png', 'assets/icon-80.png', 'commands.html', 'taskpane.html']) expect(existsSync(join(dist, f))).toBe(true);
  const manifest = readFileSync(join(dist, 'manifest.xml'), 'utf8');
  expect(manifest).not.toMatch(/localhost/);
  expect(manifest).toContain('https://addin.example.org/plan-budget/taskpane.html');
  const schema = join(__dirname, '..', '..', 'schemas', 'office-manifest', 'OfficeAppManifestV1_1.xsd');
  expect(() => execFileSync('xmllint', ['--noout', '--schema', schema, join(dist, 'manifest.xml')], { stdio: 'pipe' })).not.toThrow();
  // The first load does not carry the xlsx engine: it is a separate chunk, loaded on first use.
  const html = readFileSync(join(dist, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.some((x) => /^xlsx\./.test(x))).toBe(false);
  expect(readdirSync(dist).some((f) => /^xlsx\.[0-9a-f]+\.js$/.test(f))).toBe(true);
  // Both built pages: the Content-Security-Policy <meta> before anything it governs, no inline
  // script, no office.js tag (the page's script loads it only inside Office).
  for (const name of ['taskpane.html', 'commands.html']) {
    const page = readFileSync(join(dist, name), 'utf8');
    const meta = [...page.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/g)];
    expect([name, meta.length]).toEqual([name, 1]);
    expect([name, meta[0][1]]).toEqual([name, contentSecurityPolicy()]);
    const firstGoverned = page.search(/<(script|style|link|img|iframe)\b/);
    expect([name, meta[0].index! < firstGoverned]).toEqual([name, true]);
    const tags = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect([name, tags.length > 0, tags.every((t) => /\bsrc="[^"]+"/.test(t[1]) && t[2].trim() === '')]).toEqual([name, true, true]);
    expect([name, /office-js\//.test(page)]).toEqual([name, false]);
  }
});

test('the page stays usable at 320 px: nothing wider than the viewport', async () => {
  await page.goto(`${server.url}/taskpane.html`);
  // The first test switched to English, which this browser remembers: back to a fresh start.
  await page.evaluate(() => localStorage.clear());
  await page.reload({ waitUntil: 'networkidle' });
  await page.getByText('文件方式：未检测到 Excel').waitFor({ timeout: 20_000 });
  for (const tab of ['填报', '汇总', '审阅']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) await shot(`too-wide-${tab}`);
    expect([tab, width]).toEqual([tab, expect.any(Number)]);
    expect(width).toBeLessThanOrEqual(320);
  }
  // Keyboard: the tabs and the first controls are reachable with Tab (once the region is set, the buttons are enabled).
  await page.getByRole('tab', { name: '填报' }).click();
  await ensureRegion();
  await page.getByRole('tab', { name: '填报' }).click();
  const focused: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    focused.push(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label') || document.activeElement?.textContent || ''));
  }
  expect(focused.join('|')).toMatch(/下载本专委会计划表/);
});

test('file mode (WPS, Excel 2019): a one-click fix and the 提交 stamp are written into the downloaded file', async () => {
  await page.goto(`${server.url}/taskpane.html`);
  await page.evaluate(() => localStorage.clear());
  await page.reload({ waitUntil: 'networkidle' });
  await page.getByText('文件方式：未检测到 Excel').waitFor({ timeout: 20_000 });
  const { readWorkbook } = await import('../../src/hosts/xlsx');
  const c3 = await downloadCommittee('科普与教育专委会');
  const f = await fill(c3, { badAmount: false, prefix: '改', textDate: '2023年3月1日' });
  const p = join(WORK, '2023年工作计划-科普与教育专委会-待改.xlsx');
  writeFileSync(p, f.bytes);
  await page.getByTestId('clerk-file').setInputFiles(p);
  await page.getByRole('heading', { name: '校验结果' }).waitFor();
  const item = page.locator('li', { hasText: '2023年3月1日' });
  await expect(item.count()).resolves.toBe(1);
  await item.getByRole('button', { name: /^修正…/ }).click();
  await page.getByRole('button', { name: '应用' }).click();
  await page.getByText(/已在文件副本中修改/).waitFor();
  await expect(page.locator('li', { hasText: '2023年3月1日' }).count()).resolves.toBe(0);
  await shot('6-file-fixed');

  const [fixed] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载已修改的文件（1 处修改）' }).click()]);
  expect(fixed.suggestedFilename()).toBe('2023年工作计划-科普与教育专委会-待改-已修改.xlsx');
  const fixedRaw = (await readWorkbook(new Uint8Array(readFileSync(await fixed.path())), 'fixed.xlsx')).raw!;
  const first = fixedRaw.tasks.find((t) => t.cells.name === '改任务1')!;
  expect(first.cells.start).toBe('2023-03-01');
  expect(first.cells.owner).toBe('王五');

  await page.getByLabel('选择本专委会').selectOption({ label: '科普与教育专委会' });
  await page.getByLabel('填报人').fill('赵六');
  const [submitted] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '提交并保存副本' }).click()]);
  expect(submitted.suggestedFilename()).toBe('2023年工作计划-科普与教育专委会-提交.xlsx');
  await page.getByText(/已盖章提交：赵六/).waitFor();
  const stamped = (await readWorkbook(new Uint8Array(readFileSync(await submitted.path())), 'stamped.xlsx')).raw!;
  expect(stamped.meta).toMatchObject({ submittedBy: '赵六', submissionVersion: '1', committeeId: 'c3' });
  expect(stamped.meta.contentHash).toMatch(/^[0-9a-f]{16}$/);
  expect(stamped.tasks.find((t) => t.cells.name === '改任务1')!.cells.start).toBe('2023-03-01');
  expect(pageErrors).toEqual([]);
});

test('privacy: in every file-mode session above no request left the origin, office.js was never asked for, no policy violation', () => {
  // Sessions: generate → fill → validate → consolidate → feedback → review → reload; the 320 px
  // check; the one-click fix and the 提交 stamp, each with its downloads.
  expect(net.urls.filter((u) => u.endsWith('/taskpane.html')).length).toBeGreaterThanOrEqual(3);
  expect(net.offOrigin()).toEqual([]);
  expect(server.requests.filter((p) => p.startsWith('/office-js/'))).toEqual([]);
  expect([...net.violations, ...net.cspConsole]).toEqual([]);
});

test('hosted by Office (the _host_Info Office appends to the URL) both pages load office.js from their own origin, without a policy violation', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: 'zh-CN' });
  const log = await recordNetwork(context, server.url);
  try {
    const p = await context.newPage();
    // commands.html outside Office: only its own page and script; the ribbon function is defined.
    await p.goto(`${server.url}/commands.html`, { waitUntil: 'networkidle' });
    expect(await p.evaluate(() => typeof (window as unknown as { validateWorkbook?: unknown }).validateWorkbook)).toBe('function');
    expect(log.urls.map((u) => new URL(u).pathname)).toEqual(['/commands.html', expect.stringMatching(/^\/commands\.[0-9a-f]+\.js$/)]);

    // The query Excel on Windows gives the page: office.js, then its Excel host file and strings, all from the build.
    const hostInfo = '_host_Info=Excel$Win32$16.01$zh-CN$$$$0';
    await p.goto(`${server.url}/commands.html?${hostInfo}`);
    const seen = (path: string) => log.urls.some((u) => new URL(u).pathname === path);
    await p.waitForFunction(() => !!(window as unknown as { Office?: unknown }).Office, undefined, { timeout: 20_000 });
    expect(seen('/office-js/office.js')).toBe(true);

    await p.goto(`${server.url}/taskpane.html?tab=consolidate&${hostInfo}`);
    // No Excel answers here: after the detection's time limit the page falls back to file mode.
    await p.getByText('文件方式：未检测到 Excel').waitFor({ timeout: 20_000 });
    expect(seen('/office-js/excel-win32-16.01.js')).toBe(true);
    expect(log.offOrigin()).toEqual([]);
    expect([...log.violations, ...log.cspConsole]).toEqual([]);
  } finally {
    await context.close();
  }
});

test('汇总 in the page: each file read in isolation — a file that keeps its reader worker past limits.fileSeconds is refused, the summary is written for the others', async () => {
  const catalog = fixtureCatalog();
  const settings = fixtureSettings(catalog);
  const c2 = await goodWorkbook(catalog, settings, 'c2');
  const c3 = await goodWorkbook(catalog, settings, 'c3');
  const files: [string, Uint8Array][] = [
    ['c2.xlsx', c2.bytes],
    // 80,000 task rows (under the rows limit): seconds of reading and checking, far past a 3 s limit.
    ['hostile.xlsx', manyRows(c2.bytes, '任务表', 80_000, 60)],
    ['c3.xlsx', c3.bytes],
  ];
  const paths = files.map(([name, bytes]) => {
    writeFileSync(join(WORK, name), bytes);
    return join(WORK, name);
  });
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  const log = await recordNetwork(context, server.url);
  // The reading time limit of the settings (kept in this browser), here 3 s.
  await context.addInitScript(() => localStorage.setItem('plan-budget.taskpane.v1', JSON.stringify({ settings: { region: '江苏省', limits: { fileSeconds: 3 } } })));
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${server.url}/taskpane.html?tab=consolidate`);
  await p.getByTestId('submission-files').setInputFiles(paths);
  await p.getByText('已选 3 个文件').waitFor();
  const [dl] = await Promise.all([p.waitForEvent('download', { timeout: 120_000 }), p.getByRole('button', { name: '汇总并下载汇总表' }).click()]);
  const total = Math.round((c2.fill.total + c3.fill.total) * 10000) / 10000;
  await p.getByText(new RegExp(`汇总完成：.*预算合计 ${total.toLocaleString('zh-CN', { maximumFractionDigits: 4 })}`)).waitFor();
  // Read by reader workers (not the main thread), and the hostile file refused naming the limit.
  const workers = await p.evaluate(() => (performance.getEntriesByName('pb:consolidate:checked')[0] as PerformanceMark).detail.workers as number);
  expect(workers).toBeGreaterThanOrEqual(1);
  const refused = p.getByTestId('roster').locator('tr[data-status="refused"]');
  await expect(refused.count()).resolves.toBe(1);
  await expect(refused.textContent()).resolves.toMatch(/hostile\.xlsx.*超出读取上限“读取时间”：上限 3 秒/);
  await expect(p.getByTestId('roster').locator('tr[data-status="submitted"], tr[data-status="errors"]').count()).resolves.toBe(2);
  const summary: any = new Workbook();
  await summary.xlsx.load(readFileSync(await dl.path()));
  expect(summary.worksheets.map((w: any) => w.name)).toEqual(expect.arrayContaining(['任务汇总', '按专委会']));
  expect(errors).toEqual([]);
  expect(log.offOrigin()).toEqual([]);
  expect([...log.violations, ...log.cspConsole]).toEqual([]);
  await context.close();
});
