/**
 * bench:consolidate — consolidation end to end on a generated corpus, against a pandas + openpyxl peer.
 *
 *   npm run bench:consolidate [-- --files 200 --tasks 300 --lines 2]
 *
 * 1. Generation (not timed, child process): a plan outline with one work point and one committee
 *    per submission (so every submission counts), then per committee its plan workbook, filled in
 *    the spec with `tasks` tasks and `lines` budget lines per task, rendered to .xlsx in a temp dir.
 * 2. Ours (child process, timed): read every file, check it, consolidate, render the summary and
 *    write it — exactly what `plan-budget consolidate` does, with the CLI's compiled JavaScript
 *    (dist/node, what bin/plan-budget.js runs; `npm run build:node` is run first, not timed), or the
 *    TypeScript sources under tsx with --tsx. Prints files/s, rows/s, CPU time and peak MB of the whole process tree (reader processes included)
 *    and where the time goes (read / check / consolidate / render / write).
 * 3. The peer: bench/peer_pandas.py reads the same files with pandas + openpyxl, concatenates,
 *    groups by point and committee, and writes an xlsx. Wall time of the process; ratio printed.
 * 4. The verdict line: issue 13's targets (200 × 300 × 2 in < 6 s wall, ≥ 8× the peer in the same
 *    run, peak < 1 GB), PASS or MISS each.
 *
 * Options: --corpus DIR generates the corpus there once (when empty) and keeps it for the next runs;
 * --no-peer skips the peer; --scale [--sizes 10,50,200,500] runs ours alone on each size (fresh
 * process each) and prints a table with a fitted fixed cost and cost per row / per file.
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join, resolve } from 'path';
import { parseCatalog } from '../src/core/catalog/parse';
import type { Catalog } from '../src/core/catalog/types';
import { defaultSettings } from '../src/core/plan/settings';
import type { Settings } from '../src/core/plan/types';
import { BUDGET_COLUMNS, SHEET_NAMES, TASK_COLUMNS } from '../src/core/sheets/columns';
import { committeeWorkbookFileName, describeCommitteeWorkbook, pointLabel } from '../src/core/sheets/committeeWorkbook';
import { isoToSerial } from '../src/core/sheets/summaryWorkbook';
import { renderWorkbook } from '../src/hosts/xlsx';
import { benchOutline } from './outline';
// Under tsx, render.ts' dynamic import() of the chart module loads excelts' ESM build while Workbook
// comes from its CJS build (dual package): install chart support on the CJS instance up front.
import { installChartSupport } from '@cj-tech-master/excelts/chart';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const FILES = arg('files', 200);
const TASKS = arg('tasks', 300);
const LINES = arg('lines', 2);
/** --workers N: read + check threads (0 = in process); default: the CLI's choice. */
const WORKERS = process.argv.includes('--workers') ? arg('workers', 0) : undefined;
/** --tsx: run ours from the TypeScript sources under tsx instead of the compiled CLI (dist/node). */
const TSX = process.argv.includes('--tsx');
const DIST = resolve(__dirname, '../dist/node/cli/commands/consolidate.js');


function setup(): { catalog: Catalog; settings: Settings } {
  const catalog = parseCatalog(benchOutline(FILES));
  const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', year: 2023 });
  return { catalog, settings };
}

const CATS = ['会议费', '培训费', '差旅费', '劳务费', '专家咨询费', '印刷出版费'];
const SRCS = ['财政拨款', '上级补助', '会费收入', '自筹'];

async function generate(dir: string): Promise<void> {
  const { catalog, settings } = setup();
  const ti = new Map(TASK_COLUMNS.map((c, i) => [c.key, i]));
  const bi = new Map(BUDGET_COLUMNS.map((c, i) => [c.key, i]));
  for (let f = 0; f < FILES; f++) {
    const c = catalog.committees[f];
    const point = catalog.points.find((p) => p.committeeIds.includes(c.id))!;
    const spec = describeCommitteeWorkbook(catalog, settings, c.id, { generatedAt: '2023-01-05T08:00:00.000Z', taskRows: TASKS, budgetRows: TASKS * LINES, milestoneRows: 1 });
    const tasks = spec.sheets.find((s) => s.name === SHEET_NAMES.tasks)!.blocks[1].rows;
    const codes: string[] = [];
    let n = 0;
    for (const row of tasks) {
      if (n >= TASKS) break;
      const first = row[0];
      if (first && typeof first.v === 'string' && first.v.startsWith('【')) continue;
      const set = (k: string, v: string | number | null) => {
        const i = ti.get(k)!;
        row[i] = v === null ? { s: row[i]?.s } : { v, s: row[i]?.s };
      };
      const code = String(row[ti.get('code')!]!.v);
      codes.push(code);
      const m = (n % 9) + 1;
      set('point', pointLabel(point));
      set('name', `第${f + 1}专委会任务${n + 1}：调研与交流`);
      set('content', `围绕第${point.number}项要点组织调研和交流活动，形成成果报告，第${n + 1}项。`);
      set('committee', c.name);
      set('owner', `负责人${n % 17}`);
      set('partners', n % 3 ? '' : '秘书处');
      set('start', isoToSerial(`2023-${String(m).padStart(2, '0')}-01`));
      set('end', isoToSerial(`2023-${String(m + 3).padStart(2, '0')}-28`));
      set('kpi', `完成 ${1 + (n % 4)} 项`);
      set('draft', null);
      n++;
    }
    const lines = spec.sheets.find((s) => s.name === SHEET_NAMES.budget)!.blocks[1].rows;
    let l = 0;
    for (const code of codes)
      for (let k = 0; k < LINES; k++, l++) {
        // the template pre-formats a few budget rows; rows past them are added as a clerk types them (styles of the first row)
        const row = (lines[l] ??= lines[0].map((c) => (c ? { s: c.s } : null)));
        const set = (key: string, v: string | number) => {
          const i = bi.get(key)!;
          row[i] = { v, s: row[i]?.s };
        };
        const unit = 0.1 + ((l * 7) % 10) / 20;
        const qty = 1 + (l % 5);
        set('taskCode', code);
        set('expenseCategory', CATS[l % CATS.length]);
        set('fundingSource', SRCS[l % SRCS.length]);
        set('unitPrice', unit);
        set('quantity', qty);
        set('times', 1);
        set('amount', Math.round(unit * qty * 10000) / 10000);
        set('basis', `${unit}万元×${qty}`);
      }
    writeFileSync(join(dir, committeeWorkbookFileName(settings.year, c.name)), await renderWorkbook(spec));
  }
}

async function runOurs(dir: string, out: string): Promise<void> {
  const { consolidateFiles } = (TSX ? await import('../src/cli/commands/consolidate') : await import(DIST)) as typeof import('../src/cli/commands/consolidate');
  installChartSupport();
  const { catalog, settings } = setup();
  const files = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort().map((f) => ({ path: join(dir, f) }));
  // Peak and CPU of the whole process tree: the CLI reads every file in reader processes.
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss + childrenRss())), 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const children0 = childrenCpuMs();
  const { model, bytes, timings, workers } = await consolidateFiles(files, catalog, settings, { workers: WORKERS });
  const tw = performance.now();
  writeFileSync(out, bytes);
  const write = performance.now() - tw;
  const total = performance.now() - t0;
  const own = process.cpuUsage(cpu0);
  const cpu = { user: own.user + (childrenCpuMs() - children0) * 1000, system: own.system };
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const rows = model.tasks.length + model.budgetLines.length + model.milestones.length;
  process.stdout.write(JSON.stringify({ total, cpu: (cpu.user + cpu.system) / 1000, compiled: !TSX, write, timings, workers, rows, tasks: model.tasks.length, lines: model.budgetLines.length, budget: model.totals.budget, accepted: model.totals.accepted, peakMB: peak / 1048576, outBytes: bytes.length }) + '\n');
}

/** The machine's cores and load: a reader of the figures needs them. */
function machineLine(when: string): string {
  return `  (${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}${when}: figures from a shared machine are noisy)`;
}

/** Resident memory of this process's live children (Linux /proc; 0 elsewhere), in bytes. */
function childrenRss(): number {
  let sum = 0;
  try {
    for (const t of readdirSync('/proc/self/task')) {
      for (const pid of readFileSync(`/proc/self/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) {
        try {
          sum += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
        } catch {
          /* the child just ended */
        }
      }
    }
  } catch {
    return 0;
  }
  return sum;
}

/** CPU time of this process's ended and reaped children (Linux /proc/self/stat cutime + cstime), in ms. */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10; // fields 16 and 17, in clock ticks of 10 ms
  } catch {
    return 0;
  }
}

/** Generate `files` submissions into `corpus` (child process, not timed); returns the corpus size in MB. */
function generateCorpus(corpus: string, files: number): number {
  const tsx = resolve(__dirname, '../node_modules/.bin/tsx');
  const have = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.xlsx')).length : 0;
  if (have !== files) {
    if (have) throw new Error(`--corpus ${corpus} holds ${have} .xlsx files, not ${files}: give an empty or new folder`);
    mkdirSync(corpus, { recursive: true });
    const t = performance.now();
    execFileSync(tsx, [resolve(__filename), '--generate', corpus, '--files', String(files), '--tasks', String(TASKS), '--lines', String(LINES)], { stdio: 'inherit' });
    console.log(`  generated ${files} files in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed)`);
  } else console.log(`  reusing the corpus in ${corpus}`);
  const sizes = readdirSync(corpus).filter((f) => f.endsWith('.xlsx')).map((f) => statSync(join(corpus, f)).size);
  return sizes.reduce((a, b) => a + b, 0) / 1048576;
}

interface Ours {
  total: number;
  cpu: number;
  compiled: boolean;
  write: number;
  timings: { read: number; check: number; consolidate: number; render: number };
  workers: number;
  rows: number;
  tasks: number;
  lines: number;
  budget: number;
  accepted: number;
  peakMB: number;
  outBytes: number;
}

/** Ours in a fresh child process on `corpus` with `files` submissions. */
function runChild(corpus: string, out: string, files: number): Ours {
  const tsx = resolve(__dirname, '../node_modules/.bin/tsx');
  const flags = ['--files', String(files), '--tasks', String(TASKS), '--lines', String(LINES), ...(WORKERS === undefined ? [] : ['--workers', String(WORKERS)]), ...(TSX ? ['--tsx'] : [])];
  const r = spawnSync(tsx, [resolve(__filename), '--run', corpus, out, ...flags], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Ours;
}

/** Targets of issue 13 for the default size (200 × 300 × 2). */
const TARGET = { wall: 6, ratio: 8, peakMB: 1024 };

/** The corpus folder: --corpus DIR (kept, generated there when empty), else a temp dir removed at the end. */
const CORPUS = (() => {
  const i = process.argv.indexOf('--corpus');
  return i > 0 ? resolve(process.argv[i + 1]) : undefined;
})();
const NO_PEER = process.argv.includes('--no-peer');

async function orchestrate(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-consolidate-'));
  const corpus = CORPUS ?? join(dir, 'corpus');
  try {
    console.log(`bench:consolidate — ${FILES} submissions × ${TASKS} tasks × ${LINES} budget lines`);
    const mb = generateCorpus(corpus, FILES);
    console.log(`  corpus: ${FILES} files, ${mb.toFixed(1)} MB`);
    // Ours: the compiled CLI, built now (not timed), unless --tsx.
    if (!TSX) execFileSync('npm', ['run', '--silent', 'build:node'], { cwd: resolve(__dirname, '..'), stdio: 'inherit' });
    const ours = runChild(corpus, join(dir, 'summary.xlsx'), FILES);
    const sec = ours.total / 1000;
    const code = ours.compiled ? 'the compiled CLI JavaScript (dist/node, what plan-budget runs)' : 'the TypeScript sources under tsx (--tsx)';
    console.log(`\nours (read + check + consolidate + render + write, one process, ${code}; read + check ${ours.workers ? `in ${ours.workers} reader processes` : 'in process'}):`);
    console.log(`  ${sec.toFixed(2)} s wall, ${(ours.cpu / 1000).toFixed(2)} s CPU (user + system, all threads and reader processes) — ${(FILES / sec).toFixed(1)} files/s, ${Math.round(ours.rows / sec).toLocaleString('en')} rows/s (${ours.tasks} tasks + ${ours.lines} budget lines), peak ${Math.round(ours.peakMB)} MB`);
    const tt = ours.timings;
    const pct = (x: number) => `${(x / 1000).toFixed(2)} s (${Math.round((x / ours.total) * 100)}%)`;
    console.log(`  where the time goes: read ${pct(tt.read)}, check ${pct(tt.check)}, consolidate ${pct(tt.consolidate)}, render ${pct(tt.render)}, write ${pct(ours.write)}`);
    console.log(`  summary: ${(ours.outBytes / 1048576).toFixed(1)} MB, ${ours.accepted} submissions counted, total budget ${ours.budget} 万元`);
    let peerSec: number | undefined;
    if (!NO_PEER) {
      const t = performance.now();
      const py = spawnSync(existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', [resolve(__dirname, 'peer_pandas.py'), corpus, join(dir, 'peer.xlsx')], { encoding: 'utf8', maxBuffer: 1 << 26 });
      peerSec = (performance.now() - t) / 1000;
      if (py.status !== 0) throw new Error(`peer failed: ${py.stderr}`);
      const peer = JSON.parse(py.stdout.trim().split('\n').pop()!);
      console.log(`\npeer (python3 pandas ${peer.pandas} + openpyxl ${peer.openpyxl}: read, concat, group by point and committee, write xlsx):`);
      console.log(`  ${peerSec.toFixed(2)} s wall (read ${peer.read.toFixed(2)} s, group ${peer.group.toFixed(2)} s, write ${peer.write.toFixed(2)} s), peak ${Math.round(peer.peakMB)} MB, total budget ${peer.budget}`);
      if (Math.abs(peer.budget - ours.budget) > 1e-6 * Math.max(1, ours.budget)) console.log(`  NOTE: totals differ: ours ${ours.budget}, peer ${peer.budget}`);
    }
    const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    const ratio = peerSec === undefined ? undefined : peerSec / sec;
    const size = `${FILES} × ${TASKS} × ${LINES}`;
    const standard = FILES === 200 && TASKS === 300 && LINES === 2;
    console.log(
      `\nverdict (${size}${standard ? '' : '; the targets are for 200 × 300 × 2'}): ` +
        `wall ${sec.toFixed(2)} s (target < ${TARGET.wall} s) ${mark(sec < TARGET.wall)}; ` +
        (ratio === undefined ? 'peer not run (--no-peer); ' : `${ratio.toFixed(1)}× the peer in this run (target ≥ ${TARGET.ratio}×) ${mark(ratio >= TARGET.ratio)}; `) +
        `peak ${Math.round(ours.peakMB)} MB (target < ${TARGET.peakMB} MB) ${mark(ours.peakMB < TARGET.peakMB)}`,
    );
    console.log(machineLine(' at the end'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * --scale: ours only (no peer) on 10, 50, 200, 500 submissions (--sizes a,b,c to change), each in a
 * fresh process; prints wall, CPU, rows/s and a least-squares fit wall = a + b·files + c·rows… — with
 * a fixed number of rows per file, files and rows are proportional, so the fit is wall = start-up +
 * per-file·files, and the per-file cost is split into its rows through rows/file.
 */
async function scale(): Promise<void> {
  const i = process.argv.indexOf('--sizes');
  const sizes = i > 0 ? process.argv[i + 1].split(',').map(Number) : [10, 50, 200, 500];
  const dir = mkdtempSync(join(tmpdir(), 'bench-consolidate-'));
  const base = CORPUS ?? join(dir, 'corpus');
  try {
    console.log(`bench:consolidate --scale — ${sizes.join(', ')} submissions × ${TASKS} tasks × ${LINES} budget lines, ours only`);
    if (!TSX) execFileSync('npm', ['run', '--silent', 'build:node'], { cwd: resolve(__dirname, '..'), stdio: 'inherit' });
    const rowsOut: { files: number; rows: number; wall: number; cpu: number; peak: number; t: Ours['timings'] }[] = [];
    for (const n of sizes) {
      const corpus = join(base, `files-${n}`);
      generateCorpus(corpus, n);
      const o = runChild(corpus, join(dir, 'summary.xlsx'), n);
      rowsOut.push({ files: n, rows: o.rows, wall: o.total / 1000, cpu: o.cpu / 1000, peak: o.peakMB, t: o.timings });
    }
    console.log('\n  files     rows   wall s   CPU s    rows/s   peak MB   read / check / consolidate / render s');
    for (const r of rowsOut)
      console.log(
        `  ${String(r.files).padStart(5)} ${String(r.rows).padStart(8)} ${r.wall.toFixed(2).padStart(8)} ${r.cpu.toFixed(2).padStart(7)} ${Math.round(r.rows / r.wall).toLocaleString('en').padStart(9)} ${Math.round(r.peak).toString().padStart(9)}   ` +
          [r.t.read, r.t.check, r.t.consolidate, r.t.render].map((x) => (x / 1000).toFixed(2)).join(' / '),
      );
    // Least squares wall = a + b·rows (rows per file fixed, so b·rows = per-file cost).
    const n = rowsOut.length;
    if (n >= 2) {
      const mx = rowsOut.reduce((s, r) => s + r.rows, 0) / n;
      const my = rowsOut.reduce((s, r) => s + r.wall, 0) / n;
      const sxx = rowsOut.reduce((s, r) => s + (r.rows - mx) ** 2, 0);
      const sxy = rowsOut.reduce((s, r) => s + (r.rows - mx) * (r.wall - my), 0);
      const b = sxy / sxx;
      const a = my - b * mx;
      const perFile = (rowsOut[n - 1].rows / rowsOut[n - 1].files) * b;
      const worst = Math.max(...rowsOut.map((r) => Math.abs(r.wall - (a + b * r.rows)) / r.wall));
      console.log(`\n  fit: wall ≈ ${a.toFixed(2)} s fixed + ${(b * 1e6).toFixed(2)} µs per row (${(perFile * 1000).toFixed(1)} ms per file of ${Math.round(rowsOut[n - 1].rows / rowsOut[n - 1].files)} rows); worst deviation from the line ${(worst * 100).toFixed(0)}%`);
      console.log('  (with a fixed number of rows per file, per-file and per-row costs are proportional: run --tasks with other values to separate them)');
    }
    console.log(machineLine(''));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
const main = mode === '--generate' ? generate(process.argv[3]) : mode === '--run' ? runOurs(process.argv[3], process.argv[4]) : process.argv.includes('--scale') ? scale() : orchestrate();
main.catch((e) => {
  console.error(e);
  process.exit(1);
});
