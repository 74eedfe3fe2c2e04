/**
 * The 退回意见 copy of one submission as .xlsx bytes (run in a reader process by `plan-budget
 * feedback`): through excelts, or — for a very large submission (FEEDBACK_NOTES_UNTIL rows and
 * more) — with the cells of 修改意见 and the data sheets written by hosts/xlsx/fastWrite, without
 * cell notes (修改意见 lists every finding with its cell, and says so).
 */
import type { RawSubmission } from '../core/plan/types';
import type { Finding } from '../core/validate/types';
import { FEEDBACK_NOTES_UNTIL, FEEDBACK_SHEET, describeFeedbackWorkbook } from '../core/sheets/feedbackWorkbook';
import type { FeedbackOptions } from '../core/sheets/feedbackWorkbook';
import { SHEET_NAMES } from '../core/sheets/columns';
import { renderWorkbook } from '../hosts/xlsx';
import { renderWorkbookFast } from '../hosts/xlsx/fastWrite';
import { nodeCompressor } from './commands/consolidate';

export async function renderFeedback(_original: Uint8Array, raw: RawSubmission, findings: Finding[], options: FeedbackOptions): Promise<Uint8Array> {
  const rows = raw.tasks.length + raw.budgetLines.length + raw.milestones.length + findings.length;
  if (rows < FEEDBACK_NOTES_UNTIL) return renderWorkbook(describeFeedbackWorkbook(raw, findings, options));
  const spec = describeFeedbackWorkbook(raw, findings, { ...options, notes: false });
  return renderWorkbookFast(spec, [FEEDBACK_SHEET, SHEET_NAMES.tasks, SHEET_NAMES.budget, SHEET_NAMES.milestones], renderWorkbook, { compressor: nodeCompressor });
}
