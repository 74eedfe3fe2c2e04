/**
 * MINIMAL STAND-IN, used only until the "consolidate" helper's modules land
 * (src/core/consolidate + src/core/sheets/summaryWorkbook.ts): latest submission per committee,
 * roster, and a three-sheet summary. impl.ts switches to the real ones.
 */
import type { Catalog } from '../../core/catalog/types';
import type { Settings } from '../../core/plan/types';
import type { CellSpec, SheetSpec } from '../../core/sheets/spec';
import { reviewFigures, type ReviewFigures } from '../review';
import type { Checked, Refused, RosterRow, Summary } from './types';

const sheet = (name: string, blocks: SheetSpec['blocks'], extra: Partial<SheetSpec> = {}): SheetSpec => ({
  name, state: 'visible', columns: [], blocks, formats: [], merges: [], validations: [], conditionalFormats: [], ...extra,
});

export function summarise(checked: Checked[], refused: Refused[], catalog: Catalog, settings: Settings, previous: unknown): Summary {
  const latest = new Map<string, Checked>();
  for (const c of checked) if (c.submission.committeeId) latest.set(c.submission.committeeId, c);
  const roster: RosterRow[] = catalog.committees.map((k) => {
    const c = latest.get(k.id);
    const budget = c ? c.submission.budgetLines.reduce((s, b) => s + (b.amount ?? 0), 0) : 0;
    return { committeeId: k.id, committee: k.name, status: !c ? 'missing' : c.findings.some((f) => f.severity === 'error') ? 'errors' : 'submitted', file: c?.file ?? '', tasks: c?.submission.tasks.length ?? 0, budget, ceiling: settings.ceilings[k.id] ?? null };
  });
  for (const u of refused) roster.push({ committeeId: '', committee: '', status: 'refused', file: u.file, tasks: 0, budget: 0, ceiling: null, reason: u.finding.message });
  const accepted = [...latest.values()];
  const taskRows = accepted.flatMap((c) => c.submission.tasks.map((t) => [c.file, t.code, t.point ?? '', t.name, c.submission.budgetLines.filter((b) => b.taskCode === t.code).reduce((s, b) => s + (b.amount ?? 0), 0)].map((v) => ({ v }) as CellSpec)));
  const byC = roster.filter((r) => r.committeeId).map((r) => [{ v: r.committee }, { v: r.tasks }, { v: r.budget }]);
  const findings = [...checked.flatMap((c) => c.findings), ...refused.map((r) => r.finding)];
  const figures = reviewFigures({ accepted, roster, findings }, catalog, settings, previous as ReviewFigures | null);
  return {
    roster, figures, memo: figures,
    totals: { tasks: figures.totalTasks, budget: figures.totalBudget },
    fileName: `${settings.year}年工作计划汇总.xlsx`,
    spec: {
      sheets: [
        sheet('封面', [{ at: 'A1', rows: [[{ v: `${settings.organisation} ${settings.year}年工作计划汇总` }], ...roster.map((r) => [{ v: r.committee || r.file }, { v: r.status }])] }]),
        sheet('任务汇总', [{ at: 'A1', rows: [['文件', '任务编号', '要点', '任务名称', '预算'].map((v) => ({ v })), ...taskRows] }]),
        sheet('按专委会', [{ at: 'A1', rows: [['专委会', '任务数', '预算'].map((v) => ({ v })), ...byC] }], { charts: [{ kind: 'column', title: '各专委会预算', categories: `'按专委会'!$A$2:$A$${byC.length + 1}`, series: [{ name: '预算', values: `'按专委会'!$C$2:$C$${byC.length + 1}` }], anchor: { at: 'E2', cols: 8, rows: 16 } }] }),
      ],
      styles: {}, names: [], properties: { title: '汇总', creator: '计划预算编制助手', created: new Date().toISOString() },
    },
  };
}
