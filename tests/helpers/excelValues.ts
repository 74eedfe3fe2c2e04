/**
 * What Excel's `range.values` gives for the sheets of a saved workbook, for seeding the Office.js fake
 * (tests/office/fakeExcel.ts) with "the same cell grid" a file holds: numbers as numbers, dates as
 * their serial numbers (Excel hands out the number, whatever the format), text as text (even when
 * it looks like a number), booleans, error values as their text ("#N/A"), a formula as its value,
 * empty cells and the covered cells of a merged range as "". Read with excelts directly, never through src/hosts/xlsx, so the add-in leg does
 * not share the file reader it is compared with.
 *
 * A formula saved without a value (openpyxl) has none here: pass a copy Excel (or LibreOffice for it)
 * has opened and recalculated, which is what the add-in sees in a live workbook.
 */
import { Workbook } from '@cj-tech-master/excelts';

export type OfficeValue = string | number | boolean;

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function officeValue(v: unknown): OfficeValue {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH) / 864e5;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return officeValue(o.result);
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((x) => x.text).join('');
    if (typeof o.error === 'string') return o.error;
    if ('text' in o) return officeValue(o.text);
    if ('result' in o) return officeValue(o.result);
  }
  throw new Error(`excelValues: a cell value Excel would not give: ${JSON.stringify(v)}`);
}

/** Dense grids from A1 of the named sheets that exist (range.values of each used range). */
export async function excelValues(bytes: Uint8Array, names: string[]): Promise<Record<string, OfficeValue[][]>> {
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  const out: Record<string, OfficeValue[][]> = {};
  for (const name of names) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    const rows: OfficeValue[][] = [];
    let width = 0;
    ws.eachRow({ includeEmpty: false }, (row: any, r: number) => {
      const cells: OfficeValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell: any, c: number) => {
        // A merged range holds its value in the top-left cell only (excelts repeats it in the others).
        cells[c - 1] = cell.isMerged && cell.master.address !== cell.address ? '' : officeValue(cell.value);
      });
      rows[r - 1] = cells;
      width = Math.max(width, cells.length);
    });
    for (let r = 0; r < rows.length; r++) {
      const row = (rows[r] ??= []);
      for (let c = 0; c < width; c++) if (row[c] === undefined) row[c] = '';
    }
    out[name] = rows;
  }
  return out;
}
