/** The 退回意见 copy of one submission as .xlsx bytes (run in a reader process by `plan-budget feedback`). */
import type { RawSubmission } from '../core/plan/types';
import type { Finding } from '../core/validate/types';
import { describeFeedbackWorkbook } from '../core/sheets/feedbackWorkbook';
import type { FeedbackOptions } from '../core/sheets/feedbackWorkbook';
import { renderWorkbook } from '../hosts/xlsx';

export async function renderFeedback(_original: Uint8Array, raw: RawSubmission, findings: Finding[], options: FeedbackOptions): Promise<Uint8Array> {
  return renderWorkbook(describeFeedbackWorkbook(raw, findings, options));
}
