/**
 * The engine chunk (loaded lazily): the core functions the task pane uses — the committee
 * workbook, the pure grid reader, checkSubmission, consolidation and the summary workbook.
 */
import { consolidate, previousOf, type ConsolidationInput, type FileStatus, type PreviousSummary } from '../../core/consolidate';
import { committeeWorkbookFileName, describeCommitteeWorkbook } from '../../core/sheets/committeeWorkbook';
import { describeFeedbackWorkbook, feedbackFileName } from '../../core/sheets/feedbackWorkbook';
import { readGrid } from '../../core/sheets/readGrid';
import { describeSummaryWorkbook, summaryFileName } from '../../core/sheets/summaryWorkbook';
import { reportInputFromModel } from '../../core/report/input';
import { sha256 } from '../../core/util/sha256';
import { checkSubmission } from '../../core/validate';
import { TOKEN_LABEL } from '../../core/plan/token';
import { reviewFigures } from '../review';
import type { Engine, RosterStatus } from './types';

const STATUS: Record<FileStatus, RosterStatus> = { 已提交: 'submitted', 未提交: 'missing', 有错误: 'errors', 已拒收: 'refused', 被替换: 'replaced' };

export const engine: Engine = {
  describeCommitteeWorkbook: (catalog, settings, committeeId, secret) => describeCommitteeWorkbook(catalog, settings, committeeId, { secret }),
  committeeFileName: committeeWorkbookFileName,
  rawFromGrids: (grids, file) => readGrid({ file, sheets: Object.entries(grids).map(([name, rows]) => ({ name, rows })) }),
  checkSubmission,
  describeFeedback: (raw, findings, committee) => ({ spec: describeFeedbackWorkbook(raw, findings, { committee }), fileName: feedbackFileName(raw.file) }),
  summarise(checked, refused, catalog, settings, previous, secret) {
    const inputs: ConsolidationInput[] = [
      ...checked.map((c): ConsolidationInput => ({
        fileName: c.file,
        sha256: c.sha256 ?? sha256(c.bytes ?? new Uint8Array(0)),
        size: c.size ?? c.bytes?.length ?? 0,
        // The order of a committee's files: 提交 stamp, then these two (core/consolidate/latest.ts).
        ...(c.raw.savedAt ? { savedAt: c.raw.savedAt } : {}),
        ...(c.modifiedAt ? { modifiedAt: c.modifiedAt } : {}),
        ...(c.measures ? { measures: c.measures } : {}),
        outcome: { kind: 'checked', raw: c.raw, submission: c.submission, findings: c.findings },
      })),
      ...refused.map((r): ConsolidationInput => ({ fileName: r.file, sha256: r.sha256 ?? (r.bytes ? sha256(r.bytes) : ''), size: r.size ?? r.bytes?.length ?? 0, ...(r.modifiedAt ? { modifiedAt: r.modifiedAt } : {}), outcome: { kind: 'refused', finding: r.finding } })),
    ];
    const model = consolidate(inputs, catalog, settings, { previous: (previous as PreviousSummary | null) ?? null, secret });
    return {
      spec: describeSummaryWorkbook(model, catalog, settings),
      fileName: summaryFileName(settings.year),
      roster: model.roster.map((r) => ({
        committeeId: r.committeeId,
        committee: r.committee,
        status: STATUS[r.status],
        file: r.fileName,
        tasks: r.tasks,
        budget: r.budget,
        ceiling: settings.ceilings[r.committeeId] ?? null,
        reason: r.reason ?? r.basis ?? undefined,
        ...(r.token ? { token: TOKEN_LABEL[r.token] } : {}),
      })),
      figures: reviewFigures(model, catalog, settings),
      totals: { tasks: model.totals.tasks, budget: model.totals.budget },
      memo: previousOf(model),
      report: reportInputFromModel(model),
    };
  },
};
