/** The plan-budget CLI, run through main() with captured output. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { main } from '../../src/cli/main';
import { fixtureCatalog, fixtureSettings, goodWorkbook, generated } from '../helpers/committeeFixtures';
import { fillWorkbook } from '../helpers/fillWorkbook';

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], opts: { tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false, columns: 100 },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);

test('--help speaks Chinese first, English with --lang en', async () => {
  const zh = await run(['--help']);
  expect(zh.code).toBe(0);
  expect(zh.stdout).toContain('用法：plan-budget <命令>');
  for (const c of ['generate', 'validate', 'catalog']) expect(zh.stdout).toContain(c);
  const en = await run(['--help', '--lang', 'en']);
  expect(en.stdout).toContain('Usage: plan-budget <command>');
  const gen = await run(['generate', '--help']);
  expect(gen.code).toBe(0);
  expect(gen.stdout).toContain('2023年工作计划-<专委会>.xlsx');
  const h = await run(['help', 'validate', '--lang', 'en']);
  expect(h.code).toBe(0);
  expect(h.stdout).toContain('Exit code 1 when there is any error');
});

test('usage errors exit 2 with a message', async () => {
  expect((await run([])).code).toBe(2);
  const u = await run(['frobnicate']);
  expect(u.code).toBe(2);
  expect(u.stderr).toContain('未知命令“frobnicate”');
  const o = await run(['generate', '--bogus']);
  expect(o.code).toBe(2);
  expect(o.stderr).toContain('未知选项“--bogus”');
  expect((await run(['validate', '--lang', 'fr', 'x.xlsx'])).code).toBe(2);
  const m = await run(['generate', '-o']);
  expect(m.stderr).toContain('需要一个值');
});

test('generate refuses without a region when the outline has “**”: nothing invented, nothing written', async () => {
  const r = await run(['generate', '--all', '-o', 'noregion']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('工作要点中有“**”（地区）占位，但没有设置地区');
  expect(r.stderr).toContain('--region');
  expect(existsSync(join(dir, 'noregion')) ? readdirSync(join(dir, 'noregion')) : []).toEqual([]);
  // An outline without the placeholder needs no region.
  writeFileSync(join(dir, 'plain.txt'), '2023年工作要点\n一、决策咨询\n1. 开展课题研究。（决策咨询专委会）\n');
  const plain = await run(['generate', '--all', '--catalog', 'plain.txt', '-o', 'plainout']);
  expect(plain.stderr).toBe('');
  expect(plain.code).toBe(0);
});

test('generate --all writes seven workbooks named by committee; --committee writes one', async () => {
  const r = await run(['generate', '--all', '--region', '江苏省', '-o', 'all']);
  expect(r.code).toBe(0);
  expect(readdirSync(join(dir, 'all')).sort()).toEqual(catalog.committees.map((c) => `2023年工作计划-${c.name}.xlsx`).sort());
  expect(r.stdout).toContain('已生成 7 个工作簿');
  const one = await run(['generate', '--committee', '决策咨询专委会', '--region', '江苏省', '-o', 'one']);
  expect(one.code).toBe(0);
  expect(readdirSync(join(dir, 'one'))).toEqual(['2023年工作计划-决策咨询专委会.xlsx']);
  const bad = await run(['generate', '--committee', '不存在专委会', '--region', '江苏省', '-o', 'x']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('找不到专委会“不存在专委会”');
});

test('a progress bar is drawn on stderr only when it is a TTY', async () => {
  const tty = await run(['generate', '--all', '--region', '江苏省', '-o', 'tty'], { tty: true });
  expect(tty.stderr).toContain('7/7');
  const plain = await run(['generate', '--all', '--region', '江苏省', '-o', 'plain']);
  expect(plain.stderr).toBe('');
});

test('--settings from the example YAML: region, deadline and ceilings reach the workbook and the checks', async () => {
  const example = join(ROOT, 'examples/settings.yaml');
  const r = await run(['generate', '--committee', 'c2', '--settings', example, '-o', 'set']);
  expect(r.code).toBe(0);
  const g = await run(['validate', join(dir, 'set', '2023年工作计划-决策咨询专委会.xlsx'), '--settings', example, '--json']);
  const json = JSON.parse(g.stdout);
  expect(json.files[0].findings.every((f: { severity: string }) => f.severity !== 'error')).toBe(true);
  // a budget over the example's ceiling (决策咨询专委会: 30)
  const { bytes } = await goodWorkbook(catalog, settings, 'c2');
  const over = await fillWorkbook(bytes, { budget: [{ taskCode: 'T001', expenseCategory: '会议费', fundingSource: '财政拨款', amount: 40 }] });
  writeFileSync(join(dir, 'over.xlsx'), over);
  const v = await run(['validate', 'over.xlsx', '--settings', example]);
  expect(v.code).toBe(1);
  expect(v.stdout).toContain('超过控制数 30万元');
});

test('bad settings files are explained', async () => {
  writeFileSync(join(dir, 'bad.yaml'), 'year: 二〇二三\nbudgetUnit: 美元\n');
  const r = await run(['generate', '--settings', 'bad.yaml', '-o', 'x']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('设置文件“bad.yaml”有误');
  writeFileSync(join(dir, 'bad2.json'), '{"ceilings": {"不存在的专委会": 5}}');
  expect((await run(['generate', '--settings', 'bad2.json', '-o', 'x'])).stderr).toContain('不存在的专委会');
  expect((await run(['generate', '--settings', 'nope.yaml', '-o', 'x'])).stderr).toContain('无法读取设置文件');
});

test('validate: clean file exits 0, a file with errors exits 1 with a readable table, --json, refusals', async () => {
  const { bytes } = await goodWorkbook(catalog, settings, 'c5');
  writeFileSync(join(dir, 'good.xlsx'), bytes);
  const ok = await run(['validate', 'good.xlsx', '--settings', join(ROOT, 'examples/settings.yaml')]);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain('✓ good.xlsx：没有问题');
  const bad = await fillWorkbook(await generated(catalog, settings, 'c2'), { tasks: [{ code: 'T001', owner: '张三', start: '2023-05-01', end: '2023-04-01', draft: null }] });
  writeFileSync(join(dir, 'bad.xlsx'), bad);
  writeFileSync(join(dir, 'table.csv'), '任务编号,要点\nT001,4\n');
  const r = await run(['validate', 'bad.xlsx', 'table.csv']);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('任务表!I5');
  expect(r.stdout).toContain('完成日期 2023-04-01 早于开始日期 2023-05-01');
  expect(r.stdout).toContain('✗ table.csv：无法读取');
  expect(r.stdout).toContain('文本/CSV');
  const en = await run(['validate', 'bad.xlsx', '--lang', 'en']);
  expect(en.stdout).toContain('End date 2023-04-01 is before start date 2023-05-01');
  const j = await run(['validate', 'bad.xlsx', 'table.csv', '--json']);
  expect(j.code).toBe(1);
  const json = JSON.parse(j.stdout);
  expect(json.files.map((f: { file: string; refused: boolean }) => [f.file, f.refused])).toEqual([['bad.xlsx', false], ['table.csv', true]]);
  expect(json.errors).toBeGreaterThanOrEqual(2);
  const folder = await run(['validate', 'all']); // the seven generated workbooks: drafts only, no errors
  expect(folder.code).toBe(0);
  expect(folder.stdout).toContain('共 7 个文件：0 个错误');
  const missing = await run(['validate', 'no-such.xlsx']);
  expect(missing.code).toBe(1);
  expect(missing.stdout).toContain('ENOENT');
});

test('validate --fix writes a copy with only the rewrites that change how a value is written, lists them, checks the copy again', async () => {
  const { bytes, fill } = await goodWorkbook(catalog, settings, 'c5');
  const first = fill.confirmed[0];
  // A date typed as text, an amount with 元 and full-width digits, and a missing point (a choice: never applied in bulk).
  const typed = await fillWorkbook(bytes, {
    tasks: [{ code: first.code, start: '2023年3月1日', point: null, $textDates: true }],
    budget: [{ $row: 4, amount: '１２０００元' }],
  });
  mkdirSync(join(dir, 'typed'), { recursive: true });
  writeFileSync(join(dir, 'typed', 'typed.xlsx'), typed);
  const same = await run(['validate', 'typed', '--fix', 'typed']);
  expect(same.code).toBe(2);
  expect(same.stderr).toContain('原文件不会被覆盖');
  const r = await run(['validate', 'typed/typed.xlsx', '--fix', 'fixed']);
  expect(r.stdout).toMatch(/修正副本 .*fixed\/typed\.xlsx：2 处改写/);
  expect(r.stdout).toContain('：「2023年3月1日」→「2023-03-01」');
  expect(r.stdout).toContain('：「１２０００元」→「1.2」');
  // The original is untouched and still has its findings; the copy lost exactly the rewritten ones.
  expect(Buffer.compare(readFileSync(join(dir, 'typed', 'typed.xlsx')), Buffer.from(typed))).toBe(0);
  const again = JSON.parse((await run(['validate', 'fixed/typed.xlsx', '--json'])).stdout);
  const codes = again.files[0].findings.map((f: { code: string }) => f.code);
  expect(codes).not.toContain('date.reformatted');
  expect(codes).not.toContain('amount.converted');
  expect(codes).toContain('task.point.missing');
  const before = JSON.parse((await run(['validate', 'typed/typed.xlsx', '--json'])).stdout);
  expect(before.files[0].findings.length - again.files[0].findings.length).toBe(2);
  expect(before.files[0].total).toBe(again.files[0].total);
});

test('catalog import writes JSON that generate can use; catalog show lists the points', async () => {
  const show = await run(['catalog', 'show']);
  expect(show.code).toBe(0);
  expect(show.stdout).toContain('17 条要点');
  expect(show.stdout).toContain('15. 提升“老科协奖”和“全国老科技工作者日”影响力 — 人才与宣传工作专委会、组织建设与服务专委会');
  const imp = await run(['catalog', 'import', join(ROOT, 'src/data/plan-outline-2023.txt'), '-o', 'catalog.json']);
  expect(imp.code).toBe(0);
  const c = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8'));
  expect(c.points).toHaveLength(17);
  expect(c.hash).toBe(catalog.hash);
  const g = await run(['generate', '--catalog', 'catalog.json', '--committee', 'c1', '--region', '江苏省', '-o', 'fromjson']);
  expect(g.code).toBe(0);
  expect(existsSync(join(dir, 'fromjson', '2023年工作计划-党委.xlsx'))).toBe(true);
  expect((await run(['catalog'])).code).toBe(2);
});
