/**
 * bench:generate — describe and render all seven committees' plan workbooks (xlsx bytes in memory).
 * Prints ms per committee, total ms and peak MB (RSS and heap). Target: all seven under 1 s.
 *   npx tsx bench/generate.ts [rounds]
 */
import { defaultCatalog } from '../src/core/catalog';
import { defaultSettings } from '../src/core/plan/settings';
import { describeCommitteeWorkbook } from '../src/core/sheets/committeeWorkbook';
import { readWorkbook, renderWorkbook } from '../src/hosts/xlsx';

const rounds = Number(process.argv[2] ?? 3);
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const timer = setInterval(sample, 5);

async function once(): Promise<{ total: number; per: [string, number, number][] }> {
  const catalog = defaultCatalog();
  const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省' });
  const t0 = performance.now();
  const per: [string, number, number][] = [];
  for (const c of catalog.committees) {
    const t = performance.now();
    const bytes = await renderWorkbook(describeCommitteeWorkbook(catalog, settings, c.id));
    per.push([c.name, performance.now() - t, bytes.length]);
    sample();
  }
  return { total: performance.now() - t0, per };
}

(async () => {
  const runs: number[] = [];
  let last: Awaited<ReturnType<typeof once>> | null = null;
  for (let i = 0; i < rounds; i++) {
    last = await once();
    runs.push(last.total);
    console.log(`round ${i + 1}: all 7 committees in ${last.total.toFixed(0)} ms${i === 0 ? ' (cold: includes module warm-up)' : ''}`);
  }
  clearInterval(timer);
  sample();
  for (const [name, ms, size] of last!.per) console.log(`  ${name + '　'.repeat(Math.max(0, 11 - name.length))} ${ms.toFixed(0).padStart(5)} ms  ${(size / 1024).toFixed(0).padStart(4)} KB`);
  const warm = runs.slice(1);
  const best = Math.min(...runs);
  console.log(`total: cold ${runs[0].toFixed(0)} ms; warm best ${best.toFixed(0)} ms${warm.length ? `, warm mean ${(warm.reduce((a, b) => a + b, 0) / warm.length).toFixed(0)} ms` : ''} (target < 1000 ms)`);
  console.log(`generation peak RSS ${(peakRss / 1048576).toFixed(0)} MB, peak heap ${(peakHeap / 1048576).toFixed(0)} MB`);
  // Reading back (what validate/consolidate pay per file): fast part reader vs full excelts load.
  const catalog = defaultCatalog();
  const settings = defaultSettings(catalog);
  const files = await Promise.all(catalog.committees.map((c) => renderWorkbook(describeCommitteeWorkbook(catalog, settings, c.id))));
  for (const engine of ['auto', 'excelts'] as const) {
    for (const f of files) await readWorkbook(f, 'warm.xlsx', { engine });
    const t = performance.now();
    for (let i = 0; i < 5; i++) for (const f of files) await readWorkbook(f, 'x.xlsx', { engine });
    console.log(`read back (${engine === 'auto' ? 'fast reader' : 'full excelts load'}): ${((performance.now() - t) / (5 * files.length)).toFixed(1)} ms per workbook`);
  }
  sample();
  console.log(`with reading: peak RSS ${(peakRss / 1048576).toFixed(0)} MB, peak heap ${(peakHeap / 1048576).toFixed(0)} MB`);
})();
