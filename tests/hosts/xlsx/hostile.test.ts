/**
 * Issue 14, the named hostile workbooks: each is read (CLI path: zlib, and browser path:
 * DecompressionStream) without a throw, within the limits of memory and time, and gives a clear
 * refusal naming the limit (or a normal read with its finding); mixed into a folder of valid
 * submissions, consolidate writes the summary, counts the valid ones exactly as without the bad ones
 * and refuses the bad ones. A reader process past its memory or time limit refuses its file only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { consolidateFiles } from '../../../src/cli/commands/consolidate';
import { inflateRaw } from '../../../src/cli/inflate';
import { EXCEL_CELL_TEXT } from '../../../src/core/limits';
import { describeFeedbackWorkbook } from '../../../src/core/sheets/feedbackWorkbook';
import { checkSubmission } from '../../../src/core/validate';
import { readWorkbook, renderWorkbook } from '../../../src/hosts/xlsx';
import type { ReadWorkbookResult } from '../../../src/hosts/xlsx';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../../helpers/committeeFixtures';
import { HOSTILE_CASES } from '../../helpers/hostileCases';
import type { HostileCase } from '../../helpers/hostileCases';
import { part, zipParts } from '../../helpers/zipParts';
import { SAME_CELL_ROW, bigMerge, zipBomb } from '../../helpers/hostileFiles';

jest.setTimeout(240_000);

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const dir = mkdtempSync(join(tmpdir(), 'pb-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let good: Uint8Array;
const built = new Map<string, Uint8Array>();
const VALID = ['c1', 'c3', 'c4', 'c6'];
const validFiles: { path: string }[] = [];

beforeAll(async () => {
  good = (await goodWorkbook(catalog, settings, 'c2')).bytes;
  for (const cid of VALID) {
    const p = join(dir, `valid-${cid}.xlsx`);
    writeFileSync(p, (await goodWorkbook(catalog, settings, cid)).bytes);
    validFiles.push({ path: p });
  }
  for (const c of HOSTILE_CASES.filter((x) => !x.slow)) built.set(c.name, await c.build(good, catalog, settings));
});

/** Check a read against the case's expectation. */
function expectOutcome(c: HostileCase, r: ReadWorkbookResult): void {
  if ('refused' in c.expect) {
    expect(r.refusal?.code).toBe(c.expect.refused);
    expect(r.refusal!.message.zh).toMatch(/[\u4e00-\u9fff]/);
    if (c.expect.limit) {
      expect(r.refusal!.message.zh).toContain(`超出读取上限“${c.expect.limit}”`);
      expect(r.refusal!.message.zh).toMatch(/上限 [\d,]+/);
    }
  } else {
    expect(r.refusal).toBeUndefined();
    const { findings } = checkSubmission(r.raw!, catalog, settings);
    expect([...r.raw!.readFindings, ...findings].map((f) => f.code)).toContain(c.expect.finding);
  }
}

describe.each(HOSTILE_CASES.filter((c) => !c.slow).map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('CLI reader (zlib): no throw, clear outcome, under 10 s', async () => {
    const t = performance.now();
    const r = await readWorkbook(built.get(c.name)!, 'bad.xlsx', { inflate: inflateRaw });
    const ms = performance.now() - t;
    expectOutcome(c, r);
    expect(ms).toBeLessThan(10_000);
  });
  test('browser reader (DecompressionStream): same outcome', async () => {
    expectOutcome(c, await readWorkbook(built.get(c.name)!, 'bad.xlsx'));
  });
});

test('1,000,000 task rows: refused by the rows limit, no stack overflow (the limit raised: read in full)', async () => {
  const c = HOSTILE_CASES.find((x) => x.slow)!;
  const bytes = await c.build(good, catalog, settings);
  const r = await readWorkbook(bytes, 'rows.xlsx', { inflate: inflateRaw });
  expectOutcome(c, r);
  // Raised past the million rows: read, no "Maximum call stack size exceeded" (readGrid spread a row per argument).
  const all = await readWorkbook(bytes, 'rows.xlsx', { inflate: inflateRaw, limits: { rows: 1_048_576 } });
  expect(all.refusal).toBeUndefined();
  expect(all.raw!.tasks.length).toBeGreaterThan(1_000_000);
});

/** Totals and task counts of the valid committees in a model. */
function validView(model: Awaited<ReturnType<typeof consolidateFiles>>['model']) {
  return {
    byCommittee: model.byCommittee.filter((c) => VALID.includes(c.committeeId)).map((c) => [c.committeeId, c.budget, c.tasks]),
    tasks: model.tasks.filter((t) => VALID.includes(t.committeeId)).length,
  };
}

test('a folder of valid submissions and every crafted file: the summary is written, the valid ones counted as without the bad ones, each bad one refused naming its limit', async () => {
  const bad: { path: string; c: HostileCase }[] = [];
  for (const c of HOSTILE_CASES.filter((x) => !x.slow && 'refused' in x.expect)) {
    const p = join(dir, `bad-${bad.length}.xlsx`);
    writeFileSync(p, built.get(c.name)!);
    bad.push({ path: p, c });
  }
  const baseline = await consolidateFiles(validFiles, catalog, settings, { workers: 0, generatedAt: '2023-02-01T00:00:00Z' });
  for (const workers of [2, 0]) {
    const t = performance.now();
    const run = await consolidateFiles([...validFiles, ...bad], catalog, settings, { workers, generatedAt: '2023-02-01T00:00:00Z' });
    expect(performance.now() - t).toBeLessThan(60_000);
    expect(run.bytes.length).toBeGreaterThan(1000);
    expect(run.model.totals.accepted).toBe(VALID.length);
    expect(validView(run.model)).toEqual(validView(baseline.model));
    expect(Number.isFinite(run.model.totals.budget)).toBe(true);
    for (const b of bad) {
      const entry = run.model.roster.find((x) => x.fileName === b.path.split('/').pop());
      expect(entry?.status).toBe('已拒收');
      if ('refused' in b.c.expect && b.c.expect.limit) expect(entry!.reason!.zh).toContain(b.c.expect.limit);
    }
  }
});

test('a reader process past its time limit refuses its file only; the run goes on', async () => {
  // Limits raised so that a 400 MB sheet (the same cell again and again) is inflated and parsed: with 1 s per file, its thread is stopped.
  const p = join(dir, 'heavy.xlsx');
  writeFileSync(p, zipBomb(good, '任务表', 400e6, { chunk: SAME_CELL_ROW }));
  const slow = { ...settings, limits: { partBytes: 2 ** 30, totalBytes: 2 ** 31, compressionRatio: 1e6, fileSeconds: 1 } };
  const t = performance.now();
  const run = await consolidateFiles([...validFiles, { path: p }], catalog, slow, { workers: 2 });
  expect(performance.now() - t).toBeLessThan(30_000);
  const entry = run.model.roster.find((x) => x.fileName === 'heavy.xlsx');
  expect(entry?.status).toBe('已拒收');
  expect(entry!.reason!.zh).toContain('超出读取上限“读取时间”：上限 1 秒');
  expect(run.model.totals.accepted).toBe(VALID.length);
});

test('a merged range A1:XFD1048576 is clipped to the cells read: fast', async () => {
  const t = performance.now();
  const r = await readWorkbook(bigMerge(good, '预算明细', 'B5:XFD1048576'), 'merge.xlsx', { inflate: inflateRaw });
  expect(performance.now() - t).toBeLessThan(5_000);
  expect(r.raw).toBeDefined();
});

test('a 40,000-character cell: a finding names file, sheet, row and column; every written cell holds at most 32,767 characters; the feedback keeps the full text', async () => {
  const c = HOSTILE_CASES.find((x) => x.name.startsWith('40,000'))!;
  const r = await readWorkbook(built.get(c.name)!, 'long.xlsx', { inflate: inflateRaw });
  const f = r.raw!.readFindings.find((x) => x.code === 'read.cell.tooLong')!;
  expect(f).toMatchObject({ file: 'long.xlsx', sheet: '任务表' });
  expect(f.row).toBeGreaterThan(3);
  expect(f.column).toMatch(/^[A-Z]+$/);
  expect(f.message.zh).toContain('40,000');
  const { findings } = checkSubmission(r.raw!, catalog, settings);
  const fb = await renderWorkbook(describeFeedbackWorkbook(r.raw!, [...r.raw!.readFindings, ...findings], { generatedAt: '2023-02-01T00:00:00Z' }));
  const sst = part(zipParts(fb), 'xl/sharedStrings.xml');
  const texts = [...sst.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
  expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(EXCEL_CELL_TEXT);
  // the full text, over the continuation rows of 修改意见
  const pieces = texts.filter((t) => /^长+$/.test(t)).map((t) => t.length).sort((a, b) => a - b);
  expect(pieces).toEqual([40_000 - EXCEL_CELL_TEXT, EXCEL_CELL_TEXT]);
  expect(part(zipParts(fb), 'xl/worksheets/sheet1.xml')).toBeTruthy();
  // the summary
  const p = join(dir, 'long.xlsx');
  writeFileSync(p, built.get(c.name)!);
  const run = await consolidateFiles([{ path: p }], catalog, settings, { workers: 0 });
  const sum = zipParts(run.bytes);
  const sumTexts = [...part(sum, 'xl/sharedStrings.xml').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
  expect(Math.max(...sumTexts.map((t) => t.length))).toBe(EXCEL_CELL_TEXT);
  expect(run.model.findings.map((x) => x.code)).toContain('read.cell.tooLong');
});
