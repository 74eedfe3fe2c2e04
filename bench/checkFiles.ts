/**
 * bench:check — the check stage of consolidation alone, in one process: many small submissions
 * (read once from a corpus of .xlsx files, not timed) checked one after another as a reader thread
 * checks them (checkSubmission + measureHints), to see the cost per file apart from the cost per row.
 *
 *   npx tsx bench/checkFiles.ts DIR [--rounds 3]      # DIR: a corpus, e.g. from
 *   npx tsx bench/consolidate.ts --generate DIR --files 200 --tasks 300 --lines 2
 *
 * The catalog and settings are bench:consolidate's (one point and one committee per file). Prints,
 * per round, the wall and CPU time of checking every file, and per file and per row; round 1 is a
 * fresh process's (what one reader thread pays once: V8 compiling, the catalog's indexes built).
 * With --warm, warmUpChecks (what a reader thread calls at start) runs first and is timed apart.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseCatalog } from '../src/core/catalog/parse';
import { measureHints } from '../src/core/consolidate';
import { warmUpChecks } from '../src/core/consolidate/input';
import { defaultSettings } from '../src/core/plan/settings';
import type { RawSubmission } from '../src/core/plan/types';
import { checkSubmission } from '../src/core/validate';
import { readWorkbook } from '../src/hosts/xlsx/read';
import { inflateRaw } from '../src/cli/inflate';
import { benchOutline } from './outline';

async function main(): Promise<void> {
  const dir = process.argv[2];
  const ri = process.argv.indexOf('--rounds');
  const ROUNDS = ri > 0 ? Number(process.argv[ri + 1]) : 3;
  const names = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort();
  const catalog = parseCatalog(benchOutline(names.length));
  const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', year: 2023 });
  const raws: RawSubmission[] = [];
  for (const n of names) {
    const r = await readWorkbook(new Uint8Array(readFileSync(join(dir, n))), n, { inflate: inflateRaw });
    if (r.raw) raws.push(r.raw);
  }
  const rows = raws.reduce((s, r) => s + r.tasks.length + r.budgetLines.length + r.milestones.length, 0);
  console.log(`bench:check — ${raws.length} submissions, ${rows} rows (read, not timed)`);
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  if (process.argv.includes('--warm')) {
    const t = performance.now();
    warmUpChecks(catalog, settings);
    console.log(`  warm-up: ${(performance.now() - t).toFixed(0)} ms`);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    let findings = 0;
    let first = 0;
    for (let i = 0; i < raws.length; i++) {
      const t = performance.now();
      const { submission, findings: f } = checkSubmission(raws[i], catalog, settings);
      measureHints(submission, catalog);
      if (i === 0) first = performance.now() - t;
      findings += f.length;
    }
    const ms = performance.now() - t0;
    console.log(
      `  round ${round}: ${ms.toFixed(0)} ms (cpu ${(cpuMs() - c0).toFixed(0)} ms), first file ${first.toFixed(1)} ms, ` +
        `${(ms / raws.length).toFixed(2)} ms/file, ${((ms * 1000) / rows).toFixed(2)} µs/row, findings ${findings}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
