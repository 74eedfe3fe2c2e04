/**
 * The file host: WorkbookSpec → .xlsx bytes and .xlsx bytes → RawSubmission.
 * Bytes in, bytes out: no fs and no Node built-ins, so it runs in Node and in the browser.
 */
export { renderWorkbook, toExcelStyle, parseRange, parseAddress } from './render';
export { readWorkbook, sniff, sheetGrid, cellValue } from './read';
export type { ReadWorkbookResult, RefusalCode, ReadOptions } from './read';
export { readSheetsFast } from './fastGrid';
