/**
 * Work point and committee of every task: missing / unreadable / unknown point (with a suggestion
 * from the task text), number vs title mismatch, a text that fits another point much better,
 * committee unreadable, committee not responsible for the point (measure-level for points with
 * several committees, e.g. point 15), a task of another committee than the workbook's.
 */
import { suggestPoints } from '../../catalog/similarity';
import type { PointIndex, PointSuggestion } from '../../catalog/similarity';
import type { Catalog } from '../../catalog/types';
import { fillRegion } from '../../catalog/index';
import type { Task } from '../../plan/types';
import { CELL_EMPTY, CELL_NOTABLE, CELL_UNREADABLE, cellStatus, recordOf, TASK_COL } from '../../plan/rows';
import { makeFinding } from '../codes';
import type { Finding } from '../types';
import { at, CONTENT_CHARS, fitWord, pointLookupsOf, taskText } from './context';
import type { RuleContext } from './context';

/** A suggestion is offered from this score up; written by one click only when clearly ahead. */
export const SUGGEST_MIN_SCORE = 0.1;
export const AUTOFIX_MIN_SCORE = 0.15;
export const AUTOFIX_MIN_RATIO = 1.5;
/**
 * betterFit: the other point scores at least this, and at least BETTER_RATIO × the given point + BETTER_MARGIN.
 * Chosen with bench:suggest (bench/suggest.ts): no false alarm on rightly filed tasks of its labelled set, and
 * tasks written in the clerks' own words (scores 0.1–0.2 against their point, ~0.01 against a wrong one) are caught.
 * The ratio 2.5 (not 2) keeps mayFitOther's cheap bound ruling out as many tasks as before: bench:validate no slower.
 */
export const BETTER_MIN_SCORE = 0.1;
export const BETTER_RATIO = 2.5;
export const BETTER_MARGIN = 0.04;

/** Points a committee is responsible for (all of a point, or some of its measures). */
const committeePoints = new WeakMap<Catalog, Map<string, ReadonlySet<number>>>();
function pointsOfCommittee(catalog: Catalog, cid: string | null): ReadonlySet<number> | undefined {
  if (!cid) return undefined;
  let byId = committeePoints.get(catalog);
  if (!byId) committeePoints.set(catalog, (byId = new Map()));
  let set = byId.get(cid);
  if (!set) byId.set(cid, (set = new Set(catalog.points.filter((p) => p.committeeIds.includes(cid) || p.measures.some((m) => m.committeeId === cid)).map((p) => p.number))));
  return set.size ? set : undefined;
}

/** The committee's own points are suggested while their best scores at least this share of the best of all points. */
export const OWN_POINTS_SHARE = 0.5;

/**
 * The points suggested for a task text in a committee's workbook: the committee's own points (a workbook's tasks
 * are its committee's work; bench:suggest: 88.9 % → 91.9 % top-1 on tasks written in the clerks' words), unless
 * another committee's point fits more than twice as well.
 */
export function suggestForCommittee(index: PointIndex, catalog: Catalog, committeeId: string | null, text: string, k = 2): PointSuggestion[] {
  if (!text) return [];
  const all = suggestPoints(index, text, k);
  const mine = pointsOfCommittee(catalog, committeeId);
  const own = mine ? suggestPoints(index, text, k, mine) : [];
  return own.length && all.length && own[0].score >= OWN_POINTS_SHARE * all[0].score ? own : all;
}

function suggestion(ctx: RuleContext, t: Task): { params: Record<string, string>; autoFix?: Finding['autoFix'] } {
  const top = suggestForCommittee(ctx.index, ctx.catalog, ctx.submission.committeeId, taskText(t), 2);
  if (!top.length || top[0].score < SUGGEST_MIN_SCORE) return { params: { suggestion: '', suggestionEn: '' } };
  const p = ctx.pointByNumber.get(top[0].point)!;
  const params = {
    suggestion: `根据任务内容，建议要点 ${p.number}“${p.title}”（相符程度${fitWord(top[0].score)}）。`,
    suggestionEn: ` From the task text, point ${p.number} is suggested (score ${top[0].score}).`,
  };
  const clear = top[0].score >= AUTOFIX_MIN_SCORE && (top.length < 2 || top[0].score >= AUTOFIX_MIN_RATIO * top[1].score);
  if (!clear) return { params };
  const value = `${p.number} ${fillRegion(p.title, ctx.settings.region)}`;
  return { params, autoFix: { value, label: { zh: `填入要点“${value}”`, en: `Write point "${value}"` } } };
}

const POINT_COL = TASK_COL.get('point')!, COMMITTEE_COL = TASK_COL.get('committee')!;

function committeeNames(ctx: RuleContext, ids: (string | null)[]): { zh: string; en: string } {
  const names = ids.filter((x): x is string => !!x).map((id) => ctx.catalog.committees.find((c) => c.id === id)?.name ?? id);
  return { zh: names.map((n) => `“${n}”`).join('、'), en: names.join(', ') };
}

/** checkPoints' lookups for one run. */
export interface PointState {
  count: number;
  pointIdx: Map<number, number>;
  scratch: Float64Array;
}

export function pointState(ctx: RuleContext): PointState {
  return { count: ctx.catalog.points.length, pointIdx: pointLookupsOf(ctx.catalog).pointIdx, scratch: new Float64Array(ctx.index.points.length) };
}

export function checkPoints(ctx: RuleContext): void {
  const st = pointState(ctx);
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) pointOfTask(ctx, st, tasks[i]);
}

export function pointOfTask(ctx: RuleContext, st: PointState, t: Task): void {
  const { findings, catalog, settings } = ctx;
  const stat = cellStatus(t, 'point', POINT_COL);
  if (stat & CELL_EMPTY) {
    if (ctx.untouchedDrafts.has(t)) return;
    const s = suggestion(ctx, t);
    findings.push(makeFinding('task.point.missing', at(t, 'point'), s.params, { autoFix: s.autoFix }));
    return;
  }
  if (stat & CELL_UNREADABLE) {
    const s = suggestion(ctx, t);
    findings.push(makeFinding('task.point.unreadable', at(t, 'point'), { note: recordOf(t, 'point')!.note, ...s.params }, { autoFix: s.autoFix }));
    return;
  }
  const n = t.point;
  if (n === null) return;
  const point = ctx.pointByNumber.get(n);
  if (!point) {
    findings.push(makeFinding('task.point.unknown', at(t, 'point'), { point: n, year: settings.year, count: st.count }));
    return;
  }
  const f = stat & CELL_NOTABLE ? recordOf(t, 'point')! : undefined;
  if (f && f.flags && f.flags.includes('titleMismatch')) {
    const other = /要点 ([\d、]+) 的标题/.exec(f.note)?.[1] ?? '';
    findings.push(makeFinding('task.point.titleMismatch', at(t, 'point'), { point: n, note: f.note, other }));
  }
  // Does the text fit another point much better?
  const content = t.content;
  // taskText(t).length, without building it
  if ((content ? t.name.length + 1 + Math.min(content.length, CONTENT_CHARS) : t.name.length) < 4) return;
  const ownIdx = st.pointIdx.get(n) ?? -1;
  // Most texts fit their own point: a cheap bound rules the others out without scoring them.
  if (!ctx.scorer.mayFitOther(t.name, content, ownIdx, BETTER_MIN_SCORE, BETTER_RATIO, BETTER_MARGIN)) return;
  const scores = ctx.scorer.score(t.name, content, st.scratch);
  const own = scores[ownIdx] ?? 0;
  let best = -1;
  for (let i = 0; i < scores.length; i++) if (i !== ownIdx && (best < 0 || scores[i] > scores[best])) best = i;
  if (best >= 0 && scores[best] >= BETTER_MIN_SCORE && scores[best] >= BETTER_RATIO * own + BETTER_MARGIN) {
    const bp = catalog.points[best];
    const r4 = (x: number) => Math.round(x * 10000) / 10000;
    findings.push(makeFinding('task.point.betterFit', at(t, 'point'), { point: n, score: r4(own), best: bp.number, bestTitle: bp.title, bestScore: r4(scores[best]), fit: fitWord(own), bestFit: fitWord(scores[best]) }));
  }
}

/** checkCommittees' lookups for one run. */
export interface CommitteeState {
  own: string | null;
  nameOf: Map<string, string>;
  /** Points whose measures belong to several committees (point 15). */
  shared: Set<number>;
}

export function committeeState(ctx: RuleContext): CommitteeState {
  return {
    own: ctx.submission.committeeId,
    nameOf: new Map(ctx.catalog.committees.map((c) => [c.id, c.name])),
    shared: pointLookupsOf(ctx.catalog).shared,
  };
}

export function checkCommittees(ctx: RuleContext): void {
  const st = committeeState(ctx);
  const tasks = ctx.submission.tasks;
  for (let i = 0; i < tasks.length; i++) committeeOfTask(ctx, st, tasks[i]);
}

export function committeeOfTask(ctx: RuleContext, st: CommitteeState, t: Task): void {
  const { findings } = ctx;
  const own = st.own;
  if (cellStatus(t, 'committee', COMMITTEE_COL) & CELL_UNREADABLE) {
    findings.push(makeFinding('task.committee.unreadable', at(t, 'committee'), { note: recordOf(t, 'committee')!.note }));
    return;
  }
  const cid = t.committeeId;
  if (!cid) return;
  const point = t.point !== null ? ctx.pointByNumber.get(t.point) : undefined;
  if (point && point.committeeIds.length) {
    if (!point.committeeIds.includes(cid)) {
      const names = committeeNames(ctx, point.committeeIds);
      findings.push(makeFinding('task.committee.notResponsible', at(t, 'committee'), { point: point.number, responsible: names.zh, responsibleEn: names.en, committee: st.nameOf.get(cid) ?? cid }));
    } else if (st.shared.has(point.number)) {
      // Several committees share the point, each for its own measures (point 15).
      // The best measure and the committee's own best (scorer.measures' first entry and its first of the committee).
      const { top, own: ownBest } = ctx.scorer.measureFit(t.name, t.content, point.number, cid);
      if (top && top.score >= 0.15 && top.committeeId && top.committeeId !== cid) {
        if (top.score >= 1.5 * ownBest + 0.02) {
          const names = committeeNames(ctx, [top.committeeId]);
          findings.push(
            makeFinding('task.committee.measure', at(t, 'committee'), { point: point.number, measure: top.index, responsible: names.zh, responsibleEn: names.en, committee: st.nameOf.get(cid) ?? cid }),
          );
        }
      }
    }
  }
  if (own && cid !== own) {
    const ownName = ctx.catalog.committees.find((c) => c.id === own)?.name ?? own;
    findings.push(makeFinding('task.committee.otherSubmission', at(t, 'committee'), { committee: st.nameOf.get(cid) ?? cid, own: ownName }));
  }
}
