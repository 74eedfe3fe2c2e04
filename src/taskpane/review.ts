/** Figures for leadership (审阅), computed from the accepted submissions. Pure. */
import { fillRegion } from '../core/catalog';
import type { Catalog } from '../core/catalog/types';
import type { Settings } from '../core/plan/types';
import type { Finding } from '../core/validate/types';
import type { Checked, RosterRow } from './engine/types';

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
  byPoint: Record<number, number>;
  changes: { label: string; before: number; after: number; delta: number }[];
}

const round = (n: number) => Math.round(n * 10000) / 10000;

export function reviewFigures(
  summary: { accepted: Checked[]; roster: RosterRow[]; findings: Finding[] },
  catalog: Catalog,
  settings: Settings,
  previous?: ReviewFigures | null,
): ReviewFigures {
  const pointOf = new Map(catalog.points.map((p) => [p.number, p]));
  const byCommittee = new Map<string, number>();
  const byPoint: Record<number, number> = {};
  const tasksPerPoint = new Map<number, number>();
  let totalTasks = 0;
  let totalBudget = 0;
  for (const c of summary.accepted) {
    const s = c.submission;
    const taskPoint = new Map(s.tasks.map((t) => [t.code, t.point]));
    for (const t of s.tasks) {
      totalTasks++;
      if (t.point !== null) tasksPerPoint.set(t.point, (tasksPerPoint.get(t.point) ?? 0) + 1);
    }
    for (const b of s.budgetLines) {
      const a = b.amount ?? 0;
      totalBudget += a;
      if (s.committeeId) byCommittee.set(s.committeeId, (byCommittee.get(s.committeeId) ?? 0) + a);
      const p = taskPoint.get(b.taskCode);
      if (p !== null && p !== undefined) byPoint[p] = (byPoint[p] ?? 0) + a;
    }
  }
  const bySection = catalog.sections.map((sec) => ({
    key: `s${sec.number}`,
    label: fillRegion(`${sec.numeral}、${sec.title}`, settings.region),
    budget: round(sec.pointNumbers.reduce((n, p) => n + (byPoint[p] ?? 0), 0)),
  }));
  const committees = catalog.committees.map((k) => {
    const budget = round(byCommittee.get(k.id) ?? 0);
    const ceiling = settings.ceilings[k.id] ?? null;
    return { key: k.id, label: k.name, budget, ceiling, over: ceiling !== null && budget > ceiling };
  });
  const coverage = catalog.points.map((p) => ({ number: p.number, title: fillRegion(p.title, settings.region), tasks: tasksPerPoint.get(p.number) ?? 0 }));
  const changes: ReviewFigures['changes'] = [];
  if (previous) {
    const prev = new Map([...previous.bySection, ...previous.byCommittee].map((x) => [x.key, x.budget]));
    for (const x of [...bySection, ...committees]) {
      const before = prev.get(x.key) ?? 0;
      if (round(x.budget - before) !== 0) changes.push({ label: x.label, before, after: x.budget, delta: round(x.budget - before) });
    }
    for (const p of catalog.points) {
      const before = previous.byPoint[p.number] ?? 0;
      const after = byPoint[p.number] ?? 0;
      if (round(after - before) !== 0) changes.push({ label: fillRegion(`${p.number} ${pointOf.get(p.number)!.title}`, settings.region), before, after, delta: round(after - before) });
    }
    changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  }
  return {
    totalBudget: round(totalBudget),
    totalTasks,
    committeesIn: summary.roster.filter((r) => r.committeeId && (r.status === 'submitted' || r.status === 'errors')).length,
    committeesAll: catalog.committees.length,
    pointsCovered: coverage.filter((c) => c.tasks > 0).length,
    pointsAll: catalog.points.length,
    errors: summary.findings.filter((f) => f.severity === 'error').length,
    bySection,
    byCommittee: committees,
    coverage,
    byPoint,
    changes: changes.slice(0, 8),
  };
}
