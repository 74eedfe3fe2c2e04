/**
 * Reading a previous summary back (for `consolidate --previous`): the values of its very hidden
 * _summary sheet, through excelts, then the pure core/sheets/summaryWorkbook readPreviousSummary.
 * No fs, no Node built-ins.
 */
import { Workbook } from '@cj-tech-master/excelts';
import type { PreviousSummary } from '../../core/consolidate/types';
import { SUMMARY_SHEETS, readPreviousSummary } from '../../core/sheets/summaryWorkbook';
import { sheetGrid } from './read';

/** The previous summary, or null when the workbook has no _summary part; throws when the bytes are not a workbook. */
export async function readPreviousSummaryBytes(bytes: Uint8Array): Promise<PreviousSummary | null> {
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet(SUMMARY_SHEETS.machine);
  if (!ws) return null;
  return readPreviousSummary(sheetGrid(ws));
}
