/**
 * Reading a previous summary back (for `consolidate --previous`): the values of its very hidden
 * _summary sheet, then the pure core/sheets/summaryWorkbook readPreviousSummary.
 *
 * The fast path (fastGrid's zip-level reader) finds _summary in xl/workbook.xml by name, follows
 * its relationship to the sheet part and inflates only that part (with the shared strings and
 * styles it refers to): it never loads the summary's charts, pivot-like sheets or drawings.
 * Only when the fast path cannot read the file (zip64, an encrypted or unusual zip entry, cells
 * without references…) is the whole workbook loaded through excelts, with excelts' chart support
 * installed first: every summary we write has charts, and excelts refuses to load a workbook with
 * charts without it ("No chart support is installed…").
 * Bytes in, no fs and no Node built-ins; a host may inject a faster raw inflate (Node's zlib).
 */
import { Workbook } from '@cj-tech-master/excelts';
import type { PreviousSummary } from '../../core/consolidate/types';
import { SUMMARY_SHEETS, readPreviousSummary } from '../../core/sheets/summaryWorkbook';
import { SHEET_NAMES } from '../../core/sheets/columns';
import { readSheetsFast } from './fastGrid';
import type { Inflate } from './fastGrid';
import { sheetGrid, sniff } from './read';
import { ensureChartSupport } from './render';

/**
 * Why a file cannot serve as the previous summary:
 * - notXlsx: not an .xlsx at all (empty, text, an old .xls, an encrypted file…);
 * - unreadable: a zip that neither reader can open (damaged, cut off);
 * - planWorkbook: a committee's plan workbook (has _meta), not a summary;
 * - notSummary: a workbook without our _summary sheet (or with one that is not ours).
 */
export type PreviousProblem = 'notXlsx' | 'unreadable' | 'planWorkbook' | 'notSummary';

export type PreviousRead = { previous: PreviousSummary; via: 'fast' | 'excelts'; problem?: undefined } | { previous?: undefined; via?: undefined; problem: PreviousProblem; detail?: string };

export interface PreviousReadOptions {
  /** Raw inflate for the fast path (Node's zlib); by default DecompressionStream. */
  inflate?: Inflate;
}

/** The previous summary in a summary workbook's bytes, or why there is none. Never throws. */
export async function readPreviousSummaryFile(bytes: Uint8Array, opts: PreviousReadOptions = {}): Promise<PreviousRead> {
  const kind = sniff(bytes);
  if (kind !== 'zip') return { problem: 'notXlsx', detail: kind };
  const S = SUMMARY_SHEETS.machine;
  const fast = await readSheetsFast(bytes, [S], opts.inflate);
  if (fast) return judge(fast.names, fast.sheets.find((s) => s.name === S)?.rows ?? null, 'fast');
  // The fast path could not read it: the whole workbook through excelts (charts need its chart support).
  try {
    await ensureChartSupport();
    const wb: any = new Workbook();
    await wb.xlsx.load(bytes);
    const names: string[] = (wb.worksheets ?? []).map((w: any) => String(w.name));
    const ws = wb.getWorksheet(S);
    return judge(names, ws ? sheetGrid(ws) : null, 'excelts');
  } catch (e) {
    return { problem: 'unreadable', detail: (e as Error).message };
  }
}

function judge(names: string[], rows: unknown[][] | null, via: 'fast' | 'excelts'): PreviousRead {
  const previous = rows ? readPreviousSummary(rows) : null;
  if (previous) return { previous, via };
  if (names.includes(SHEET_NAMES.meta)) return { problem: 'planWorkbook' };
  return { problem: 'notSummary' };
}

/** The previous summary, or null when the bytes are not a summary of ours; throws when they cannot be read. */
export async function readPreviousSummaryBytes(bytes: Uint8Array, opts: PreviousReadOptions = {}): Promise<PreviousSummary | null> {
  const r = await readPreviousSummaryFile(bytes, opts);
  if (r.previous) return r.previous;
  if (r.problem === 'notSummary' || r.problem === 'planWorkbook') return null;
  throw new Error(`not a readable .xlsx (${r.problem}${r.detail ? `: ${r.detail}` : ''})`);
}
