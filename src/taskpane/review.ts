/** Figures for leadership (审阅), read off the consolidation's SummaryModel. Pure. */
import { fillRegion } from '../core/catalog';
import type { Catalog } from '../core/catalog/types';
import type { SummaryModel } from '../core/consolidate/types';
import type { Settings } from '../core/plan/types';

export interface ReviewFigures {
  totalBudget: number;
  totalTasks: number;
  committeesIn: number;
  committeesAll: number;
  pointsCovered: number;
  pointsAll: number;
  errors: number;
  bySection: { key: string; label: string; budget: number }[];
  byCommittee: { key: string; label: string; budget: number; ceiling: number | null; over: boolean }[];
  coverage: { number: number; title: string; tasks: number }[];
  changes: { label: string; before: number; after: number; delta: number }[];
}

export function reviewFigures(model: SummaryModel, catalog: Catalog, settings: Settings): ReviewFigures {
  const region = settings.region;
  const changes: ReviewFigures['changes'] = [];
  if (model.changes) {
    for (const c of model.changes.byCommittee) if (c.delta) changes.push({ label: c.committee, before: c.before, after: c.after, delta: c.delta });
    const title = new Map(model.byPoint.map((p) => [p.point, p.title]));
    for (const p of model.changes.byPoint) if (p.delta) changes.push({ label: fillRegion(`${p.point} ${title.get(p.point) ?? ''}`, region), before: p.before, after: p.after, delta: p.delta });
    changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  }
  return {
    totalBudget: model.totals.budget,
    totalTasks: model.totals.tasks,
    committeesIn: model.roster.filter((r) => r.committeeId && (r.status === '已提交' || r.status === '有错误')).length,
    committeesAll: catalog.committees.length,
    pointsCovered: model.byPoint.filter((p) => p.tasks > 0).length,
    pointsAll: model.byPoint.length,
    errors: model.totals.errors,
    bySection: model.bySection.map((s) => ({ key: `s${s.section}`, label: fillRegion(`${s.numeral}、${s.title}`, region), budget: s.budget })),
    byCommittee: model.byCommittee.map((c) => ({ key: c.committeeId, label: c.committee, budget: c.budget, ceiling: c.ceiling, over: c.over })),
    coverage: model.byPoint.map((p) => ({ number: p.point, title: fillRegion(p.title, region), tasks: p.tasks })),
    changes: changes.slice(0, 8),
  };
}
