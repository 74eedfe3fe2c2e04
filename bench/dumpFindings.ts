/**
 * Dump what normalise + validate make of the bench fixture, to compare before/after an optimisation:
 *   npx tsx bench/dumpFindings.ts OUT_DIR
 *   npx tsx bench/dumpFindings.ts OUT_DIR --corpus DIR   # also every .xlsx of DIR (bench:consolidate's catalog)
 *   (--no-fixture: the corpus only)
 * writes, for each case (50,000 and 2,000 tasks, clean and --dirty): <case>.findings.json (every
 * finding, in order) and <case>.submission.sha256 (hash of a canonical dump of the submission: every
 * row's values and every field's value, raw, empty, unreadable, note, flags). Diff two OUT_DIRs.
 * With --corpus: corpus.findings.json (checkSubmission's findings of every file, in file order) and
 * corpus.findings.sha256.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseSubmission } from '../src/core/plan/submission';
import type { Normalised } from '../src/core/plan/types';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, TASK_COLUMNS } from '../src/core/sheets/columns';
import { checkSubmission, validateSubmission } from '../src/core/validate';
import { buildFixture } from './validateFixture';
import { readdirSync, readFileSync } from 'node:fs';
import { parseCatalog } from '../src/core/catalog/parse';
import { defaultSettings } from '../src/core/plan/settings';
import { readWorkbook } from '../src/hosts/xlsx/read';
import { inflateRaw } from '../src/cli/inflate';
import { benchOutline } from './outline';

const out = process.argv[2] ?? '/tmp/dump';
const ci = process.argv.indexOf('--corpus');
const jsonOf = (x: unknown) => JSON.stringify(x, (_k, v) => (v instanceof Date ? { date: v.getTime() } : v), 1);
mkdirSync(out, { recursive: true });

const rawOf = (r: unknown) => (r instanceof Date ? { date: r.getTime() } : r);
const fieldJson = (f: Normalised<unknown> | undefined) =>
  f === undefined ? null : [f.value, rawOf(f.raw), f.empty, f.unreadable, f.note, f.flags ?? null];
function fieldsJson(fields: Record<string, Normalised<unknown>> | undefined, keys: string[]) {
  if (!fields) return null;
  const o: Record<string, unknown> = {};
  for (const k of keys) o[k] = fieldJson(fields[k]);
  const extra = Object.keys(fields).filter((k) => !keys.includes(k)).sort();
  for (const k of extra) o[k] = fieldJson(fields[k]);
  return o;
}
const TK = TASK_COLUMNS.map((c) => c.key), BK = BUDGET_COLUMNS.map((c) => c.key), MK = MILESTONE_COLUMNS.map((c) => c.key);

const CASES = process.argv.includes('--no-fixture') ? [] : ([[50_000, false], [50_000, true], [2_000, false], [2_000, true]] as const);
for (const [tasks, dirty] of CASES) {
  const name = `${tasks}${dirty ? '-dirty' : ''}`;
  const { catalog, settings, raw } = buildFixture(tasks, dirty);
  const n = normaliseSubmission(raw, catalog, settings);
  const v = validateSubmission(n.submission, catalog, settings);
  const all = checkSubmission(raw, catalog, settings);
  const findings = { normalise: n.findings, validate: v, checkSubmission: all.findings };
  writeFileSync(join(out, `${name}.findings.json`), JSON.stringify(findings, (_k, x) => (x instanceof Date ? { date: x.getTime() } : x), 1));
  const h = createHash('sha256');
  const s = n.submission;
  h.update(JSON.stringify([s.file, s.meta, s.committeeId, s.tasks.length, s.budgetLines.length, s.orphanMilestones.length]));
  const ms = (m: (typeof s.orphanMilestones)[number]) =>
    JSON.stringify([m.taskCode, m.date, m.deliverableType, m.deliverable, m.source, m.columns ?? null, fieldsJson(m.fields, MK)]);
  for (const t of s.tasks) {
    const { fields, milestones, ...rest } = t;
    h.update(JSON.stringify([Object.keys(rest).sort().map((k) => [k, (rest as Record<string, unknown>)[k]]), fieldsJson(fields, TK)]));
    for (const m of milestones) h.update(ms(m));
  }
  for (const l of s.budgetLines) {
    const { fields, ...rest } = l;
    h.update(JSON.stringify([Object.keys(rest).sort().map((k) => [k, (rest as Record<string, unknown>)[k]]), fieldsJson(fields, BK)]));
  }
  for (const m of s.orphanMilestones) h.update(ms(m));
  writeFileSync(join(out, `${name}.submission.sha256`), h.digest('hex') + '\n');
  console.log(`${name}: ${n.findings.length + v.length} findings, checkSubmission ${all.findings.length}`);
}

async function corpus(dir: string): Promise<void> {
  const names = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort();
  const catalog = parseCatalog(benchOutline(names.length));
  const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', year: 2023 });
  const all: unknown[] = [];
  for (const n of names) {
    const r = await readWorkbook(new Uint8Array(readFileSync(join(dir, n))), n, { inflate: inflateRaw });
    all.push(r.raw ? checkSubmission(r.raw, catalog, settings).findings : { notRead: n });
  }
  const text = jsonOf(all);
  writeFileSync(join(out, 'corpus.findings.json'), text);
  writeFileSync(join(out, 'corpus.findings.sha256'), createHash('sha256').update(text).digest('hex') + '\n');
  console.log(`corpus: ${names.length} files, ${all.reduce((s: number, f) => s + (Array.isArray(f) ? f.length : 0), 0)} findings`);
}
if (ci > 0) void corpus(process.argv[ci + 1]);
