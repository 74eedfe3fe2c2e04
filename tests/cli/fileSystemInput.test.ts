/**
 * The file system is input too (issue 14.5, 14.6): a folder of submissions with a FIFO, a link to
 * /dev/zero, dangling and looping links and junk files is read without hanging; only regular .xlsx
 * files are read, the rest listed once; outputs never overwrite an input and are written atomically
 * (kill -9 during a write leaves the earlier good file at the target).
 */
import { execFileSync, spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { main } from '../../src/cli/main';
import { collectInputs, readInputFile, writeFileAtomic, InputFileError, makeFolder } from '../../src/cli/files';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../helpers/committeeFixtures';

jest.setTimeout(180_000);
const ROOT = resolve(__dirname, '../..');
const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const dir = mkdtempSync(join(tmpdir(), 'pb-fs-'));
const inbox = join(dir, 'inbox');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false, columns: 100 }, cwd: dir });
  return { code, stdout, stderr };
}
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

beforeAll(async () => {
  mkdirSync(inbox, { recursive: true });
  for (const cid of ['c1', 'c2']) {
    const { bytes } = await goodWorkbook(catalog, settings, cid);
    writeFileSync(join(inbox, `2023年工作计划-${cid}.xlsx`), bytes);
  }
  execFileSync('mkfifo', [join(inbox, 'pipe.xlsx')]);
  symlinkSync('/dev/zero', join(inbox, 'zero.xlsx'));
  symlinkSync(join(inbox, 'gone.xlsx'), join(inbox, 'dangling.xlsx'));
  symlinkSync(join(inbox, 'loop-b.xlsx'), join(inbox, 'loop-a.xlsx'));
  symlinkSync(join(inbox, 'loop-a.xlsx'), join(inbox, 'loop-b.xlsx'));
  for (let i = 0; i < 30; i++) writeFileSync(join(inbox, `note-${i}.txt`), 'x');
  writeFileSync(join(inbox, 'Thumbs.db'), Buffer.alloc(100));
  writeFileSync(join(inbox, 'scan.pdf'), '%PDF-1.4');
  writeFileSync(join(inbox, '~$2023年工作计划-c1.xlsx'), 'lock');
  mkdirSync(join(inbox, 'old'));
});

test('collectInputs: only regular .xlsx files are read; the rest is ignored once or skipped with the reason', () => {
  const got = collectInputs([inbox]);
  expect(got.files.map((f) => f.slice(inbox.length + 1))).toEqual(['2023年工作计划-c1.xlsx', '2023年工作计划-c2.xlsx']);
  expect(got.ignored).toHaveLength(32);
  const skipped = Object.fromEntries(got.skipped.map((s) => [s.path.slice(inbox.length + 1), s.reason]));
  expect(skipped).toEqual({ 'dangling.xlsx': 'dangling', 'loop-a.xlsx': 'loop', 'loop-b.xlsx': 'loop', 'pipe.xlsx': 'fifo', 'zero.xlsx': 'device' });
});

test('readInputFile never blocks on a FIFO or reads a device, and checks the size before reading', () => {
  const t0 = Date.now();
  expect(() => readInputFile(join(inbox, 'pipe.xlsx'))).toThrow(InputFileError);
  expect(() => readInputFile(join(inbox, 'zero.xlsx'))).toThrow(/notRegular/);
  expect(Date.now() - t0).toBeLessThan(2000);
  try {
    readInputFile(join(inbox, '2023年工作计划-c1.xlsx'), 1000);
    throw new Error('not refused');
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    expect((e as InputFileError).kind).toBe('tooLarge');
    expect((e as InputFileError).detail.limit).toBe(1000);
  }
});

test('validate on the folder: two files checked, no hang, junk listed once, odd entries skipped with the reason', async () => {
  const r = await run(['validate', inbox]);
  expect(r.stdout).toContain('已忽略 32 个不是 .xlsx 的文件');
  expect(r.stdout.match(/已忽略/g)).toHaveLength(1);
  expect(r.stdout).toMatch(/已跳过 .*pipe\.xlsx：是命名管道/);
  expect(r.stdout).toMatch(/已跳过 .*zero\.xlsx：是设备/);
  expect(r.stdout).toMatch(/已跳过 .*dangling\.xlsx：是指向不存在文件的链接/);
  expect(r.stdout).toContain('2023年工作计划-c1.xlsx');
  expect(r.stdout).toContain('2023年工作计划-c2.xlsx');
  expect(r.stdout).toMatch(/共 2 个文件|2 个文件/);
});

test('consolidate on the folder writes the summary of the two readable files; no refusal for junk', async () => {
  const out = join(dir, '汇总.xlsx');
  const r = await run(['consolidate', inbox, '-o', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(existsSync(out)).toBe(true);
  expect(r.stdout).not.toContain('已拒收');
  expect(r.stdout).toContain('已忽略 32 个');
});

test('consolidate -o onto a submission in the input folder is refused before any work; the submission is untouched', async () => {
  const target = join(inbox, '2023年工作计划-c2.xlsx');
  const before = sha(target);
  const r = await run(['consolidate', inbox, '-o', target]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('是要汇总的文件之一');
  expect(sha(target)).toBe(before);
});

test('consolidate -o onto last round\'s summary in the input folder replaces it (a summary is not a submission)', async () => {
  const out = join(inbox, '汇总.xlsx');
  expect((await run(['consolidate', inbox, '-o', out])).code).toBe(0);
  const again = await run(['consolidate', inbox, '-o', out]);
  expect(again.code).toBe(0);
  expect(again.stdout).not.toContain('已拒收');
  rmSync(out);
});

test('feedback X -o X is refused; the submission is untouched', async () => {
  const target = join(inbox, '2023年工作计划-c1.xlsx');
  const before = sha(target);
  const r = await run(['feedback', target, '-o', target]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('不能写到原文件');
  expect(sha(target)).toBe(before);
});

test('outputs that cannot be written: one line, exit 2, before the work', async () => {
  const missing = await run(['consolidate', inbox, '-o', join(dir, 'no-such-folder', 'x.xlsx')]);
  expect(missing.code).toBe(2);
  expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  const isDir = await run(['consolidate', inbox, '-o', join(inbox, 'old')]);
  expect(isDir.code).toBe(2);
  expect(isDir.stderr).toContain('这是一个文件夹');
  const t0 = Date.now();
  const proc = await run(['generate', '--all', '-o', '/proc/pb-nope']);
  expect(proc.code).toBe(2);
  expect(Date.now() - t0).toBeLessThan(10_000);
});

test('a 50 MB outline given as --catalog is refused at once, naming the limit', async () => {
  const big = join(dir, 'big.txt');
  writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x41));
  const t0 = Date.now();
  const r = await run(['--catalog', big, 'catalog', 'show']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('超过上限 5.0 MB');
  expect(Date.now() - t0).toBeLessThan(5000);
  rmSync(big);
});

test('makeFolder creates missing parents; a file in the way is ENOTDIR', () => {
  makeFolder(join(dir, 'a', 'b', 'c'));
  expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
  writeFileSync(join(dir, 'f'), 'x');
  expect(() => makeFolder(join(dir, 'f', 'g'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
});

test('writeFileAtomic: the target is either the old or the new file, never half of one (kill -9 during writes)', async () => {
  const target = join(dir, 'atomic.bin');
  const old = Buffer.alloc(4 * 1024 * 1024, 1);
  writeFileAtomic(target, old);
  const oldHash = sha(target);
  // A child writes 64 MB files over and over through writeFileAtomic; it is killed mid-way.
  const script = `
    require('tsx/cjs/api').register();
    const { writeFileAtomic } = require(${JSON.stringify(join(ROOT, 'src/cli/files.ts'))});
    const big = Buffer.alloc(64 * 1024 * 1024, 2);
    process.stdout.write('go\\n');
    for (;;) writeFileAtomic(${JSON.stringify(target)}, big);
  `;
  const newHash = createHash('sha256').update(Buffer.alloc(64 * 1024 * 1024, 2)).digest('hex');
  for (let k = 0; k < 3; k++) {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((res) => child.stdout.once('data', () => res()));
    await new Promise((res) => setTimeout(res, 150 + 170 * k));
    child.kill('SIGKILL');
    await new Promise((res) => child.once('exit', res));
    expect([oldHash, newHash]).toContain(sha(target));
  }
  // An interrupted write may leave its hidden temporary file, never a broken target.
  const leftovers = readdirSync(dir).filter((n) => n.startsWith('.atomic.bin.'));
  for (const l of leftovers) rmSync(join(dir, l));
  // The real CLI, killed while it writes a summary over an earlier good one.
  const out = join(dir, 'kill-汇总.xlsx');
  expect((await run(['consolidate', inbox, '-o', out])).code).toBe(0);
  const good = sha(out);
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.node.json')], { cwd: ROOT, stdio: 'pipe' });
  for (const delay of [300, 900]) {
    const child = spawn(process.execPath, [join(ROOT, 'bin/plan-budget.js'), 'consolidate', inbox, '-o', out], { stdio: 'ignore' });
    await new Promise((res) => setTimeout(res, delay));
    child.kill('SIGKILL');
    await new Promise((res) => child.once('exit', res));
    const h = sha(out);
    // either the old summary or a complete new one (which differs only by its time stamp): a valid zip either way
    if (h !== good) expect(spawnSync('unzip', ['-tq', out]).status).toBe(0);
  }
});
