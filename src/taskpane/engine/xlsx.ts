/** The xlsx chunk (loaded lazily, only when a file is read or written): src/hosts/xlsx. */
import { SUMMARY_SHEETS } from '../../core/sheets/summaryWorkbook';
import type { WorkbookSpec } from '../../core/sheets/spec';
import { readWorkbook, renderWorkbook } from '../../hosts/xlsx';
import { renderWorkbookFast } from '../../hosts/xlsx/fastWrite';
import { patchWorkbook } from '../../hosts/xlsx/patch';
import { zipFiles } from '../../hosts/xlsx/zipFiles';
import type { XlsxEngine } from './types';

const S = SUMMARY_SHEETS;
/** The summary's large sheets, and the rows in them from which their cells are written by the fast writer (as `plan-budget consolidate` does). */
const LARGE: string[] = [S.tasks, S.lines, S.findings, S.timeline, S.machine];
export const FAST_FROM = 5000;

/** A summary workbook: through excelts, or — from FAST_FROM rows in its large sheets on — with their cells written by hosts/xlsx/fastWrite (CompressionStream). */
function renderSummary(spec: WorkbookSpec): Promise<Uint8Array> {
  let rows = 0;
  for (const s of spec.sheets) if (LARGE.includes(s.name)) for (const b of s.blocks) rows += b.rows.length;
  return rows >= FAST_FROM ? renderWorkbookFast(spec, LARGE, renderWorkbook) : renderWorkbook(spec);
}

export const xlsx: XlsxEngine = { renderWorkbook, renderSummary, readWorkbook, patchWorkbook, zipFiles };
