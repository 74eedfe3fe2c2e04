/**
 * bench/hostile.ts — the named hostile workbooks of issue 14 (tests/helpers/hostileCases.ts) and the
 * big-input cases of issue 13 item 4, each read as the CLI reads it — in a reader process of
 * src/cli/readerPool.ts (limits from the settings, killed past memory or time) — from a fresh
 * process. Printed: outcome, wall time, and the peak resident memory of the whole process tree
 * (the bench's child and its reader process, summed from /proc every 20 ms; Linux).
 *
 *   npx tsx bench/hostile.ts [--slow] [--only <text in the case name>]
 */
import { spawn } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ReaderPool } from '../src/cli/readerPool';
import { SHEET_NAMES } from '../src/core/sheets/columns';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../tests/helpers/committeeFixtures';
import { HOSTILE_CASES } from '../tests/helpers/hostileCases';
import { SAME_CELL_ROW, appendRows, editSheet, manyTasks, zipBomb } from '../tests/helpers/hostileFiles';

type Kind = 'consolidate' | 'feedback';

/** In the bench's child: one file through a reader process, as consolidate (or feedback) does. */
async function one(path: string, kind: Kind, limits: Record<string, number>): Promise<void> {
  const catalog = fixtureCatalog();
  const settings = { ...fixtureSettings(catalog), limits };
  let t = performance.now();
  let result: string;
  if (path === '-') {
    // the bench's child with one idle reader process
    const pool = new ReaderPool(catalog, settings, { size: 1, kind });
    await pool.warm();
    await new Promise((res) => setTimeout(res, 200));
    await pool.close();
    result = 'baseline (nothing read)';
  }
  else {
    const pool = new ReaderPool(catalog, settings, { size: 1, kind });
    try {
      // the reader started and warmed first: the time is the file's
      await pool.warm();
      t = performance.now();
      const o = await pool.run({ kind, path, name: 'bad.xlsx' });
      if (!o.ok) result = 'limit' in o.failure ? `reader killed → refused: ${o.failure.limit} ${o.failure.max}` : `reader failed → refused: ${o.failure.error}`;
      else if (kind === 'feedback') {
        const v = o.value as { refusal?: { code: string; message: { zh: string } }; bytes?: Uint8Array; errors?: number };
        result = v.refusal ? `refused ${v.refusal.code}: ${v.refusal.message.zh}` : `feedback copy ${(v.bytes!.length / 1e6).toFixed(1)} MB, ${v.errors} errors`;
      } else {
        const oc = (o.value as { input: import('../src/core/consolidate/types').ConsolidationInput }).input.outcome;
        if (oc.kind === 'refused') result = `refused ${oc.finding.code}: ${oc.finding.message.zh}`;
        else result = `read, ${oc.submission.tasks.length} tasks; ${[...new Set(oc.findings.filter((f) => f.severity !== 'info').map((f) => f.code))].slice(0, 3).join(', ')}`;
      }
    } finally {
      await pool.close();
    }
  }
  process.stdout.write(JSON.stringify({ result, ms: performance.now() - t }) + '\n');
}

/** Resident memory of a process and all its descendants (bytes), from /proc. */
function treeRss(root: number): number {
  const kids = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      (kids.get(ppid) ?? kids.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      /* gone */
    }
  }
  let sum = 0;
  const todo = [root];
  while (todo.length) {
    const p = todo.pop()!;
    try {
      sum += Number(readFileSync(`/proc/${p}/statm`, 'latin1').split(' ')[1]) * 4096;
    } catch {
      /* gone */
    }
    todo.push(...(kids.get(p) ?? []));
  }
  return sum;
}

/** Run one case in a fresh process; its peak tree memory sampled every 20 ms. */
function measure(path: string, kind: Kind, limits: Record<string, number>): Promise<string> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...process.execArgv, __filename, '--one', path, kind, JSON.stringify(limits)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let peak = 0;
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(p.pid!))), 20);
    const kill = setTimeout(() => p.kill('SIGKILL'), 300_000);
    p.on('close', (code, signal) => {
      clearInterval(timer);
      clearTimeout(kill);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        const j = JSON.parse(line);
        resolve(`${j.result} | ${Math.round(peak / 1048576)} MB | ${(j.ms / 1000).toFixed(2)} s`);
      } catch {
        resolve(`crashed (exit ${code}${signal ? ' ' + signal : ''}): ${err.split('\n').find((l) => /Error|FATAL/.test(l)) ?? ''} | ${Math.round(peak / 1048576)} MB | `);
      }
    });
  });
}

const styledEmpty = (from: number, to: number) => {
  const parts: string[] = [];
  for (let r = from; r <= to; r++) parts.push(`<row r="${r}" s="3" customFormat="1"><c r="A${r}" s="3"/><c r="B${r}" s="3"/></row>`);
  return parts.join('');
};

async function main(): Promise<void> {
  const i = process.argv.indexOf('--one');
  if (i > 0) return one(process.argv[i + 1], process.argv[i + 2] as Kind, JSON.parse(process.argv[i + 3]));
  const slow = process.argv.includes('--slow');
  const o = process.argv.indexOf('--only');
  const only = o > 0 ? process.argv[o + 1] : '';
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-hostile-'));
  try {
    const catalog = fixtureCatalog();
    const settings = fixtureSettings(catalog);
    const good = (await goodWorkbook(catalog, settings, 'c2')).bytes;
    const T = SHEET_NAMES.tasks;
    const rows: string[] = ['| case | result | peak memory (process tree) | time |', '|---|---|---|---|'];
    const cases: { name: string; build: () => Uint8Array | Promise<Uint8Array>; kind?: Kind; limits?: Record<string, number>; slow?: boolean }[] = [
      { name: 'good submission (c2)', build: () => good },
      ...HOSTILE_CASES.map((c) => ({ name: c.name, build: () => c.build(good, catalog, settings), slow: c.slow && !c.name.startsWith('1,000,000') })),
      // issue 14: a reader thread's limit was not airtight — a 400 MB sheet with a tiny reader memory aborted the process
      { name: '400 MB sheet, readerMemoryMB 32', build: () => zipBomb(good, T, 400e6, { chunk: SAME_CELL_ROW }), limits: { partBytes: 2 ** 30, totalBytes: 2 ** 31, compressionRatio: 1e7, readerMemoryMB: 32 } },
      { name: '400 MB sheet, limits raised, fileSeconds 2', build: () => zipBomb(good, T, 400e6, { chunk: SAME_CELL_ROW }), limits: { partBytes: 2 ** 30, totalBytes: 2 ** 31, compressionRatio: 1e7, fileSeconds: 2 } },
      // issue 13 item 4
      { name: '1 M styled empty rows (WPS)', build: () => editSheet(good, T, (xml) => appendRows(xml, styledEmpty(300, 1_048_576))) },
      { name: '100,000-task submission: feedback copy', build: () => manyTasks(good, T, 100_000), kind: 'feedback' },
    ];
    const baseline = await measure('-', 'consolidate', {});
    rows.push(`| baseline (bench child + an idle reader process) | ${baseline} |`);
    console.error(rows[rows.length - 1]);
    for (const c of cases) {
      if ((c.slow && !slow) || (only && !c.name.includes(only))) continue;
      const p = join(dir, 'case.xlsx');
      writeFileSync(p, await c.build());
      const cell = await measure(p, c.kind ?? 'consolidate', c.limits ?? {});
      rows.push(`| ${c.name} (${(readFileSync(p).length / 1024).toFixed(0)} KB) | ${cell} |`);
      console.error(rows[rows.length - 1]);
    }
    console.log(rows.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
