/**
 * The real summary workbook (core/consolidate + core/sheets/summaryWorkbook) written into the
 * live workbook through the adapter on the Excel fake: the same syncs while the payload fits one
 * request, one more per ~4.5 MB beyond; charts through the chart API; nothing over 5 MB.
 */
import { defaultCatalog } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/plan/settings';
import { createOfficeWorkbook } from '../../src/hosts/office';
import { bigSubmission } from './submissions';
import { engine } from '../../src/taskpane/engine/impl';
import { FakeExcel, LIMIT } from './fakeExcel';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { year: 2023 });

test('consolidate: writing the summary takes the same syncs for 10 and 5,000 tasks; 10,000 (four sheets of 10,000 rows, over 5 MB) one more', async () => {
  const counts: number[] = [];
  for (const n of [10, 5000, 10000]) {
    const summary = engine.summarise([bigSubmission(catalog, n)], [], catalog, settings, null);
    expect(summary.totals.tasks).toBe(n);
    const fake = new FakeExcel();
    const report = await createOfficeWorkbook(fake.run, fake.isSetSupported).render(summary.spec, { preserve: false });
    counts.push(fake.syncs);
    expect(report.notes).toEqual([]);
    expect(fake.maxRequest).toBeLessThanOrEqual(LIMIT);
    expect(fake.log.filter((l) => l.path.endsWith('.charts') && l.name === 'add').length).toBeGreaterThan(0);
    expect(fake.sheet('任务汇总')!.grid().flat()).toContain(`任务${n}`);
  }
  expect(counts[0]).toBe(counts[1]);
  expect(counts[2]).toBe(counts[1] + 1);
});
