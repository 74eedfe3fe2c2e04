/**
 * bench:validate — 50,000 tasks with 100,000 budget lines (and 25,000 milestones) through
 * normalise + validate (checkSubmission). Prints rows/s, elapsed ms and peak memory.
 * Target (issue 2): under 0.5 s and under 300 MB.
 *
 *   npm run bench:validate            # defaults
 *   npx tsx bench/validate.ts 10000   # other task count (lines = 2 × tasks)
 *   npx tsx bench/validate.ts --dirty # dates typed as text in every form (more findings)
 */
import { defaultCatalog } from '../src/core/catalog';
import { defaultSettings } from '../src/core/plan/settings';
import type { RawRow, RawSubmission } from '../src/core/plan/types';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, TASK_COLUMNS } from '../src/core/sheets/columns';
import { checkSubmission } from '../src/core/validate';
import { normaliseSubmission } from '../src/core/plan/submission';
import { validateSubmission } from '../src/core/validate';
import { buildContext } from '../src/core/validate/rules/context';
import { checkSubmissionMeta } from '../src/core/validate/rules/submission';
import { checkRequired } from '../src/core/validate/rules/required';
import { checkDrafts } from '../src/core/validate/rules/draft';
import { checkCommittees, checkPoints } from '../src/core/validate/rules/point';
import { checkDates } from '../src/core/validate/rules/dates';
import { checkAmounts } from '../src/core/validate/rules/amounts';
import { checkBudget } from '../src/core/validate/rules/budget';
import { checkDuplicates } from '../src/core/validate/rules/duplicates';
import { checkCoverage } from '../src/core/validate/rules/coverage';
import { checkKeyDates } from '../src/core/validate/rules/keyDates';
import { sortFindings } from '../src/core/validate/codes';

const TASKS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 50_000);
const LINES = TASKS * 2;
const MILESTONES = Math.floor(TASKS / 2);

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { region: '江苏省', ceilings: { c2: 1e6 } });

// Deterministic pseudo-random numbers (mulberry32).
let seed = 42;
const rand = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];

const letters = (cols: { key: string }[]) => Object.fromEntries(cols.map((c, i) => [c.key, String.fromCharCode(65 + i)]));
const TL = letters(TASK_COLUMNS), BL = letters(BUDGET_COLUMNS), ML = letters(MILESTONE_COLUMNS);
const FILE = 'bench.xlsx';
const CITIES = ['南京', '无锡', '徐州', '常州', '苏州', '南通', '连云港', '淮安', '盐城', '扬州', '镇江', '泰州', '宿迁'];
const OWNERS = ['张三', '李四', '王五', '赵六', '钱七', '孙八'];
/**
 * How dates come back from a workbook: date cells as Date objects (xlsx libraries) or serial numbers
 * (Chinese built-in date formats, Office.js values); text typed into a date cell is the exception.
 * `--dirty` makes every form equally likely (many more reformatting findings).
 */
const DIRTY = process.argv.includes('--dirty');
const DATE_FORMS = [
  (m: number, d: number) => `2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  (m: number, d: number) => `2023年${m}月${d}日`,
  (m: number, d: number) => 44927 + Math.round((Date.UTC(2023, m - 1, d) - Date.UTC(2023, 0, 1)) / 864e5),
  (m: number, d: number) => new Date(Date.UTC(2023, m - 1, d)),
  (m: number, d: number) => `2023/${m}/${d}`,
];
const pickDate = (m: number, d: number) => {
  if (DIRTY) return pick(DATE_FORMS)(m, d);
  const r = rand();
  return r < 0.55 ? DATE_FORMS[3](m, d) : r < 0.9 ? DATE_FORMS[2](m, d) : r < 0.96 ? DATE_FORMS[0](m, d) : pick(DATE_FORMS)(m, d);
};

function build(): RawSubmission {
  const tasks: RawRow[] = [];
  const lines: RawRow[] = [];
  const milestones: RawRow[] = [];
  for (let i = 0; i < TASKS; i++) {
    const p = catalog.points[i % catalog.points.length];
    const m = p.measures[Math.floor(rand() * p.measures.length)];
    const cid = m.committeeId ?? p.committeeIds[0];
    const committee = catalog.committees.find((c) => c.id === cid)!.name;
    const from = Math.floor(rand() * Math.max(1, m.text.length - 16));
    const frag = m.text.slice(from, from + 8 + Math.floor(rand() * 10)).replace(/[。，、“”]/g, '');
    const dup = i > 100 && rand() < 0.01;
    const name = dup ? (tasks[i - 17].cells.name as string) : `${pick(CITIES)}${frag}第${i}期`;
    const sm = 1 + Math.floor(rand() * 9), em = sm + 1 + Math.floor(rand() * (12 - sm));
    const bad = rand();
    tasks.push({
      source: { file: FILE, sheet: '任务表', row: i + 3 },
      cells: {
        code: `T${String(i + 1).padStart(5, '0')}`,
        point: rand() < 0.7 ? `${p.number} ${p.title}` : bad < 0.02 ? '' : p.number,
        name,
        content: m.text,
        committee: rand() < 0.9 ? committee : `江苏省老科协${committee}`,
        owner: bad < 0.03 ? '' : pick(OWNERS),
        partners: '',
        start: bad > 0.98 ? '二季度' : pickDate(sm, 1 + Math.floor(rand() * 28)),
        end: bad > 0.97 && bad < 0.975 ? '2024-01-10' : pickDate(em, 1 + Math.floor(rand() * 28)),
        kpi: '完成 1 项',
        budgetTotal: { formula: `SUMIF(预算明细!A:A,A${i + 3},预算明细!H:H)` },
        draft: rand() < 0.05 ? '草稿' : null,
        remarks: null,
      },
      columns: TL,
    });
  }
  for (let j = 0; j < LINES; j++) {
    const t = Math.floor(j / 2);
    const bad = rand();
    const price = Math.round(rand() * 100) / 100;
    const qty = 1 + Math.floor(rand() * 30);
    const times = 1 + Math.floor(rand() * 3);
    lines.push({
      source: { file: FILE, sheet: '预算明细', row: j + 3 },
      cells: {
        taskCode: bad < 0.005 ? 'T99999' : `T${String(t + 1).padStart(5, '0')}`,
        taskName: { formula: 'VLOOKUP(A3,任务表!A:C,3,FALSE)' },
        expenseCategory: pick(settings.expenseCategories),
        fundingSource: pick(settings.fundingSources),
        unitPrice: price,
        quantity: qty,
        times,
        amount: bad < 0.01 ? '约5万' : bad < 0.05 ? `${Math.round(price * qty * times * 10000)}元` : rand() < 0.5 ? { formula: `E${j + 3}*F${j + 3}*G${j + 3}` } : Math.round(price * qty * times * 100) / 100,
        basis: '按标准测算',
      },
      columns: BL,
    });
  }
  for (let k = 0; k < MILESTONES; k++) {
    milestones.push({
      source: { file: FILE, sheet: '里程碑', row: k + 3 },
      cells: { taskCode: `T${String(k * 2 + 1).padStart(5, '0')}`, taskName: null, date: tasks[k * 2].cells.end, deliverableType: pick(settings.deliverableTypes), deliverable: '阶段成果' },
      columns: ML,
    });
  }
  return { file: FILE, meta: { year: '2023', catalogHash: catalog.hash }, tasks, budgetLines: lines, milestones, readFindings: [] };
}

const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
const raw = build();
const rows = raw.tasks.length + raw.budgetLines.length + raw.milestones.length;
const base = process.memoryUsage();
console.log(`bench:validate — ${raw.tasks.length} tasks, ${raw.budgetLines.length} budget lines, ${raw.milestones.length} milestones (${rows} rows)`);
console.log(`  fixture built: rss ${mb(base.rss)} MB, heapUsed ${mb(base.heapUsed)} MB`);

let peakRss = base.rss, peakHeap = base.heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

/** CPU time of the process (user + system, all threads, incl. GC helpers), ms: less sensitive than wall time to other load on the machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function once(label: string): number {
  const c0 = cpuMs();
  const t0 = performance.now();
  const n = normaliseSubmission(raw, catalog, settings);
  sample();
  const t1 = performance.now();
  const v = validateSubmission(n.submission, catalog, settings);
  sample();
  const t2 = performance.now();
  const all = checkSubmission; // same work as above, by its public name (not timed twice)
  void all;
  const ms = t2 - t0;
  const cpu = cpuMs() - c0;
  const bySev = { error: 0, warning: 0, info: 0 } as Record<string, number>;
  for (const f of [...n.findings, ...v]) bySev[f.severity]++;
  console.log(
    `  ${label}: ${ms.toFixed(0)} ms (normalise ${(t1 - t0).toFixed(0)} ms, validate ${(t2 - t1).toFixed(0)} ms; cpu ${cpu.toFixed(0)} ms), ` +
      `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s, findings ${n.findings.length + v.length} ` +
      `(error ${bySev.error}, warning ${bySev.warning}, info ${bySev.info})`,
  );
  return ms;
}

const times: number[] = [];
times.push(once('run 1 (cold)'));
const coldRss = process.resourceUsage().maxRSS * 1024;
console.log(`  peak after the cold run: rss ${mb(coldRss)} MB (process maxRSS), heapUsed ${mb(peakHeap)} MB`);
for (let i = 2; i <= 4; i++) times.push(once(`run ${i}`));
const warm = times.slice(1).sort((a, b) => a - b);
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(`  elapsed: cold ${times[0].toFixed(0)} ms, warm median ${warm[1].toFixed(0)} ms → ${Math.round(rows / (warm[1] / 1000)).toLocaleString('en')} rows/s`);
console.log(`  peak memory over all runs: rss ${mb(Math.max(peakRss, maxRss))} MB (process maxRSS, fixture included), heapUsed ${mb(peakHeap)} MB (sampled after each phase)`);
console.log(`  target: < 500 ms and < 300 MB → ${times[0] < 500 ? 'time OK' : 'time MISSED'} (cold), ${warm[1] < 500 ? 'OK' : 'MISSED'} (warm); ${coldRss < 300 * 1024 * 1024 ? 'memory OK' : 'memory MISSED'} (cold run peak)`);

// Where the validate time goes (one more run, rule by rule).
{
  const { submission } = normaliseSubmission(raw, catalog, settings);
  const out: string[] = [];
  let t = performance.now();
  const lap = (name: string) => {
    const n = performance.now();
    out.push(`${name} ${(n - t).toFixed(0)}`);
    t = n;
  };
  const ctx = buildContext(submission, catalog, settings);
  lap('context');
  checkSubmissionMeta(ctx); lap('submission');
  checkRequired(ctx); lap('required');
  checkDrafts(ctx); lap('drafts');
  checkPoints(ctx); lap('points (similarity)');
  checkCommittees(ctx); lap('committees');
  checkDates(ctx); lap('dates');
  checkAmounts(ctx); lap('amounts');
  checkBudget(ctx); lap('budget');
  checkDuplicates(ctx); lap('duplicates');
  checkCoverage(ctx); lap('coverage');
  checkKeyDates(ctx); lap('key dates');
  sortFindings(ctx.findings); lap('sort');
  console.log(`  validate by rule (ms): ${out.join(', ')}`);
}
