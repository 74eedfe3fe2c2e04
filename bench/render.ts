/**
 * bench/render.ts — the render stage of consolidation alone: renderSummary (the summary workbook,
 * through hosts/xlsx/fastWrite) of the model bench:consolidate's corpus gives, in one process.
 *
 *   npx tsx bench/render.ts [--corpus /tmp/speed-corpus/files-200] [--rounds 3] [--out summary.xlsx] [--tsx]
 *
 * It measures the CLI's compiled JavaScript (dist/node, built first by `npm run build:node`, not
 * timed), as bench:consolidate does; --tsx runs the TypeScript sources under tsx instead (tsx makes
 * every call into another module a property read: hot loops measure slower there).
 * The model is built once (read + check + consolidate, not timed) and cached next to the corpus
 * (v8.serialize, CORPUS.model.v8) for the next runs (--fresh rebuilds it). Then renderSummary runs
 * `rounds` times; per round: wall ms, CPU ms of the process (main thread + zlib's thread pool),
 * the XML written (MB, from the zip's central directory) and MB/s of XML over wall.
 * --sheets: the cell writing alone instead (sheetData.writeSheetData of the five large sheets into a
 * sink that only counts bytes: no excelts, no deflate, no CRC), the part of the render that runs on
 * the main thread row by row, measured with less noise from the deflate threads.
 * The machine's load is printed with the figures: they come from a shared machine and are noisy.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join, resolve } from 'path';
import { deserialize, serialize } from 'v8';
import { parseCatalog } from '../src/core/catalog/parse';
import type { SummaryModel } from '../src/core/consolidate';
import type { Catalog } from '../src/core/catalog/types';
import type { Settings } from '../src/core/plan/types';
import { defaultSettings } from '../src/core/plan/settings';
import { execFileSync } from 'child_process';
import { benchOutline } from './outline';
// Under tsx, render.ts' dynamic import() of the chart module loads excelts' ESM build while Workbook
// comes from its CJS build (dual package): install chart support on the CJS instance up front.
import { installChartSupport } from '@cj-tech-master/excelts/chart';

const argv = process.argv;
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i > 0 ? argv[i + 1] : undefined;
};
const CORPUS = resolve(opt('corpus') ?? '/tmp/speed-corpus/files-200');
const ROUNDS = Number(opt('rounds') ?? 3);
const OUT = opt('out');
const TSX = argv.includes('--tsx');

/** Uncompressed size of every part (zip central directory). */
function xmlSizes(b: Uint8Array): Map<string, number> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = b.length - 22;
  while (eocd >= 0 && v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const out = new Map<string, number>();
  const dec = new TextDecoder();
  for (let k = 0; k < count; k++) {
    const nameLen = v.getUint16(p + 28, true), extra = v.getUint16(p + 30, true), comment = v.getUint16(p + 32, true);
    out.set(dec.decode(b.subarray(p + 46, p + 46 + nameLen)), v.getUint32(p + 24, true));
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

async function main(): Promise<void> {
  installChartSupport();
  if (!TSX) execFileSync('npm', ['run', '--silent', 'build:node'], { cwd: resolve(__dirname, '..'), stdio: 'inherit' });
  const { consolidateFiles, renderSummary } = (TSX ? await import('../src/cli/commands/consolidate') : await import(resolve(__dirname, '../dist/node/cli/commands/consolidate.js'))) as typeof import('../src/cli/commands/consolidate');
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.xlsx')).sort();
  const catalog = parseCatalog(benchOutline(files.length));
  const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', year: 2023 });
  const cache = `${CORPUS.replace(/\/$/, '')}.model.v8`;
  let model: SummaryModel;
  if (existsSync(cache) && !argv.includes('--fresh')) model = deserialize(readFileSync(cache)) as SummaryModel;
  else {
    const t = performance.now();
    // generatedAt fixed: the cached model (and so the summary's bytes) is the same from run to run.
    model = (await consolidateFiles(files.map((f) => ({ path: join(CORPUS, f) })), catalog, settings, { generatedAt: '2023-12-01T08:00:00.000Z' })).model;
    writeFileSync(cache, serialize(model));
    console.log(`  model built in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed), cached in ${cache}`);
  }
  console.log(`bench/render (${TSX ? 'sources under tsx' : 'dist/node'}) — renderSummary of ${files.length} files: ${model.tasks.length} tasks, ${model.budgetLines.length} budget lines, ${model.timeline.length} timeline rows, ${model.findings.length} findings`);
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  if (argv.includes('--sheets')) return sheetsOnly(model, catalog, settings, cpuMs);
  for (let round = 1; round <= ROUNDS; round++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const bytes = await renderSummary(model, catalog, settings);
    const wall = performance.now() - t0;
    const cpu = cpuMs() - c0;
    const sizes = xmlSizes(bytes);
    const xml = [...sizes.values()].reduce((a, b) => a + b, 0) / 1048576;
    console.log(`  round ${round}: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU, ${xml.toFixed(1)} MB XML (${(xml / (wall / 1000)).toFixed(0)} MB/s), ${(bytes.length / 1048576).toFixed(1)} MB zipped; load ${loadavg()[0].toFixed(2)}`);
    if (round === ROUNDS && argv.includes('--parts'))
      for (const [name, size] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`    ${name}: ${(size / 1048576).toFixed(1)} MB`);
    if (round === ROUNDS && OUT) writeFileSync(OUT, bytes);
  }
  console.log(`  (${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}: figures from a shared machine are noisy)`);
}

/** --sheets: writeSheetData of the large sheets alone, `rounds` times. */
async function sheetsOnly(model: SummaryModel, catalog: Catalog, settings: Settings, cpuMs: () => number): Promise<void> {
  const D = TSX ? '../src' : resolve(__dirname, '../dist/node');
  const { describeSummaryWorkbookLazy } = (await import(`${D}/core/sheets/summaryWorkbook`)) as typeof import('../src/core/sheets/summaryWorkbook');
  const sd = (await import(`${D}/hosts/xlsx/sheetData`)) as typeof import('../src/hosts/xlsx/sheetData');
  const { ByteSink } = (await import(`${D}/hosts/xlsx/byteSink`)) as typeof import('../src/hosts/xlsx/byteSink');
  const { spec, lazy } = describeSummaryWorkbookLazy(model, catalog, settings, { tables: false });
  const styles = new Map(Object.keys(spec.styles).map((n, i) => [n, sd.styleTags(i + 1)]));
  for (let round = 1; round <= ROUNDS; round++) {
    const strings = new sd.Strings(0);
    let bytes = 0;
    const c0 = cpuMs();
    const t0 = performance.now();
    for (const [name, blocks] of lazy) {
      const sink = new ByteSink((c, release) => {
        bytes += c.length;
        release();
      });
      sd.writeSheetData(sink, spec.sheets.find((x) => x.name === name)!, blocks, styles, strings);
      sink.end();
    }
    const wall = performance.now() - t0;
    console.log(`  sheets round ${round}: ${wall.toFixed(0)} ms wall, ${(cpuMs() - c0).toFixed(0)} ms CPU, ${(bytes / 1048576).toFixed(1)} MB XML, ${strings.added.length} shared strings; load ${loadavg()[0].toFixed(2)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
