/**
 * The live-workbook host: everything Excel-facing lives in this folder. The task pane gets an
 * OfficeWorkbook (plain async functions), never Excel objects.
 * Each operation is one Excel.run with a fixed number of context.sync() calls (see render.ts,
 * read.ts) and is retried while Excel is in cell-edit mode.
 */

/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read -- Batcher.sync() is context.sync() */
import type { CellValue, WorkbookSpec } from '../../core/sheets/spec';
import { parseRange, splitSheetRef } from './address';
import { textInput, valueInput } from './cells';
import { Batcher, DEFAULT_BUDGET } from './payload';
import { readUsedRanges, type SheetGrid } from './read';
import { renderSpec, type RenderReport } from './render';
import { withCellEditRetry, type RetryOptions } from './retry';
import { degradeNotes, detectCapabilities, type Capabilities, type DegradeNote, type SetSupported } from './support';
import type { ExcelRun, XlContext } from './types';

export type { Capabilities, DegradeNote, RenderReport, SheetGrid, ExcelRun, SetSupported };
export { detectCapabilities, degradeNotes, textInput };

export interface OperationStats {
  syncs: number;
  maxRequestBytes: number;
}

export interface ReadResult extends OperationStats {
  /** Grids of values by sheet name (absent sheets are missing from the record). */
  grids: Record<string, CellValue[][]>;
  /** Every sheet name of the workbook. */
  sheetNames: string[];
}

export interface OfficeWorkbook {
  caps: Capabilities;
  /** What this Excel cannot do, for a visible note. */
  notes: DegradeNote[];
  /** Create (or re-create, keeping entered rows) the sheets of a spec. */
  render(spec: WorkbookSpec, opts?: { preserve?: boolean; activate?: string; onProgress?: (phase: string) => void }): Promise<RenderReport>;
  /** Read the named sheets (those that exist) as grids of values from A1. */
  readSheets(names: string[]): Promise<ReadResult>;
  /** Select a cell (and show its sheet). */
  selectCell(sheet: string, address: string): Promise<void>;
  /** Write single values (text stays text). One sync. */
  writeCells(edits: { sheet: string; address: string; value: CellValue }[]): Promise<OperationStats>;
  /**
   * Write key/value pairs into a key (column A) / value (column B) sheet such as _meta, adding
   * missing keys below. Unprotects and protects again with `password` when the sheet is protected.
   */
  upsertKeyValues(sheet: string, entries: Record<string, string>, password?: string): Promise<OperationStats>;
}

export interface OfficeWorkbookOptions {
  budget?: number;
  retry?: RetryOptions;
}

export function createOfficeWorkbook(run: ExcelRun, isSetSupported: SetSupported, options: OfficeWorkbookOptions = {}): OfficeWorkbook {
  const caps = detectCapabilities(isSetSupported);
  const budget = options.budget ?? DEFAULT_BUDGET;
  const go = <T>(fn: (ctx: XlContext) => Promise<T>) => withCellEditRetry(() => run(fn), options.retry);

  return {
    caps,
    notes: degradeNotes(caps),

    render: (spec, opts = {}) => go((ctx) => renderSpec(ctx, spec, { caps, budget, ...opts })),

    readSheets: (names) =>
      go(async (ctx) => {
        const batch = new Batcher(ctx, budget);
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name');
        batch.add(100);
        await batch.sync();
        const sheetNames: string[] = sheets.items.map((s: any) => s.name);
        const present = names.filter((n) => sheetNames.includes(n));
        const grids: Record<string, CellValue[][]> = {};
        if (present.length) for (const g of await readUsedRanges(ctx, batch, present)) grids[g.name] = g.values;
        return { grids, sheetNames, syncs: batch.syncs, maxRequestBytes: batch.maxQueued };
      }),

    selectCell: (sheet, address) =>
      go(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await ctx.sync();
      }),

    writeCells: (edits) =>
      go(async (ctx) => {
        const batch = new Batcher(ctx, budget);
        for (const e of edits) {
          await batch.reserve(JSON.stringify(e).length);
          ctx.workbook.worksheets.getItem(e.sheet).getRange(e.address).values = [[valueInput(e.value) ?? '']];
        }
        await batch.sync();
        return { syncs: batch.syncs, maxRequestBytes: batch.maxQueued };
      }),

    upsertKeyValues: (sheet, entries, password) =>
      go(async (ctx) => {
        const batch = new Batcher(ctx, budget);
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const used = ws.getUsedRangeOrNullObject(true);
        used.load('address,values');
        ws.protection.load('protected');
        batch.add(100);
        await batch.sync();
        const rows: CellValue[][] = used.isNullObject ? [] : used.values;
        const top = used.isNullObject ? 1 : parseRange(splitSheetRef(used.address).address).r1;
        const left = used.isNullObject ? 1 : parseRange(splitSheetRef(used.address).address).c1;
        const wasProtected = !!ws.protection.protected;
        if (wasProtected) ws.protection.unprotect(password || undefined);
        let append = top + rows.length;
        for (const [k, v] of Object.entries(entries)) {
          const i = left === 1 ? rows.findIndex((r) => String(r[0] ?? '').trim() === k) : -1;
          const row = i >= 0 ? top + i : append++;
          await batch.reserve(JSON.stringify([k, v]).length);
          ws.getRange(`A${row}:B${row}`).values = [[textInput(k), textInput(v)]];
        }
        if (wasProtected) ws.protection.protect({ allowFormatCells: false }, password || undefined);
        await batch.sync();
        return { syncs: batch.syncs, maxRequestBytes: batch.maxQueued };
      }),
  };
}

/** The real Office.js runtime, when this page runs inside Excel with office.js loaded. */
export function officeRuntime(): { run: ExcelRun; isSetSupported: SetSupported } | null {
  const g = globalThis as any;
  if (!g.Excel?.run || !g.Office?.context?.requirements) return null;
  return {
    run: (fn) => g.Excel.run(fn),
    isSetSupported: (name, version) => !!g.Office.context.requirements.isSetSupported(name, version),
  };
}

/** The whole open workbook as .xlsx bytes (Office common API, 4 MB slices). */
export function getDocumentBytes(): Promise<Uint8Array> {
  const Office = (globalThis as any).Office;
  return new Promise((resolve, reject) => {
    Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: 4 * 1024 * 1024 }, (res: any) => {
      if (res.status !== Office.AsyncResultStatus.Succeeded) return reject(new Error(res.error?.message ?? 'getFileAsync failed'));
      const file = res.value;
      const parts: Uint8Array[] = [];
      let i = 0;
      const next = () =>
        file.getSliceAsync(i, (s: any) => {
          if (s.status !== Office.AsyncResultStatus.Succeeded) {
            file.closeAsync();
            return reject(new Error(s.error?.message ?? 'getSliceAsync failed'));
          }
          parts.push(new Uint8Array(s.value.data));
          if (++i < file.sliceCount) next();
          else {
            file.closeAsync();
            const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
            let o = 0;
            for (const p of parts) {
              out.set(p, o);
              o += p.length;
            }
            resolve(out);
          }
        });
      next();
    });
  });
}
