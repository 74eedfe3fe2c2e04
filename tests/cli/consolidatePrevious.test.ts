/**
 * `plan-budget consolidate --previous` on the summaries we write (issue 10, item 6).
 *
 * The CLI runs compiled, in a fresh Node process for each consolidation, as a user runs it:
 * in-process, an earlier render in the same test file would have installed excelts' chart support
 * already and hidden the failure this test is about ("No chart support is installed…" when loading
 * a summary, which always has charts). Submissions are filled by code; one is changed between the two runs
 * (a budget line's amount and one new task) and 变更 must show exactly that change.
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { Workbook } from '@cj-tech-master/excelts';
import { main } from '../../src/cli/main';
import { readSheetsFast } from '../../src/hosts/xlsx/fastGrid';
import { readPreviousSummaryFile } from '../../src/hosts/xlsx/fastRead';
import { fixtureCatalog, fixtureSettings, generated, goodFill } from '../helpers/committeeFixtures';
import { fillWorkbook } from '../helpers/fillWorkbook';
import { hasLibreOffice, libreofficeConvert } from '../helpers/libreoffice';
import { zipParts } from '../helpers/zipParts';

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, '../..');
const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const dir = mkdtempSync(join(tmpdir(), 'pb-previous-'));
const inbox = join(dir, 'inbox');

/**
 * The CLI as installed (compiled by tsc, as `npm install` builds dist/node for bin/plan-budget.js),
 * in a new Node process per run. Compiled to its own folder so that it never races bin.test.ts's
 * build of dist/node. An uncaught error exits 3 with its stack.
 */
const BUILD = join(ROOT, 'dist/test-consolidate-previous');
const LAUNCH = `require(${JSON.stringify(join(BUILD, 'cli/main.js'))}).main(process.argv.slice(1)).then(
  (c) => { process.exitCode = c; },
  (e) => { console.error(e && e.stack ? e.stack : String(e)); process.exitCode = 3; });`;
afterAll(() => {
  if (!process.env.KEEP) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(BUILD, { recursive: true, force: true });
  } else console.log(dir);
});
function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', LAUNCH, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** In process (for the refusals: they need no second consolidation). */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false }, cwd: dir });
  return { code, stdout, stderr };
}

const C4 = '人才与宣传工作专委会';
const c4 = goodFill(catalog, 'c4');
const t001 = c4.confirmed.find((c) => c.code === 'T001')!;
const NEW_AMOUNT = 3.25; // T001's only budget line, before: t001.amount
const NEW_TASK = { code: 'T090', name: '新闻写作培训班', amount: 2, point: 16 };

/** 变更's three tables: task rows, point rows, committee rows (empty rows separate them). */
function changesTables(rows: unknown[][]): { tasks: unknown[][]; points: unknown[][]; committees: unknown[][] } {
  const empty = (r: unknown[] | undefined) => !r || r.every((v) => v === null || v === '');
  const after = (from: number) => {
    const out: unknown[][] = [];
    for (let i = from; i < rows.length && !empty(rows[i]); i++) out.push(rows[i]);
    return out;
  };
  const pointsHead = rows.findIndex((r) => r?.[0] === '要点');
  const committeesHead = rows.findIndex((r) => r?.[0] === '专委会');
  expect(rows[2]?.[0]).toBe('变化');
  return { tasks: after(3), points: after(pointsHead + 1), committees: after(committeesHead + 1) };
}

let first: ReturnType<typeof cli>;
let second: ReturnType<typeof cli>;

beforeAll(async () => {
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.node.json'), '--outDir', BUILD], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    /* type errors elsewhere still emit */
  }
  if (!existsSync(join(BUILD, 'cli/main.js'))) throw new Error(`${BUILD}/cli/main.js was not built`);
  mkdirSync(inbox, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ organisation: '江苏省老科协', region: '江苏省', year: 2023, ceilings: { c1: 10, c2: 30, c3: 30, c4: 30, c5: 30, c6: 30, c7: 30 } }));
  for (const [name, cid] of [['决策咨询.xlsx', 'c2'], ['组织建设.xlsx', 'c7']] as const) writeFileSync(join(inbox, name), await fillWorkbook(await generated(catalog, settings, cid), goodFill(catalog, cid).input));
  const c4bytes = await generated(catalog, settings, 'c4');
  writeFileSync(join(inbox, '人才宣传.xlsx'), await fillWorkbook(c4bytes, c4.input));
  first = cli(['consolidate', 'inbox', '-o', '汇总1.xlsx', '--settings', 'settings.json']);
  // The clerk changes the workbook: T001's budget line gets another amount, and one task is added with its line.
  const changed = goodFill(catalog, 'c4');
  const line = changed.input.budget!.find((b) => b.taskCode === 'T001')!;
  Object.assign(line, { unitPrice: NEW_AMOUNT, quantity: 1, times: 1, amount: NEW_AMOUNT, basis: `${NEW_AMOUNT}万元×1×1` });
  changed.input.tasks!.push({ code: NEW_TASK.code, point: '16 提升宣传工作水平', name: NEW_TASK.name, content: '开展新闻写作培训', committee: C4, owner: '李四', start: '2023-05-01', end: '2023-06-30', kpi: '培训 50 人', draft: null });
  changed.input.budget!.push({ taskCode: NEW_TASK.code, expenseCategory: '培训费', fundingSource: '财政拨款', unitPrice: 1, quantity: 2, times: 1, amount: NEW_TASK.amount, basis: '1万元×2×1' });
  changed.input.milestones!.push({ taskCode: NEW_TASK.code, date: '2023-06-30', deliverableType: '活动', deliverable: '完成培训' });
  writeFileSync(join(inbox, '人才宣传.xlsx'), await fillWorkbook(c4bytes, changed.input));
  second = cli(['consolidate', 'inbox', '-o', '汇总2.xlsx', '--previous', '汇总1.xlsx', '--settings', 'settings.json']);
});

test('the first summary has charts and its _summary reads back through the fast path', async () => {
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  const bytes = new Uint8Array(readFileSync(join(dir, '汇总1.xlsx')));
  expect([...zipParts(bytes).keys()].some((k) => k.startsWith('xl/charts/chart'))).toBe(true);
  const r = await readPreviousSummaryFile(bytes);
  expect(r.via).toBe('fast');
  const c4tasks = r.previous!.tasks.filter((t) => t.committeeId === 'c4');
  expect(c4tasks.map((t) => t.code).sort()).toEqual(c4.confirmed.map((c) => c.code).sort());
  expect(c4tasks.find((t) => t.code === 'T001')!.budget).toBeCloseTo(t001.amount, 6);
  expect(r.previous!.budgetByCommittee.c4).toBeCloseTo(c4.total, 6);
});

test('consolidate --previous in a fresh process: 变更 shows exactly the one changed amount and the one added task', async () => {
  expect(second.stderr).toBe('');
  expect(second.code).toBe(0);
  expect(second.stdout).toContain('与上次汇总相比：新增 1 项，删除 0 项，修改 1 项任务。');
  const wb = await readSheetsFast(new Uint8Array(readFileSync(join(dir, '汇总2.xlsx'))), ['变更']);
  const { tasks, points, committees } = changesTables(wb!.sheets[0].rows);
  expect(tasks.map((r) => r.slice(0, 7))).toEqual([
    ['新增', C4, NEW_TASK.code, NEW_TASK.name, '', 0, NEW_TASK.amount],
    ['修改', C4, 'T001', expect.any(String), `预算：${t001.amount} → ${NEW_AMOUNT}`, t001.amount, NEW_AMOUNT],
  ]);
  // Budget deltas (after − before), computed here from what was filled in: only c4, only the two points.
  const delta = (r: unknown[]) => (r[2] as number) - (r[1] as number);
  const pointDelta = new Map<number, number>([[t001.point, NEW_AMOUNT - t001.amount]]);
  pointDelta.set(NEW_TASK.point, (pointDelta.get(NEW_TASK.point) ?? 0) + NEW_TASK.amount);
  expect(points.length).toBeGreaterThan(2);
  for (const r of points) expect(delta(r)).toBeCloseTo(pointDelta.get(r[0] as number) ?? 0, 6);
  expect(committees.length).toBe(catalog.committees.length);
  for (const r of committees) expect(delta(r)).toBeCloseTo(r[0] === C4 ? NEW_AMOUNT - t001.amount + NEW_TASK.amount : 0, 6);
  expect(committees.find((r) => r[0] === C4)![1]).toBeCloseTo(c4.total, 6);
});

/** Info-ZIP's zip, to repack a summary as zip64 (the fast reader does not read zip64: the excelts fallback must). */
const hasZip = spawnSync('zip', ['-v'], { encoding: 'utf8' }).status === 0;
(hasZip ? test : test.skip)('a summary the fast reader gives up on (repacked as zip64) is read through excelts with chart support', async () => {
  const unpacked = join(dir, 'unpacked');
  mkdirSync(unpacked, { recursive: true });
  execFileSync('unzip', ['-q', '-o', join(dir, '汇总1.xlsx'), '-d', unpacked]);
  execFileSync('zip', ['-q', '-fz', '-X', '-r', join(dir, '汇总-zip64.xlsx'), '.'], { cwd: unpacked });
  const bytes = new Uint8Array(readFileSync(join(dir, '汇总-zip64.xlsx')));
  expect(await readSheetsFast(bytes, ['_summary'])).toBeNull();
  const viaExcelts = await readPreviousSummaryFile(bytes);
  expect(viaExcelts.via).toBe('excelts');
  expect(viaExcelts.previous).toEqual((await readPreviousSummaryFile(new Uint8Array(readFileSync(join(dir, '汇总1.xlsx'))))).previous);
  // The compiled CLI in a fresh process: excelts alone would refuse the summary's charts.
  const r = cli(['consolidate', 'inbox', '-o', '汇总4.xlsx', '--previous', '汇总-zip64.xlsx', '--settings', 'settings.json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const changes = async (f: string) => (await readSheetsFast(new Uint8Array(readFileSync(join(dir, f))), ['变更']))!.sheets[0].rows.slice(1);
  expect(await changes('汇总4.xlsx')).toEqual(await changes('汇总2.xlsx'));
});

const lo = hasLibreOffice() ? test : test.skip;
lo('a summary opened and saved again in LibreOffice still serves as --previous', async () => {
  const [resaved] = await libreofficeConvert([join(dir, '汇总1.xlsx')], { outDir: join(dir, 'lo') });
  const r = cli(['consolidate', 'inbox', '-o', '汇总3.xlsx', '--previous', resaved, '--settings', 'settings.json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('与上次汇总相比：新增 1 项，删除 0 项，修改 1 项任务。');
});

describe('a --previous file that is not a summary of ours: one zh/en line naming it, exit 2, no summary written', () => {
  const refuse = async (file: string, expected: RegExp, lang: 'zh' | 'en' = 'zh') => {
    const out = join(dir, `拒绝-${lang}.xlsx`);
    const r = await run(['consolidate', 'inbox', '-o', out, '--previous', file, '--settings', 'settings.json', ...(lang === 'en' ? ['--lang', 'en'] : [])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).toContain(file);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  };

  test('a committee plan workbook', async () => {
    await refuse('inbox/决策咨询.xlsx', /“inbox\/决策咨询\.xlsx”是专委会的计划工作簿，不是汇总表。未生成汇总表。/);
    await refuse('inbox/决策咨询.xlsx', /"inbox\/决策咨询\.xlsx" is a committee's plan workbook, not a summary\. No summary was written\./, 'en');
  });

  test('a workbook of someone else (no _summary sheet)', async () => {
    const wb: any = new Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '2023年预算';
    writeFileSync(join(dir, '别人的汇总.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));
    await refuse('别人的汇总.xlsx', /“别人的汇总\.xlsx”不是本系统生成的汇总表（没有隐藏的 _summary 表）。未生成汇总表。/);
  });

  test('a summary cut off in transfer', async () => {
    const bytes = readFileSync(join(dir, '汇总1.xlsx'));
    writeFileSync(join(dir, '汇总-截断.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await refuse('汇总-截断.xlsx', /无法读取上次汇总“汇总-截断\.xlsx”：文件已损坏或不完整。未生成汇总表。/);
    await refuse('汇总-截断.xlsx', /Cannot read the previous summary "汇总-截断\.xlsx": the file is damaged or incomplete\./, 'en');
  });

  test('a text file named .xlsx, and a file that is not there', async () => {
    writeFileSync(join(dir, '汇总.csv.xlsx'), '任务,预算\n培训,3\n');
    await refuse('汇总.csv.xlsx', /上次汇总“汇总\.csv\.xlsx”不是 \.xlsx 工作簿。未生成汇总表。/);
    await refuse('没有这个文件.xlsx', /无法读取上次汇总“没有这个文件\.xlsx”：.*ENOENT/);
  });
});
