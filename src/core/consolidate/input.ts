/** Build a consolidation input from what a host read: a refusal, or a raw submission to check. Pure. */
import type { Catalog } from '../catalog/types';
import type { RawSubmission, Settings } from '../plan/types';
import { sha256 } from '../util/sha256';
import { checkSubmission } from '../validate';
import { pointIndexOf, pointLookupsOf } from '../validate/rules/context';
import type { Finding } from '../validate/types';
import { measureHints } from './index';
import type { ConsolidationInput } from './types';

export type ReadOutcome = { raw: RawSubmission; refusal?: undefined } | { raw?: undefined; refusal: Finding };

/**
 * One file → ConsolidationInput. `hash` may be given when already computed (the SHA-256 of the
 * bytes); otherwise it is computed here. `modifiedAt` is the file's modification time (ISO) as
 * the host knows it (fs mtime, File.lastModified); the workbook's own saved time comes with the
 * reading (RawSubmission.savedAt).
 */
export function inputOf(fileName: string, bytes: Uint8Array, read: ReadOutcome, catalog: Catalog, settings: Settings, hash?: string, modifiedAt?: string): ConsolidationInput {
  const base: Omit<ConsolidationInput, 'outcome'> = { fileName, sha256: hash ?? sha256(bytes), size: bytes.length };
  if (modifiedAt) base.modifiedAt = modifiedAt;
  if (read.raw?.savedAt) base.savedAt = read.raw.savedAt;
  if (read.refusal) return { ...base, outcome: { kind: 'refused', finding: read.refusal } };
  const { submission, findings } = checkSubmission(read.raw, catalog, settings);
  return { ...base, outcome: { kind: 'checked', raw: read.raw, submission, findings } };
}

/** Points of the warm-up submission: enough for every rule's code to run, few enough to stay a few milliseconds. */
const WARM_UP_POINTS = 12;

/**
 * Warm up a process or reader thread that will check many submissions against one catalog and
 * settings: builds what depends only on them (the similarity index and its task scorer, the point
 * lookups, the key dates of the year, the measure tables of the points used) and runs one small
 * made-up submission through checkSubmission and measureHints, so that the first real file does not
 * pay for compiling the checks' code. Everything built is memoised on the catalog's objects (never
 * shared between two catalogs). The made-up submission's findings are thrown away. Pure.
 */
export function warmUpChecks(catalog: Catalog, settings: Settings): void {
  pointIndexOf(catalog);
  pointLookupsOf(catalog);
  const file = '预热.xlsx';
  const tasks: RawSubmission['tasks'] = [];
  const budgetLines: RawSubmission['budgetLines'] = [];
  const milestones: RawSubmission['milestones'] = [];
  const points = catalog.points.slice(0, WARM_UP_POINTS);
  points.forEach((p, i) => {
    const code = `T${String(i + 1).padStart(3, '0')}`;
    const committee = catalog.committees.find((c) => c.id === (p.measures[0]?.committeeId ?? p.committeeIds[0]))?.name ?? '';
    const row = 3 + i;
    tasks.push({
      source: { file, sheet: '任务表', row },
      cells: { code, point: i % 2 ? `${p.number} ${p.title}` : p.number, name: p.title, content: p.measures[0]?.text ?? p.text, committee, owner: '张三', start: `${settings.year}-03-01`, end: 45000 + i, kpi: '完成', draft: '' },
      columns: {},
    });
    budgetLines.push({ source: { file, sheet: '预算明细', row }, cells: { taskCode: code, expenseCategory: '会议费', fundingSource: '财政拨款', unitPrice: 1.5, quantity: '2', times: 1, amount: i % 2 ? 3 : '3万元', basis: '1.5万元×2' }, columns: {} });
    milestones.push({ source: { file, sheet: '里程碑', row }, cells: { taskCode: code, date: `${settings.year}年6月30日`, deliverableType: '报告', deliverable: '调研报告' }, columns: {} });
  });
  const raw: RawSubmission = { file, meta: {}, tasks, budgetLines, milestones, readFindings: [] };
  try {
    const { submission } = checkSubmission(raw, catalog, settings);
    measureHints(submission, catalog);
  } catch {
    // A warm-up never fails a thread: whatever went wrong, a real file meets it again and is refused alone.
  }
}
