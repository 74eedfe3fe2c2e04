/**
 * A submission reduced to what every host must read the same (issue 10, item 7): its tasks, budget
 * lines, milestones and totals, by worksheet row, without file names, column letters or the per-cell
 * normalisation records. Two hosts read one file alike when these are equal.
 */
import type { Submission } from '../../src/core/plan/types';

const r4 = (n: number | null) => (n === null ? null : Math.round(n * 1e4) / 1e4);

export interface NormalisedSubmission {
  committeeId: string | null;
  tasks: { row: number; code: string; point: number | null; name: string; committeeId: string | null; owner: string; start: string | null; end: string | null; draft: boolean }[];
  lines: { row: number; taskCode: string; category: string; source: string; unitPrice: number | null; quantity: number | null; times: number | null; amount: number | null }[];
  milestones: { row: number; taskCode: string; date: string | null; type: string }[];
  totals: { tasks: number; lines: number; budget: number; byPoint: Record<string, number> };
}

export function normalisedSubmission(sub: Submission): NormalisedSubmission {
  const pointOf = new Map(sub.tasks.map((t) => [t.code, t.point]));
  const byPoint: Record<string, number> = {};
  for (const l of sub.budgetLines) {
    const p = String(pointOf.get(l.taskCode) ?? '—');
    byPoint[p] = r4((byPoint[p] ?? 0) + (l.amount ?? 0))!;
  }
  const milestones = [...sub.tasks.flatMap((t) => t.milestones), ...sub.orphanMilestones];
  return {
    committeeId: sub.committeeId,
    tasks: sub.tasks.map((t) => ({ row: t.source.row, code: t.code, point: t.point, name: t.name, committeeId: t.committeeId, owner: t.owner, start: t.start, end: t.end, draft: t.draft })),
    lines: sub.budgetLines.map((l) => ({ row: l.source.row, taskCode: l.taskCode, category: l.expenseCategory, source: l.fundingSource, unitPrice: r4(l.unitPrice), quantity: l.quantity, times: l.times, amount: r4(l.amount) })),
    milestones: milestones.map((m) => ({ row: m.source.row, taskCode: m.taskCode, date: m.date, type: m.deliverableType })).sort((a, b) => a.row - b.row),
    totals: { tasks: sub.tasks.filter((t) => !t.draft).length, lines: sub.budgetLines.length, budget: r4(sub.budgetLines.reduce((s, l) => s + (l.amount ?? 0), 0))!, byPoint },
  };
}
