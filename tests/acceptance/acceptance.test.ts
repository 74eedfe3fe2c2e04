/**
 * Acceptance of issue 10: a corpus made by code (tests/helpers/acceptanceCorpus.ts) — all 7
 * committees, 20–60 tasks each, amounts and dates in every form a clerk types, files saved by
 * excelts, by openpyxl (formula values empty) and re-saved by LibreOffice, a resubmission saved later
 * under a name that sorts first — goes through `plan-budget consolidate`. The totals per committee
 * and per point in the summary must equal those a small Python/pandas checker
 * (tests/acceptance/check_totals.py) computes from the corpus's own record of what was typed, not
 * from our reader; every task and budget row must be in 任务汇总 / 预算汇总 or in 问题清单; every
 * reading that changes magnitude must be listed in 问题清单 with the value it was read as.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { readPreviousSummaryBytes } from '../../src/hosts/xlsx/fastRead';
import { buildAcceptanceCorpus, PYTHON } from '../helpers/acceptanceCorpus';
import type { CorpusLine, CorpusRecord, CorpusTask } from '../helpers/acceptanceCorpus';
import { AMOUNT_FORMS, DATE_FORMS, chineseInteger } from '../helpers/clerkSpellings';
import { hasLibreOffice } from '../helpers/libreoffice';

jest.setTimeout(180_000);

const CHECKER = join(__dirname, 'check_totals.py');
const dir = mkdtempSync(join(tmpdir(), 'pb-acceptance-'));
afterAll(() => {
  if (process.env.KEEP) console.log(dir);
  else rmSync(dir, { recursive: true, force: true });
});

/** What the checker prints: the expected totals (from the record) and what the summary holds (read by pandas). */
interface Checked {
  expected: { byCommittee: Record<string, number>; byPoint: Record<string, number>; total: number; tasks: number; lines: number };
  summary: {
    byCommittee: Record<string, number>;
    byPoint: Record<string, number>;
    total: number;
    /** file, sheet, row, code, status, start, end, point */
    taskRows: [string, string, number, string, string, string | null, string | null, number | null][];
    /** file, sheet, row, amount */
    lineRows: [string, string, number, number | null][];
    /** level, file, sheet, cell, code, message, raw */
    findings: [string, string | null, string | null, string | null, string, string, unknown][];
    /** committee, status, file */
    roster: [string | null, string, string | null][];
  };
}

let record: CorpusRecord;
let checked: Checked;
let stdout = '';

beforeAll(async () => {
  if (!hasLibreOffice()) throw new Error('LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui');
  record = await buildAcceptanceCorpus({ dir });
  let stderr = '';
  await main(['consolidate', 'inbox', '-o', '汇总.xlsx', '--settings', 'settings.json'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd: dir,
  });
  if (stderr) console.log(stderr);
  const out = execFileSync(PYTHON, [CHECKER, join(dir, 'record.json'), join(dir, '汇总.xlsx')], { maxBuffer: 64 * 1024 * 1024 });
  checked = JSON.parse(out.toString('utf8'));
});

const key = (file: string | null, sheet: string | null, row: number | null) => `${file}|${sheet}|${row}`;
/** Row number of a finding's cell ("H12" → 12, "第12行" → 12), or 0 for a file-level finding. */
const rowOf = (cell: string | null) => Number(/(\d+)/.exec(cell ?? '')?.[1] ?? 0);
/** Codes of the file-level findings that stand for every row of a file that does not count. */
const FILE_LEVEL = /^consolidate\.(replaced|refused\.)/;

describe('the corpus is the one the issue asks for', () => {
  test('its Chinese numerals are spelled as people write them', () => {
    expect([35000, 12000, 125000, 3500, 100500, 1005].map((n) => chineseInteger(n))).toEqual(['三万五千', '一万二千', '十二万五千', '三千五百', '十万零五百', '一千零五']);
    expect([35000, 500, 125000].map((n) => chineseInteger(n, true))).toEqual(['叁万伍仟', '伍佰', '壹拾贰万伍仟']);
  });

  test('7 committees, 20–60 tasks each, every amount and date form, three ways of saving, a later-saved resubmission that sorts first', () => {
    const counted = record.files.filter((f) => f.counted);
    expect(new Set(counted.map((f) => f.committeeId)).size).toBe(7);
    for (const f of record.files) {
      const n = record.tasks.filter((t) => t.file === f.name).length;
      expect([f.name, n >= 20 && n <= 60]).toEqual([f.name, true]);
      const lines = record.lines.filter((l) => l.file === f.name);
      expect([f.name, new Set(lines.map((l) => l.form)).size]).toEqual([f.name, AMOUNT_FORMS.length]);
      expect(record.milestones.some((m) => m.file === f.name)).toBe(true);
    }
    const dateForms = new Set(record.tasks.flatMap((t) => [t.startForm, t.endForm]));
    expect([...dateForms].sort()).toEqual([...DATE_FORMS].sort());
    expect(new Set(record.files.map((f) => f.savedBy))).toEqual(new Set(['excelts', 'openpyxl', 'excelts+libreoffice', 'openpyxl+libreoffice']));
    const resubmitted = record.files.filter((f) => f.committeeId === 'c2');
    const [later, earlier] = [...resubmitted].sort((a, b) => (a.modified! > b.modified! ? -1 : 1));
    expect(later.counted && !earlier.counted).toBe(true);
    expect(later.name < earlier.name).toBe(true);
  });
});

describe('plan-budget consolidate on the corpus, against the pandas checker', () => {
  test('the latest resubmission by saved time counts; the other is 被替换', () => {
    const status = (file: string) => checked.summary.roster.filter((r) => r[2] === file).map((r) => r[1]);
    for (const f of record.files.filter((x) => x.committeeId === 'c2')) {
      expect([f.name, status(f.name)]).toEqual([f.name, f.counted ? [expect.stringMatching(/^(已提交|有错误)$/)] : ['被替换']]);
    }
  });

  test('budget totals per committee equal the checker’s', () => {
    expect(checked.summary.byCommittee).toEqual(checked.expected.byCommittee);
  });

  test('budget totals per point equal the checker’s', () => {
    const got = { ...checked.summary.byPoint };
    if (got['未对应要点'] === 0) delete got['未对应要点'];
    expect(got).toEqual(checked.expected.byPoint);
  });

  test('the summary’s own record of its totals (_summary, by the fast reader) equals the checker’s', async () => {
    const prev = (await readPreviousSummaryBytes(new Uint8Array(readFileSync(join(dir, '汇总.xlsx')))))!;
    const r4 = (n: number) => Math.round(n * 1e4) / 1e4;
    const nameOf = (id: string) => record.files.find((f) => f.committeeId === id)?.committee ?? id;
    const byCommittee = Object.fromEntries(Object.entries(prev.budgetByCommittee).map(([id, v]) => [nameOf(id), r4(v)]));
    const byPoint = Object.fromEntries(Object.entries(prev.budgetByPoint).filter(([, v]) => v !== 0).map(([p, v]) => [p, r4(v)]));
    expect({ byCommittee, byPoint }).toEqual({ byCommittee: checked.expected.byCommittee, byPoint: checked.expected.byPoint });
  });

  test('the grand total: 预算汇总 and the CLI report equal the checker’s', () => {
    expect(checked.summary.total).toBeCloseTo(checked.expected.total, 4);
    const m = /合计 ([\d,.]+)万元/.exec(stdout);
    expect(Number(m?.[1].replace(/,/g, ''))).toBeCloseTo(checked.expected.total, 4);
  });

  test('every task row is in 任务汇总 or 问题清单; 任务汇总 holds exactly the tasks of the files that count', () => {
    const inSummary = new Set(checked.summary.taskRows.map((r) => key(r[0], r[1], r[2])));
    const fileLevel = new Set(checked.summary.findings.filter((f) => FILE_LEVEL.test(f[4])).map((f) => f[1]));
    const rowLevel = new Set(checked.summary.findings.map((f) => key(f[1], f[2], rowOf(f[3]))));
    const lost = record.tasks.filter((t) => !inSummary.has(key(t.file, '任务表', t.row)) && !fileLevel.has(t.file) && !rowLevel.has(key(t.file, '任务表', t.row)));
    expect(lost.map((t) => `${t.file} 任务表 第${t.row}行 ${t.code}`)).toEqual([]);
    const want = new Set(record.tasks.filter((t) => t.counted).map((t) => key(t.file, '任务表', t.row)));
    const extra = [...inSummary].filter((k) => !want.has(k));
    const missing = [...want].filter((k) => !inSummary.has(k));
    expect({ extra: extra.length, missing: missing.length, examples: [...extra.slice(0, 2), ...missing.slice(0, 2)] }).toEqual({ extra: 0, missing: 0, examples: [] });
  });

  test('every budget row is in 预算汇总 or 问题清单; 预算汇总 holds exactly the lines typed in the files that count (no phantom lines)', () => {
    const inSummary = new Set(checked.summary.lineRows.map((r) => key(r[0], r[1], r[2])));
    const fileLevel = new Set(checked.summary.findings.filter((f) => FILE_LEVEL.test(f[4])).map((f) => f[1]));
    const rowLevel = new Set(checked.summary.findings.map((f) => key(f[1], f[2], rowOf(f[3]))));
    const lost = record.lines.filter((l) => !inSummary.has(key(l.file, '预算明细', l.row)) && !fileLevel.has(l.file) && !rowLevel.has(key(l.file, '预算明细', l.row)));
    expect(lost.map((l) => `${l.file} 预算明细 第${l.row}行`)).toEqual([]);
    const want = new Set(record.lines.filter((l) => l.counted).map((l) => key(l.file, '预算明细', l.row)));
    const phantom = [...inSummary].filter((k) => !want.has(k));
    const missing = [...want].filter((k) => !inSummary.has(k));
    expect({ phantom: phantom.length, missing: missing.length, examples: [...phantom.slice(0, 3), ...missing.slice(0, 3)] }).toEqual({ phantom: 0, missing: 0, examples: [] });
  });

  test('every amount in 预算汇总 is its true value, form by form', () => {
    const amount = new Map(checked.summary.lineRows.map((r) => [key(r[0], r[1], r[2]), r[3]]));
    const wrong: Record<string, string> = {};
    for (const form of AMOUNT_FORMS) {
      // Of the lines in 预算汇总 (whether each should be there is the row test's business).
      const lines = record.lines.filter((l) => l.form === form && amount.has(key(l.file, '预算明细', l.row)));
      const bad = lines.filter((l) => {
        const got = amount.get(key(l.file, '预算明细', l.row));
        return got === null || got === undefined || Math.abs(got - l.wan) > 5e-5;
      });
      if (bad.length) {
        const e = bad[0];
        wrong[form] = `${bad.length}/${lines.length} wrong, e.g. ${e.file} 第${e.row}行 ${JSON.stringify(e.raw ?? `=${e.unitPrice}×${e.quantity}×${e.times}`)} → ${amount.get(key(e.file, '预算明细', e.row)) ?? '(empty)'} (want ${e.wan})`;
      }
    }
    expect(wrong).toEqual({});
  });

  test('every magnitude-changing reading (unit, numeral, ¥) is listed in 问题清单 at its cell, with the value it was read as', () => {
    const at = new Map<string, string[]>();
    for (const f of checked.summary.findings) {
      const k = `${f[1]}|${f[2]}|${f[3]}`;
      at.set(k, [...(at.get(k) ?? []), f[5]]);
    }
    /** The message names the value (the typed text quoted in “…” left out). */
    const names = (message: string, wan: number) => new RegExp(`(^|[^\\d.])${String(wan).replace('.', '\\.')}([^\\d.]|$)`).test(message.replace(/“[^”]*”/g, ''));
    /** Files whose rows are in the summary (a replaced file's findings are not: it does not count). */
    const consolidated = new Set(checked.summary.lineRows.map((r) => r[0]));
    const unlisted = (l: CorpusLine) => !(at.get(`${l.file}|预算明细|${record.amountColumn}${l.row}`) ?? []).some((m) => names(m, l.wan));
    const missing: Record<string, string> = {};
    for (const form of AMOUNT_FORMS) {
      const lines = record.lines.filter((l) => l.magnitude && l.form === form && consolidated.has(l.file));
      const bad = lines.filter(unlisted);
      if (bad.length) {
        const e = bad[0];
        const there = at.get(`${e.file}|预算明细|${record.amountColumn}${e.row}`) ?? [];
        missing[form] = `${bad.length}/${lines.length} not listed with the value read, e.g. ${e.file} ${record.amountColumn}${e.row} ${JSON.stringify(e.raw)} (true ${e.wan} 万元): ${there.length ? there.join(' / ') : 'no finding'}`;
      }
    }
    expect(missing).toEqual({});
  });

  test('every date in 任务汇总 is the day typed, form by form', () => {
    const byRow = new Map(checked.summary.taskRows.map((r) => [key(r[0], r[1], r[2]), r]));
    const wrong: Record<string, string> = {};
    for (const form of DATE_FORMS) {
      // Of the tasks in 任务汇总 (whether each should be there is the row test's business).
      const cases: { t: CorpusTask; which: 'start' | 'end' }[] = record.tasks
        .filter((t) => byRow.has(key(t.file, '任务表', t.row)))
        .flatMap((t) => [...(t.startForm === form ? [{ t, which: 'start' as const }] : []), ...(t.endForm === form ? [{ t, which: 'end' as const }] : [])]);
      const got = (c: { t: CorpusTask; which: 'start' | 'end' }) => byRow.get(key(c.t.file, '任务表', c.t.row))?.[c.which === 'start' ? 5 : 6];
      const bad = cases.filter((c) => got(c) !== c.t[c.which]);
      if (bad.length) {
        const e = bad[0];
        wrong[form] = `${bad.length}/${cases.length} wrong, e.g. ${e.t.file} 第${e.t.row}行 ${e.which} ${JSON.stringify(e.which === 'start' ? e.t.startRaw : e.t.endRaw)} → ${got(e) ?? '(empty)'} (want ${e.t[e.which]})`;
      }
    }
    expect(wrong).toEqual({});
  });
});
