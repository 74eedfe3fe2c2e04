/**
 * Excel's limit on the text of one cell: 32,767 characters. A file with a longer cell (a script such
 * as openpyxl can write one) makes Excel offer to repair it; every workbook we write fits its text
 * into the limit, and says so in the cell, so nothing is cut without a word.
 */
export const EXCEL_CELL_TEXT_MAX = 32767;

/** The text as written into a cell: unchanged when it fits, else its beginning and a note of what was left out. */
export function fitCellText(s: string): string {
  if (s.length <= EXCEL_CELL_TEXT_MAX) return s;
  const tail = `…（原文 ${s.length} 字，超过 Excel 单元格上限 ${EXCEL_CELL_TEXT_MAX} 字，其余未写入）`;
  let cut = EXCEL_CELL_TEXT_MAX - tail.length;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--; // never split a surrogate pair
  return s.slice(0, cut) + tail;
}
