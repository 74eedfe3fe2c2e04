/**
 * Which one-click fixes may be applied in bulk (plan-budget validate --fix, 全部规范化 in the pane):
 * only those that write the same value in its canonical form — an amount typed with 元 or
 * full-width digits, a date typed as text. Fixes that choose something (a suggested work point,
 * a period turned into a date, a new task code) stay one at a time, confirmed by a person.
 */
import type { Finding } from './types';

/** Codes whose autoFix rewrites the value as typed in canonical form, without choosing anything. */
export const REWRITE_CODES: ReadonlySet<string> = new Set(['amount.converted', 'amount.reformatted', 'date.reformatted']);

/**
 * _meta key written with fixes into a file that no spreadsheet recalculates on the way (the page's
 * fixes in file mode, validate --fix): the cached results of its formulas — 预算合计 among them —
 * predate the fixes, so the budget rule does not compare them with the lines.
 */
export const META_RECALC_PENDING = 'recalcPending';
/** The _meta entries to write with fixes (PatchRequest.keyValues.entries). */
export const RECALC_PENDING_ENTRIES: Readonly<Record<string, string>> = { [META_RECALC_PENDING]: '1' };

export interface CellFix {
  sheet: string;
  /** A1 address, e.g. "H5". */
  address: string;
  value: string | number;
  finding: Finding;
}

/** The bulk-safe fixes of a list of findings, one per cell (the first finding of a cell wins; a cell is never written twice). */
export function rewriteFixes(findings: readonly Finding[]): CellFix[] {
  const out: CellFix[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.autoFix || !REWRITE_CODES.has(f.code) || !f.sheet || !f.column || f.row < 1) continue;
    const key = `${f.sheet}!${f.column}${f.row}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ sheet: f.sheet, address: `${f.column}${f.row}`, value: f.autoFix.value, finding: f });
  }
  return out;
}
