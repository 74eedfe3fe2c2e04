/**
 * Issue 14, isolation: every input file of the CLI is read in a reader process with a memory and a
 * time limit (src/cli/readerPool.ts). A file whose reader is killed by the memory limit (a sheet
 * that inflates to 100 MB, read with 48 MB) or the time limit (1 s for a 200 MB sheet) becomes a refusal naming the
 * limit and its value; consolidate writes the summary with the other files exactly as without it;
 * validate and feedback on such a file exit cleanly with the message. Kept to seconds: the crafted
 * file is a few hundred KB of zip.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../helpers/committeeFixtures';
import { SAME_CELL_ROW, zipBomb } from '../helpers/hostileFiles';
import { ReaderPool } from '../../src/cli/readerPool';

jest.setTimeout(180_000);

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const dir = mkdtempSync(join(tmpdir(), 'pb-isolation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const VALID = ['c1', 'c3', 'c4'];
/** The reading limits raised so that the big sheet is inflated and parsed: only memory or time stop it. */
const OPEN = { partBytes: 2 ** 30, totalBytes: 2 ** 31, compressionRatio: 1e7 };

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false }, cwd: dir });
  return { code, stdout, stderr };
}

const settingsFile = (name: string, limits: Record<string, number>) =>
  writeFileSync(join(dir, name), JSON.stringify({ organisation: '江苏省老科协', region: '江苏省', year: 2023, limits: { ...OPEN, ...limits } }));

beforeAll(async () => {
  mkdirSync(join(dir, 'inbox'));
  for (const cid of VALID) writeFileSync(join(dir, 'inbox', `${cid}.xlsx`), (await goodWorkbook(catalog, settings, cid)).bytes);
  const good = (await goodWorkbook(catalog, settings, 'c2')).bytes;
  // the same cell again and again: 100 MB of sheet from a small zip (the memory case), 200 MB (the time case)
  writeFileSync(join(dir, 'big.xlsx'), zipBomb(good, '任务表', 100e6, { chunk: SAME_CELL_ROW }));
  writeFileSync(join(dir, 'slow.xlsx'), zipBomb(good, '任务表', 200e6, { chunk: SAME_CELL_ROW }));
  settingsFile('mem.json', { readerMemoryMB: 48 });
  // memory to spare: only the time limit stops it
  settingsFile('time.json', { fileSeconds: 1, readerMemoryMB: 2048 });
  settingsFile('open.json', {});
});

test('consolidate: the file whose reader passes the memory limit is refused naming it; the others are consolidated as without it', async () => {
  const alone = await run(['consolidate', 'inbox', '-o', 'alone.xlsx', '--settings', 'open.json']);
  expect(alone.code).toBe(0);
  copyFileSync(join(dir, 'big.xlsx'), join(dir, 'inbox', 'big.xlsx'));
  try {
    const r = await run(['consolidate', 'inbox', '-o', 'mem.xlsx', '--settings', 'mem.json']);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'mem.xlsx'))).toBe(true);
    expect(r.stdout).toContain('big.xlsx');
    expect(r.stdout).toContain('超出读取上限“读取内存”：上限 48 MB');
    // the valid files as without the bad one: same committees, tasks, lines and total
    const counted = (s: string) => [/计入 \d+ 个专委会/.exec(s)?.[0], /任务 .*合计 [^。]*/.exec(s)?.[0]];
    expect(r.stdout).toContain('拒收 1 个');
    expect(counted(r.stdout)).toEqual(counted(alone.stdout));
    expect(counted(alone.stdout)[0]).toBe(`计入 ${VALID.length} 个专委会`);
    expect(r.stderr).not.toMatch(/FATAL|heap out of memory|at .*\.ts:\d+/);
  } finally {
    rmSync(join(dir, 'inbox', 'big.xlsx'));
  }
});

test('consolidate: the file past the time limit is refused naming it; the others are consolidated', async () => {
  copyFileSync(join(dir, 'slow.xlsx'), join(dir, 'inbox', 'slow.xlsx'));
  try {
    const t = performance.now();
    const r = await run(['consolidate', 'inbox', '-o', 'time.xlsx', '--settings', 'time.json']);
    expect(performance.now() - t).toBeLessThan(60_000);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'time.xlsx'))).toBe(true);
    expect(r.stdout).toContain('超出读取上限“读取时间”：上限 1 秒');
    expect(r.stdout).toContain('拒收 1 个');
    expect(r.stdout).toContain(`计入 ${VALID.length} 个专委会`);
  } finally {
    rmSync(join(dir, 'inbox', 'slow.xlsx'));
  }
});

test('validate on such files: each refused with the limit, the valid one checked, a clean exit', async () => {
  const r = await run(['validate', 'big.xlsx', 'inbox/c1.xlsx', '--settings', 'mem.json']);
  expect(r.stdout).toContain('big.xlsx');
  expect(r.stdout).toContain('超出读取上限“读取内存”：上限 48 MB');
  expect(r.stdout).toContain('c1.xlsx');
  expect(r.stderr).not.toMatch(/FATAL|heap out of memory/);
  expect(r.code).toBe(1);
  const s = await run(['validate', 'slow.xlsx', '--settings', 'time.json']);
  expect(s.stdout).toContain('超出读取上限“读取时间”：上限 1 秒');
  expect(s.code).toBe(1);
});

test('feedback on such a file: the message, exit 1, no copy written', async () => {
  const r = await run(['feedback', 'big.xlsx', '-o', 'fb.xlsx', '--settings', 'mem.json']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('超出读取上限“读取内存”：上限 48 MB');
  expect(existsSync(join(dir, 'fb.xlsx'))).toBe(false);
  const s = await run(['feedback', 'slow.xlsx', '-o', 'fb.xlsx', '--settings', 'time.json']);
  expect(s.code).toBe(1);
  expect(s.stderr).toContain('超出读取上限“读取时间”：上限 1 秒');
});

test('the pool goes on after a reader is killed: a new reader reads the next files', async () => {
  const s = { ...settings, limits: { ...OPEN, readerMemoryMB: 48 } };
  const pool = new ReaderPool(catalog, s, { size: 1, kind: 'validate' });
  try {
    const a = await pool.run({ kind: 'validate', path: join(dir, 'big.xlsx') });
    const b = await pool.run({ kind: 'validate', path: join(dir, 'inbox', 'c1.xlsx') });
    expect(a).toEqual({ ok: false, failure: { limit: 'readerMemoryMB', max: 48 } });
    expect(b.ok && !b.value.refused).toBe(true);
  } finally {
    await pool.close();
  }
});

test('a reader holds the next file while it reads one: when it is killed, that file goes to a new reader and is read', async () => {
  // One reader, all files at once: it is sent a second file while it reads the first (the pool's
  // prefetch); the files queued behind a killed one are read by its successor, each with the limit
  // counted from its own start.
  const files = ['inbox/c1.xlsx', 'big.xlsx', 'inbox/c3.xlsx', 'inbox/c4.xlsx', 'big.xlsx', 'inbox/c1.xlsx'];
  const mem = { ...settings, limits: { ...OPEN, readerMemoryMB: 48 } };
  const pool = new ReaderPool(catalog, mem, { size: 1, kind: 'validate' });
  try {
    const out = await Promise.all(files.map((f) => pool.run({ kind: 'validate', path: join(dir, f) })));
    expect(out.map((o) => (o.ok ? (o.value.refused ? 'refused' : 'read') : 'limit' in o.failure ? o.failure.limit : o.failure.error))).toEqual(['read', 'readerMemoryMB', 'read', 'read', 'readerMemoryMB', 'read']);
  } finally {
    await pool.close();
  }
  const time = { ...settings, limits: { ...OPEN, fileSeconds: 1, readerMemoryMB: 2048 } };
  const pool2 = new ReaderPool(catalog, time, { size: 1, kind: 'validate' });
  try {
    const out = await Promise.all(['inbox/c1.xlsx', 'slow.xlsx', 'inbox/c3.xlsx', 'inbox/c4.xlsx'].map((f) => pool2.run({ kind: 'validate', path: join(dir, f) })));
    expect(out.map((o) => (o.ok ? 'read' : 'limit' in o.failure ? o.failure.limit : o.failure.error))).toEqual(['read', 'fileSeconds', 'read', 'read']);
  } finally {
    await pool2.close();
  }
});
