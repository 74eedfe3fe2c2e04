/**
 * consolidateFiles reads and checks files in reader processes (Node CLI, src/cli/readerPool.ts): the summary model must be the
 * same as when everything runs in process — on a small generated corpus with good submissions, a
 * resubmission, a corrupt file and a file that cannot be opened.
 */
import { createHash } from 'crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { consolidateFiles } from '../../src/cli/commands/consolidate';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../helpers/committeeFixtures';

jest.setTimeout(120_000);

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog, { ceilings: { c1: 10, c2: 30, c3: 30, c4: 30, c5: 5, c6: 30, c7: 30 } });
const dir = mkdtempSync(join(tmpdir(), 'pb-consolidate-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: { path: string; name?: string }[] = [];

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  for (const cid of ['c1', 'c2', 'c3', 'c4', 'c6', 'c7']) {
    const { bytes } = await goodWorkbook(catalog, settings, cid);
    writeFileSync(join(dir, `${cid}.xlsx`), bytes);
    files.push({ path: join(dir, `${cid}.xlsx`) });
  }
  // c2 again under another name (a resubmission), a corrupt file, a file that is not there.
  const { bytes } = await goodWorkbook(catalog, settings, 'c2');
  writeFileSync(join(dir, 'c2-again.xlsx'), bytes);
  files.push({ path: join(dir, 'c2-again.xlsx') });
  writeFileSync(join(dir, 'broken.xlsx'), 'not a zip');
  files.push({ path: join(dir, 'broken.xlsx') });
  files.push({ path: join(dir, 'gone.xlsx'), name: 'gone.xlsx' });
});

test('reader processes and in-process give the same summary model', async () => {
  const opts = { generatedAt: '2023-02-01T00:00:00Z' };
  const seenW: string[] = [];
  const inW = await consolidateFiles(files, catalog, settings, { ...opts, workers: 2, onFile: (n) => seenW.push(n) });
  const inP = await consolidateFiles(files, catalog, settings, { ...opts, workers: 0 });
  expect(inW.workers).toBe(2);
  expect(inP.workers).toBe(0);
  expect(seenW.sort()).toEqual(files.map((f) => f.name ?? f.path.split('/').pop()!).sort());
  expect(inW.model.totals.accepted).toBeGreaterThanOrEqual(6);
  expect(inW.model.totals.refused).toBeGreaterThanOrEqual(2);
  expect(inW.model.tasks.length).toBeGreaterThan(0);
  expect(inW.model).toEqual(inP.model);
  // and the rendered summaries are the same bytes: what the readers send (packed, core/consolidate/wire.ts) loses nothing
  const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  expect(hash(inW.bytes)).toBe(hash(inP.bytes));
});

test('the fast summary writer too: the same bytes from reader processes as in process', async () => {
  const opts = { generatedAt: '2023-02-01T00:00:00Z', fastFrom: 0 };
  const inW = await consolidateFiles(files, catalog, settings, { ...opts, workers: 2 });
  const inP = await consolidateFiles(files, catalog, settings, { ...opts, workers: 0 });
  const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  expect(inW.model.tasks.length).toBeGreaterThan(0);
  expect(hash(inW.bytes)).toBe(hash(inP.bytes));
});
