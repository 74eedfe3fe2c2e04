/**
 * The slice of Office.js this adapter uses. Excel objects are typed loosely (`any`) at this
 * boundary: the real `Excel.RequestContext` and the in-memory fake of tests/office both fit.
 * Nothing outside src/hosts/office ever sees these objects.
 */
export interface XlContext {
  workbook: any;
  application?: any;
  sync(): Promise<unknown>;
}

/** `Excel.run` or the fake's equivalent. */
export type ExcelRun = <T>(fn: (ctx: XlContext) => Promise<T>) => Promise<T>;
