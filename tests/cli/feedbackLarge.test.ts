/**
 * A very large submission's 退回意见 copy (from FEEDBACK_NOTES_UNTIL rows) is written by the fast
 * writer without cell notes: every finding is listed on 修改意见 with its cell, which says so; the
 * copy reads back as the submission (same tasks). KEEP=<path> keeps the copy (for check-xlsx.sh).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ReaderPool } from '../../src/cli/readerPool';
import { readWorkbook } from '../../src/hosts/xlsx';
import { inflateRaw } from '../../src/cli/inflate';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../helpers/committeeFixtures';
import { manyTasks } from '../helpers/hostileFiles';
import { part, zipParts } from '../helpers/zipParts';

jest.setTimeout(180_000);
const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const dir = mkdtempSync(join(tmpdir(), 'pb-feedback-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('6,000 tasks: the copy lists every finding, has no notes, says so, and reads back', async () => {
  const good = (await goodWorkbook(catalog, settings, 'c2')).bytes;
  const p = join(dir, 'big.xlsx');
  writeFileSync(p, manyTasks(good, '任务表', 6000));
  const pool = new ReaderPool(catalog, settings, { size: 1, kind: 'feedback' });
  let o: Awaited<ReturnType<typeof pool.run<'feedback'>>>;
  try {
    o = await pool.run({ kind: 'feedback', path: p, generatedAt: '2023-02-01T00:00:00Z' });
  } finally {
    await pool.close();
  }
  expect(o.ok).toBe(true);
  const v = (o as { ok: true; value: { bytes: Uint8Array; errors: number; warnings: number; infos: number } }).value;
  const parts = zipParts(v.bytes);
  expect([...parts.keys()].some((k) => /comments|vmlDrawing/.test(k))).toBe(false);
  const sst = part(parts, 'xl/sharedStrings.xml');
  expect(sst).toContain('问题未逐格加批注');
  const back = await readWorkbook(v.bytes, 'copy.xlsx', { inflate: inflateRaw });
  const orig = await readWorkbook(new Uint8Array(readFileSync(p)), 'big.xlsx', { inflate: inflateRaw });
  expect(back.raw!.tasks.length).toBe(orig.raw!.tasks.length);
  expect(v.errors + v.warnings + v.infos).toBeGreaterThanOrEqual(6000);
  if (process.env.KEEP) writeFileSync(process.env.KEEP, v.bytes);
});
