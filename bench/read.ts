/**
 * bench:read — the read stage of consolidation alone, in one process: every .xlsx of a corpus read
 * (readWorkbook with Node's zlib, as a reader process reads) several rounds, to see the cost per file.
 *
 *   npx tsx bench/read.ts DIR [--rounds 3] [--stages]   # DIR: a corpus, e.g. from
 *   npx tsx bench/consolidate.ts --generate DIR --files 200 --tasks 300 --lines 2
 *
 * Prints, per round, the wall and CPU time, ms per file and MB/s of the files' bytes and of the
 * inflated XML (round 1 is a fresh process's: V8 compiling). --stages also times the fast grid
 * reading alone (readSheetsFast) and readGrid on its grids. --compare times the sheets' parsing
 * alone (sheets inflated once, not timed), the byte scanner (sheetBytes.ts) against decoding the
 * sheet and parsing the text (sheetXml.ts, the reference), in alternate rounds: figures that a
 * busy machine skews alike.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { readWorkbook } from '../src/hosts/xlsx/read';
import { readSheetsFast, directory } from '../src/hosts/xlsx/fastGrid';
import { metaFromGrid, readGrid } from '../src/core/sheets/readGrid';
import { SHEET_NAMES } from '../src/core/sheets/columns';
import { inflateRaw } from '../src/cli/inflate';
import { parseSheet } from '../src/hosts/xlsx/sheetXml';
import { parseSheetBytes } from '../src/hosts/xlsx/sheetBytes';
import { dateStyles, sharedStrings } from '../src/hosts/xlsx/xmlText';
import { DEFAULT_LIMITS } from '../src/core/limits';

const WANTED = [SHEET_NAMES.tasks, SHEET_NAMES.budget, SHEET_NAMES.milestones, SHEET_NAMES.meta];

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: npx tsx bench/read.ts DIR [--rounds N] [--stages]');
  const ri = process.argv.indexOf('--rounds');
  const ROUNDS = ri > 0 ? Number(process.argv[ri + 1]) : 3;
  const names = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort();
  const files = names.map((n) => new Uint8Array(readFileSync(join(dir, n))));
  const zipBytes = files.reduce((s, b) => s + b.length, 0);
  let xmlBytes = 0;
  for (const b of files) for (const e of directory(b)!.values()) xmlBytes += e.usize;
  console.log(`bench:read — ${files.length} files, ${(zipBytes / 1e6).toFixed(1)} MB zip, ${(xmlBytes / 1e6).toFixed(1)} MB inflated (all parts)`);
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let round = 1; round <= ROUNDS; round++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    let refused = 0;
    for (let i = 0; i < files.length; i++) {
      const r = await readWorkbook(files[i], names[i], { inflate: inflateRaw });
      if (!r.raw) refused++;
    }
    const ms = performance.now() - t0;
    const cpu = cpuMs() - c0;
    console.log(
      `  round ${round}: ${ms.toFixed(0)} ms (cpu ${cpu.toFixed(0)} ms, ${(cpu / files.length).toFixed(2)} ms/file), ${(ms / files.length).toFixed(2)} ms/file, ` +
        `${(zipBytes / 1e3 / ms).toFixed(1)} MB/s zip, ${(xmlBytes / 1e3 / ms).toFixed(1)} MB/s XML${refused ? `, ${refused} refused` : ''}`,
    );
  }
  if (process.argv.includes('--compare')) compare(files, ROUNDS);
  if (process.argv.includes('--stages')) {
    for (let round = 1; round <= ROUNDS; round++) {
      let grids = 0, rg = 0;
      for (let i = 0; i < files.length; i++) {
        const t = performance.now();
        const fast = await readSheetsFast(files[i], WANTED, inflateRaw);
        const t1 = performance.now();
        grids += t1 - t;
        if (!fast) continue;
        const meta = fast.sheets.find((x) => x.name === SHEET_NAMES.meta);
        readGrid({ file: names[i], sheets: fast.sheets, meta: metaFromGrid(meta ? meta.rows : []) });
        rg += performance.now() - t1;
      }
      console.log(`  stages ${round}: readSheetsFast ${(grids / files.length).toFixed(2)} ms/file, readGrid ${(rg / files.length).toFixed(2)} ms/file`);
    }
  }
}

/** The inflated bytes of a part of the zip (stored or deflated). */
function part(file: Uint8Array, path: string): Uint8Array | null {
  const e = directory(file)!.get(path);
  if (!e) return null;
  const start = e.offset + 30 + (file[e.offset + 26] | (file[e.offset + 27] << 8)) + (file[e.offset + 28] | (file[e.offset + 29] << 8));
  const raw = file.subarray(start, start + e.csize);
  return e.method === 0 ? raw : inflateRaw(raw);
}

/** Sheet parsing alone, bytes (new) against decode + text (reference), alternate rounds. */
function compare(files: Uint8Array[], rounds: number): void {
  const dec = new TextDecoder();
  const text = (b: Uint8Array | null) => (b ? dec.decode(b) : null);
  const work = files.map((f) => {
    const wb = text(part(f, 'xl/workbook.xml'))!;
    const rels = text(part(f, 'xl/_rels/workbook.xml.rels'))!;
    const targets = new Map([...rels.matchAll(/Id="([^"]*)"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="([^"]*)"/g)].map((m) => [m[1] ?? m[4], m[2] ?? m[3]]));
    const sheets = [...wb.matchAll(/<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)].filter((m) => (WANTED as string[]).includes(m[1])).map((m) => part(f, 'xl/' + targets.get(m[2])!)!);
    const sst = text(part(f, 'xl/sharedStrings.xml'));
    return { sheets, sst: sst ? sharedStrings(sst) : [], dates: dateStyles(text(part(f, 'xl/styles.xml'))) };
  });
  const bytes = work.reduce((s, w) => s + w.sheets.reduce((t, b) => t + b.length, 0), 0);
  console.log(`  compare: ${work.reduce((s, w) => s + w.sheets.length, 0)} sheets, ${(bytes / 1e6).toFixed(1)} MB XML`);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const per = (ms: number) => `${(ms / files.length).toFixed(2)} ms/file (${(bytes / 1e3 / ms).toFixed(0)} MB/s)`;
  const best = { text: Infinity, bytes: Infinity };
  for (let round = 1; round <= rounds; round++) {
    const c0 = cpu(), t0 = performance.now();
    for (const w of work) for (const b of w.sheets) parseSheet(dec.decode(b), w.sst, w.dates, DEFAULT_LIMITS);
    const c1 = cpu(), t1 = performance.now();
    for (const w of work) for (const b of w.sheets) parseSheetBytes(b, w.sst, w.dates, DEFAULT_LIMITS);
    const c2 = cpu(), t2 = performance.now();
    best.text = Math.min(best.text, c1 - c0);
    best.bytes = Math.min(best.bytes, c2 - c1);
    console.log(`  compare ${round}: text ${per(t1 - t0)} cpu ${per(c1 - c0)}; bytes ${per(t2 - t1)} cpu ${per(c2 - c1)}`);
  }
  console.log(`  compare best cpu: text ${per(best.text)}, bytes ${per(best.bytes)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
