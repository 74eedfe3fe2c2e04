/**
 * bench:suggest — how well the point suggestions and the “fits another point better” check work, on a
 * labelled set built from the 2023 outline (bench/suggestSet.ts): each measure → its point, paraphrases
 * (shortened, reordered, synonyms) and tasks written for each committee.
 *
 *   top-1 / top-3   the point suggested for a task is its point / among the first 3: as validation suggests it in the
 *                   workbook of the point's committee (suggestForCommittee), and from the text alone (suggestPoints)
 *   shown           the share of tasks for which validation shows the suggestion (score ≥ SUGGEST_MIN_SCORE), and
 *                   how often that shown suggestion is right
 *   false alarms    task.point.betterFit on tasks filed under their right point (target ≤ 2 %)
 *   misfiled caught task.point.betterFit on written tasks filed under another committee's point
 *
 *   npm run bench:suggest
 */
import { defaultCatalog } from '../src/core/catalog';
import { buildPointIndex, suggestPoints } from '../src/core/catalog/similarity';
import { taskTextScorer } from '../src/core/catalog/taskScorer';
import { BETTER_MARGIN, BETTER_MIN_SCORE, BETTER_RATIO, SUGGEST_MIN_SCORE, suggestForCommittee } from '../src/core/validate/rules/point';
import { CONTENT_CHARS } from '../src/core/validate/rules/context';
import { labelledSet } from './suggestSet';
import type { Kind, Labelled } from './suggestSet';

const catalog = defaultCatalog();
const index = buildPointIndex(catalog);
const scorer = taskTextScorer(index, CONTENT_CHARS);
const pointIdx = new Map(catalog.points.map((p, i) => [p.number, i]));
const scratch = new Float64Array(catalog.points.length);

const text = (t: Labelled) => (t.content ? `${t.name}。${t.content.slice(0, CONTENT_CHARS)}` : t.name);

/** Would validation say “this text fits point X much better” for a task filed under `filed`? */
export function betterFit(t: Labelled, filed: number): number | null {
  const scores = scorer.score(t.name, t.content, scratch);
  const own = scores[pointIdx.get(filed)!];
  let best = -1;
  for (let i = 0; i < scores.length; i++) if (i !== pointIdx.get(filed) && (best < 0 || scores[i] > scores[best])) best = i;
  return best >= 0 && scores[best] >= BETTER_MIN_SCORE && scores[best] >= BETTER_RATIO * own + BETTER_MARGIN ? catalog.points[best].number : null;
}

/** Another committee's point for a misfiled copy of a written task: the first point after it that none of its committees shares. */
function wrongPoint(point: number): number {
  const own = catalog.points.find((p) => p.number === point)!;
  for (let k = 1; k < catalog.points.length; k++) {
    const q = catalog.points[(pointIdx.get(point)! + k * 5) % catalog.points.length];
    if (!q.committeeIds.some((c) => own.committeeIds.includes(c))) return q.number;
  }
  return point;
}

/** The suggestions validation makes for a task of this point, in the workbook of the point's (first) committee. */
function suggestions(t: Labelled, k: number) {
  const committee = catalog.points.find((p) => p.number === t.point)!.committeeIds[0] ?? null;
  return suggestForCommittee(index, catalog, committee, text(t), k);
}
const suggested = (t: Labelled, k: number): number[] => suggestions(t, k).map((s) => s.point);

export interface SuggestFigures {
  rows: { kind: Kind | 'all'; n: number; top1: number; top3: number; textTop1: number; textTop3: number; shown: number; shownRight: number; falseAlarms: number }[];
  misfiled: { n: number; caught: number };
  misses: string[];
}

export function measureSuggestions(): SuggestFigures {
  const set = labelledSet(catalog);
  const kinds: (Kind | 'all')[] = ['measure', 'shortened', 'reordered', 'synonyms', 'written', 'all'];
  const rows = kinds.map((kind) => {
    const items = kind === 'all' ? set : set.filter((t) => t.kind === kind);
    let top1 = 0, top3 = 0, textTop1 = 0, textTop3 = 0, alarms = 0, shown = 0, shownRight = 0;
    for (const t of items) {
      const first = suggestions(t, 1)[0];
      if (first && first.score >= SUGGEST_MIN_SCORE) {
        shown++;
        if (first.point === t.point) shownRight++;
      }
      const top = suggested(t, 3);
      if (top[0] === t.point) top1++;
      if (top.includes(t.point)) top3++;
      const byText = suggestPoints(index, text(t), 3).map((s) => s.point);
      if (byText[0] === t.point) textTop1++;
      if (byText.includes(t.point)) textTop3++;
      if (betterFit(t, t.point) !== null) alarms++;
    }
    const n = items.length;
    return { kind, n, top1: top1 / n, top3: top3 / n, textTop1: textTop1 / n, textTop3: textTop3 / n, shown: shown / n, shownRight: shown ? shownRight / shown : 1, falseAlarms: alarms / n };
  });
  const written = set.filter((t) => t.kind === 'written');
  const caught = written.filter((t) => betterFit(t, wrongPoint(t.point)) !== null).length;
  const misses = set.filter((t) => suggested(t, 1)[0] !== t.point).map((t) => `${t.kind} ${t.point}→${suggested(t, 1)[0] ?? '—'}: ${t.name}`);
  return { rows, misfiled: { n: written.length, caught: caught / written.length }, misses };
}

if (require.main === module) {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);
  const f = measureSuggestions();
  console.log('                in the committee’s workbook   from the text alone   suggestion shown');
  console.log('kind          n    top-1    top-3            top-1    top-3        shown    right   false alarms');
  for (const r of f.rows) {
    console.log(`${r.kind.padEnd(10)} ${String(r.n).padStart(4)} ${pct(r.top1)} ${pct(r.top3)}         ${pct(r.textTop1)} ${pct(r.textTop3)}     ${pct(r.shown)} ${pct(r.shownRight)}   ${pct(r.falseAlarms)}`);
  }
  console.log(`written tasks filed under another committee's point, caught by betterFit: ${pct(f.misfiled.caught).trim()} of ${f.misfiled.n}`);
  console.log('targets: top-1 ≥ 90 %, false alarms ≤ 2 %');
  if (process.argv.includes('--misses')) for (const m of f.misses) console.log('  miss', m);
}
