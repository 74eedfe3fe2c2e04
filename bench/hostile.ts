/**
 * bench/hostile.ts — the named hostile workbooks of issue 14 (tests/helpers/hostileCases.ts),
 * each read and checked as `consolidate` does (readInput: zlib, limits) in a fresh process, with its
 * outcome, wall time and the process's peak RSS (resourceUsage().maxRSS, the kernel's figure;
 * includes Node + tsx, shown on the first line as "baseline").
 *
 *   npx tsx bench/hostile.ts [--slow]
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readInput } from '../src/cli/commands/consolidate.read';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../tests/helpers/committeeFixtures';
import { HOSTILE_CASES } from '../tests/helpers/hostileCases';

async function one(path: string): Promise<void> {
  const catalog = fixtureCatalog();
  const settings = fixtureSettings(catalog);
  const t = performance.now();
  let result: string;
  if (path === '-') result = 'baseline (nothing read)';
  else {
    const r = await readInput(path, 'bad.xlsx', catalog, settings);
    const o = r.input.outcome;
    if (o.kind === 'refused') result = `refused ${o.finding.code}: ${o.finding.message.zh}`;
    else {
      const codes = [...new Set([...o.raw.readFindings, ...o.findings].filter((f) => f.severity !== 'info').map((f) => f.code))];
      result = `read, ${o.submission.tasks.length} tasks; ${codes.slice(0, 4).join(', ')}`;
    }
  }
  const ms = performance.now() - t;
  process.stdout.write(JSON.stringify({ result, ms, rssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--one');
  if (i > 0) return one(process.argv[i + 1]);
  const slow = process.argv.includes('--slow');
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-hostile-'));
  try {
    const catalog = fixtureCatalog();
    const settings = fixtureSettings(catalog);
    const good = (await goodWorkbook(catalog, settings, 'c2')).bytes;
    const rows: string[] = ['| case | result | peak memory (RSS) | time |', '|---|---|---|---|'];
    const run = (name: string, path: string) => {
      const p = spawnSync(process.execPath, [...process.execArgv, __filename, '--one', path], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 300_000 });
      const line = p.stdout.trim().split('\n').pop() ?? '';
      let cell = `crashed (exit ${p.status}${p.signal ? ' ' + p.signal : ''}): ${p.stderr.split('\n').find((l) => /Error|FATAL/.test(l)) ?? ''}`;
      try {
        const j = JSON.parse(line);
        cell = `${j.result} | ${Math.round(j.rssMB)} MB | ${(j.ms / 1000).toFixed(2)} s`;
      } catch {
        cell += ' | | ';
      }
      rows.push(`| ${name} | ${cell} |`);
      console.error(rows[rows.length - 1]);
    };
    run('baseline', '-');
    const goodPath = join(dir, 'good.xlsx');
    writeFileSync(goodPath, good);
    run('good submission (c2)', goodPath);
    for (const c of HOSTILE_CASES) {
      if (c.slow && !slow) continue;
      const p = join(dir, `case.xlsx`);
      writeFileSync(p, await c.build(good, catalog, settings));
      run(`${c.name} (${(readFileSync(p).length / 1024).toFixed(0)} KB)`, p);
    }
    console.log(rows.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
