/**
 * MINIMAL STAND-IN for src/hosts/xlsx (renderWorkbook / readWorkbook), used only until the
 * "files" helper's module lands: values, formulas, widths, sheet state; reads values back.
 */
import { Workbook } from '@cj-tech-master/excelts';
import type { RawSubmission } from '../../core/plan/types';
import type { CellValue, WorkbookSpec } from '../../core/sheets/spec';
import { rawFromGrids } from './standins';

export async function renderWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = new Workbook();
  for (const s of spec.sheets) {
    const ws: any = wb.addWorksheet(s.name);
    ws.state = s.state;
    for (const c of s.columns) ws.getColumn(c.index).width = c.width;
    for (const b of s.blocks) {
      const m = /^([A-Z]+)(\d+)$/.exec(b.at)!;
      const col0 = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      b.rows.forEach((row, i) =>
        row.forEach((c, j) => {
          if (!c) return;
          const cell = ws.getCell(Number(m[2]) + i, col0 + j);
          if (c.f) cell.value = { formula: c.f };
          else if (c.v !== undefined && c.v !== null) cell.value = c.v;
        }),
      );
    }
  }
  return new Uint8Array(await (wb.xlsx as any).writeBuffer());
}

export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<RawSubmission> {
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  const grids: Record<string, CellValue[][]> = {};
  wb.eachSheet((ws: any) => {
    const g: CellValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row: any, r: number) => {
      const out: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell: any, c: number) => {
        let v = cell.value;
        if (v && typeof v === 'object') v = 'formula' in v || 'sharedFormula' in v || 'result' in v ? v.result ?? null : 'richText' in v ? v.richText.map((t: any) => t.text).join('') : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
        out[c - 1] = v;
      });
      g[r - 1] = Array.from(out, (x) => x ?? '');
    });
    grids[ws.name] = Array.from(g, (x) => x ?? []);
  });
  return rawFromGrids(grids, fileName);
}
