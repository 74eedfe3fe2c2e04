/**
 * Read sheets of the live workbook as grids of values (rows and columns from A1, so grid[r-1][c-1]
 * is the cell at row r, column c), for the pure reader in core/sheets/readGrid.
 * Two syncs for any row count: used-range sizes, then values (more only per ~4.5 MB).
 */

import type { CellValue } from '../../core/sheets/spec';
import { splitSheetRef, parseRange, rangeAddress } from './address';
import { Batcher } from './payload';
import type { XlContext } from './types';

export interface SheetGrid {
  name: string;
  /** Values from A1; empty cells are "" (Excel's own empty value). */
  values: CellValue[][];
  /** Formulas (or constants) from A1, when asked for. */
  formulas?: (string | number | boolean)[][];
}

/** Estimated response bytes per cell (JSON of a short value), used to size read chunks. */
export const BYTES_PER_CELL = 12;

function isPayloadError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return !!err && /payload|too ?large/i.test(`${err.code ?? ''} ${err.message ?? ''}`);
}

interface Chunk {
  sheet: number;
  r1: number;
  r2: number;
  c1: number;
  c2: number;
}

/**
 * Grids of the named sheets (which must exist). Sheets with nothing in them give an empty grid.
 */
export async function readUsedRanges(
  ctx: XlContext,
  batch: Batcher,
  names: string[],
  opts: { formulas?: boolean } = {},
): Promise<SheetGrid[]> {
  const wb = ctx.workbook;
  const used = names.map((n) => {
    const u = wb.worksheets.getItem(n).getUsedRangeOrNullObject(true);
    u.load('address');
    return u;
  });
  batch.add(100 * names.length);
  await batch.sync();

  const grids: SheetGrid[] = names.map((name) => ({ name, values: [], formulas: opts.formulas ? [] : undefined }));
  const chunks: Chunk[] = [];
  let cellsPerSync = Math.floor(batch.budget / (BYTES_PER_CELL * (opts.formulas ? 2 : 1)));
  const maxChunkCells = Math.max(1000, Math.floor(cellsPerSync / 4));
  used.forEach((u, i) => {
    if (u.isNullObject) return;
    const box = parseRange(splitSheetRef(u.address).address);
    const cols = box.c2 - box.c1 + 1;
    const rowsPer = Math.max(1, Math.floor(maxChunkCells / cols));
    for (let r = box.r1; r <= box.r2; r += rowsPer) chunks.push({ sheet: i, r1: r, r2: Math.min(box.r2, r + rowsPer - 1), c1: box.c1, c2: box.c2 });
  });

  const props = opts.formulas ? 'values,formulas' : 'values';
  let next = 0;
  while (next < chunks.length) {
    const group: { chunk: Chunk; range: any }[] = [];
    let cells = 0;
    while (next + group.length < chunks.length) {
      const c = chunks[next + group.length];
      const n = (c.r2 - c.r1 + 1) * (c.c2 - c.c1 + 1);
      if (group.length && cells + n > cellsPerSync) break;
      const range = wb.worksheets.getItem(names[c.sheet]).getRange(rangeAddress(c.r1, c.c1, c.r2, c.c2));
      // eslint-disable-next-line office-addins/no-empty-load -- props is 'values' or 'values,formulas'
      range.load(props);
      batch.add(120);
      group.push({ chunk: c, range });
      cells += n;
    }
    try {
      await batch.sync();
    } catch (e) {
      if (!isPayloadError(e) || cellsPerSync < 2) throw e;
      // The response was larger than estimated: split finer and read this group again.
      cellsPerSync = Math.floor(cellsPerSync / 2);
      const split: Chunk[] = [];
      for (const { chunk: c } of group) {
        const mid = Math.floor((c.r1 + c.r2) / 2);
        if (c.r2 > c.r1) split.push({ ...c, r2: mid }, { ...c, r1: mid + 1 });
        else split.push(c);
      }
      chunks.splice(next, group.length, ...split);
      continue;
    }
    for (const { chunk: c, range } of group) {
      const g = grids[c.sheet];
      const vals: CellValue[][] = range.values;
      const fs: (string | number | boolean)[][] | undefined = opts.formulas ? range.formulas : undefined;
      for (let r = 0; r < vals.length; r++) {
        const row = (g.values[c.r1 - 1 + r] ??= []);
        const frow = fs ? (g.formulas![c.r1 - 1 + r] ??= []) : undefined;
        for (let k = 0; k < vals[r].length; k++) {
          row[c.c1 - 1 + k] = vals[r][k];
          if (frow) frow[c.c1 - 1 + k] = fs![r][k];
        }
      }
    }
    next += group.length;
  }
  // Fill holes so every row is a dense array from column A.
  for (const g of grids) {
    for (let r = 0; r < g.values.length; r++) {
      const row = (g.values[r] ??= []);
      for (let k = 0; k < row.length; k++) if (row[k] === undefined) row[k] = '';
      if (g.formulas) {
        const f = (g.formulas[r] ??= []);
        for (let k = 0; k < row.length; k++) if (f[k] === undefined) f[k] = '';
      }
    }
  }
  return grids;
}
