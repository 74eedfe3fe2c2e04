/** Zip-level cell edits (file-mode one-click fixes, the 提交 stamp): values land, nothing else changes, LibreOffice opens the result. */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { unzip } from '@cj-tech-master/excelts/archive';
import { Workbook } from '@cj-tech-master/excelts';
import { SHEET_NAMES } from '../../../src/core/sheets/columns';
import { checkSubmission } from '../../../src/core/validate';
import { readSheetsFast, readWorkbook } from '../../../src/hosts/xlsx';
import { PatchError, patchWorkbook } from '../../../src/hosts/xlsx/patch';
import { fillWorkbook } from '../../helpers/fillWorkbook';
import { fixtureCatalog, fixtureSettings, generated } from '../../helpers/committeeFixtures';
import { hasLibreOffice, libreofficeConvert } from '../../helpers/libreoffice';

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);

async function entries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for await (const e of unzip(bytes).entries()) out.set(e.path, await e.bytes());
  return out;
}

async function filledWithTextDate(): Promise<{ bytes: Uint8Array; row: number; column: string }> {
  const base = await generated(catalog, settings, 'c2');
  const bytes = await fillWorkbook(base, {
    tasks: [{ code: 'T001', owner: '张三', start: '2023年3月1日', end: '2023-11-30', draft: null, $textDates: true }],
  });
  const res = await readWorkbook(bytes, 'c2.xlsx');
  const start = res.raw!.tasks.find((t) => t.cells.code === 'T001')!;
  return { bytes, row: start.source.row, column: start.columns.start };
}

describe('patchWorkbook', () => {
  test('a one-click fix lands in the file: the finding is gone after re-reading, every other part is unchanged', async () => {
    const { bytes, row, column } = await filledWithTextDate();
    const before = checkSubmission((await readWorkbook(bytes, 'c2.xlsx')).raw!, catalog, settings).findings;
    const fix = before.find((f) => f.code === 'date.reformatted' && f.row === row && f.column === column);
    expect(fix?.autoFix).toBeDefined();

    const patched = await patchWorkbook(bytes, { cells: [{ sheet: fix!.sheet, address: `${fix!.column}${fix!.row}`, value: fix!.autoFix!.value }] });
    const after = checkSubmission((await readWorkbook(patched, 'c2.xlsx')).raw!, catalog, settings);
    expect(after.findings.some((f) => f.code === 'date.reformatted' && f.row === row)).toBe(false);
    const t = after.submission.tasks.find((x) => x.code === 'T001')!;
    expect(t.start).toBe('2023-03-01');
    expect(t.owner).toBe('张三');

    const a = await entries(bytes), b = await entries(patched);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const changed = [...a.keys()].filter((k) => Buffer.compare(Buffer.from(a.get(k)!), Buffer.from(b.get(k)!)) !== 0);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/);
  });

  test('text is written as text, never as a formula; numbers as numbers; the cell keeps its style', async () => {
    const base = await generated(catalog, settings, 'c2');
    const evil = '=HYPERLINK("http://x","点击")';
    const patched = await patchWorkbook(base, {
      cells: [
        { sheet: SHEET_NAMES.tasks, address: 'F5', value: evil },
        { sheet: SHEET_NAMES.budget, address: 'F4', value: 3.5 },
        { sheet: SHEET_NAMES.budget, address: 'J4', value: 'a < b & "c" \u0001' },
      ],
    });
    const wb: any = new Workbook();
    await wb.xlsx.load(patched);
    const tasks = wb.getWorksheet(SHEET_NAMES.tasks);
    expect(tasks.getCell('F5').value).toBe(evil);
    expect(tasks.getCell('F5').formula).toBeUndefined();
    const budget = wb.getWorksheet(SHEET_NAMES.budget);
    expect(budget.getCell('F4').value).toBe(3.5);
    expect(budget.getCell('J4').value).toBe('a < b & "c" _x0001_'); // excelts leaves the OOXML escape as is
    const fast = await readSheetsFast(patched, [SHEET_NAMES.budget]);
    expect(fast!.sheets[0].rows[3][9]).toBe('a < b & "c" \u0001');
    const orig: any = new Workbook();
    await orig.xlsx.load(base);
    expect(tasks.getCell('F5').numFmt).toBe(orig.getWorksheet(SHEET_NAMES.tasks).getCell('F5').numFmt);
    expect(tasks.getCell('F5').protection).toEqual(orig.getWorksheet(SHEET_NAMES.tasks).getCell('F5').protection);
  });

  test('key/values upsert into _meta: existing keys are replaced, new keys appended, the reader sees them', async () => {
    const base = await generated(catalog, settings, 'c3');
    const before = (await readWorkbook(base, 'c3.xlsx')).raw!;
    expect(before.meta.committeeId).toBe('c3');
    const stamped = await patchWorkbook(base, { keyValues: { sheet: SHEET_NAMES.meta, entries: { submittedBy: '李四', submissionVersion: '1', committeeId: 'c3' } } });
    const again = await patchWorkbook(stamped, { keyValues: { sheet: SHEET_NAMES.meta, entries: { submissionVersion: '2' } } });
    const meta = (await readWorkbook(again, 'c3.xlsx')).raw!.meta;
    expect(meta).toMatchObject({ submittedBy: '李四', submissionVersion: '2', committeeId: 'c3', year: before.meta.year, catalogHash: before.meta.catalogHash });
    expect(Object.keys(meta).length).toBe(Object.keys(before.meta).length + 2);
  });

  test('replacing a formula drops calcChain so Excel rebuilds it', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 2;
    ws.getCell('A2').value = { formula: 'A1*2', result: 4 } as any;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    // Add a calcChain part as Excel would.
    const { editZip } = await import('@cj-tech-master/excelts/archive');
    const ed = await editZip(bytes);
    const ct = new TextDecoder().decode((await entries(bytes)).get('[Content_Types].xml')!);
    const rels = new TextDecoder().decode((await entries(bytes)).get('xl/_rels/workbook.xml.rels')!);
    ed.set('xl/calcChain.xml', new TextEncoder().encode('<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A2" i="1"/></calcChain>'));
    ed.set('[Content_Types].xml', new TextEncoder().encode(ct.replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')));
    ed.set('xl/_rels/workbook.xml.rels', new TextEncoder().encode(rels.replace('</Relationships>', '<Relationship Id="rIdCC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')));
    const withChain = await ed.bytes();
    const patched = await patchWorkbook(withChain, { cells: [{ sheet: 'S', address: 'A2', value: 9 }, { sheet: 'S', address: 'C7', value: '新' }] });
    const e = await entries(patched);
    expect(e.has('xl/calcChain.xml')).toBe(false);
    expect(new TextDecoder().decode(e.get('[Content_Types].xml')!)).not.toMatch(/calcChain/);
    expect(new TextDecoder().decode(e.get('xl/_rels/workbook.xml.rels')!)).not.toMatch(/calcChain/);
    const back: any = new Workbook();
    await back.xlsx.load(patched);
    expect(back.getWorksheet('S').getCell('A2').value).toBe(9);
    expect(back.getWorksheet('S').getCell('C7').value).toBe('新');
  });

  /** Rows of a sheet part in document order, each with its cells' columns in document order. */
  function rowOrder(xml: string): { row: number; cols: string[] }[] {
    const out: { row: number; cols: string[] }[] = [];
    for (const m of xml.matchAll(/<row\b[^>]*\br="(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      out.push({ row: Number(m[1]), cols: [...(m[2] ?? '').matchAll(/<c\b[^>]*\br="([A-Z]+)\d+"/g)].map((c) => c[1]) });
    }
    return out;
  }

  test('two or more rows or cells inserted at one place come out in increasing order (the 提交 stamp appends _meta rows in order)', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 'a';
    ws.getCell('D1').value = 'd';
    ws.getCell('B5').value = 'b';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const patched = await patchWorkbook(bytes, {
      cells: [
        // given out of order on purpose
        { sheet: 'S', address: 'F1', value: 6 },
        { sheet: 'S', address: 'C1', value: 3 },
        { sheet: 'S', address: 'E1', value: 5 },
        { sheet: 'S', address: 'B1', value: 2 },
        { sheet: 'S', address: 'A5', value: 1 },
        { sheet: 'S', address: 'C5', value: 3 },
        { sheet: 'S', address: 'A4', value: 4 },
        { sheet: 'S', address: 'A2', value: 2 },
        { sheet: 'S', address: 'A3', value: 3 },
        { sheet: 'S', address: 'B3', value: 3 },
        { sheet: 'S', address: 'A7', value: 7 },
        { sheet: 'S', address: 'A6', value: 6 },
      ],
    });
    const sheet = new TextDecoder().decode((await entries(patched)).get('xl/worksheets/sheet1.xml')!);
    expect(rowOrder(sheet)).toEqual([
      { row: 1, cols: ['A', 'B', 'C', 'D', 'E', 'F'] },
      { row: 2, cols: ['A'] },
      { row: 3, cols: ['A', 'B'] },
      { row: 4, cols: ['A'] },
      { row: 5, cols: ['A', 'B', 'C'] },
      { row: 6, cols: ['A'] },
      { row: 7, cols: ['A'] },
    ]);
    const back: any = new Workbook();
    await back.xlsx.load(patched);
    expect([1, 2, 3, 4, 5, 6].map((c) => back.getWorksheet('S').getCell(1, c).value)).toEqual(['a', 2, 3, 'd', 5, 6]);

    // The file-mode 提交 stamp: four new _meta keys are four new rows, increasing, keys in column A.
    const base = await generated(catalog, settings, 'c3');
    const stamped = await patchWorkbook(base, { keyValues: { sheet: SHEET_NAMES.meta, entries: { submittedBy: '李四', submittedAt: '2023-01-20T02:00:00.000Z', submissionVersion: '1', contentHash: 'abc' } } });
    const parts = await entries(stamped);
    const wbXml = new TextDecoder().decode(parts.get('xl/workbook.xml')!);
    const rels = new TextDecoder().decode(parts.get('xl/_rels/workbook.xml.rels')!);
    const rid = new RegExp(`<sheet\\b[^>]*name="${SHEET_NAMES.meta}"[^>]*r:id="([^"]+)"`).exec(wbXml)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
    const meta = rowOrder(new TextDecoder().decode(parts.get(`xl/${target.replace(/^\/?xl\//, '')}`)!));
    const rows = meta.map((r) => r.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(rows.length);
    const last4 = meta.slice(-4);
    expect(last4.map((r) => r.cols)).toEqual([['A', 'B'], ['A', 'B'], ['A', 'B'], ['A', 'B']]);
    expect(last4[3].row - last4[0].row).toBe(3);
    const back2 = await readWorkbook(stamped, 'c3.xlsx');
    expect(back2.raw!.meta).toMatchObject({ submittedBy: '李四', submissionVersion: '1', contentHash: 'abc' });
  });

  test('a missing sheet or a bad address is an error naming it; the input bytes are untouched', async () => {
    const base = await generated(catalog, settings, 'c2');
    const copy = base.slice();
    await expect(patchWorkbook(base, { cells: [{ sheet: '不存在', address: 'A1', value: 1 }] })).rejects.toThrow(/不存在/);
    await expect(patchWorkbook(base, { cells: [{ sheet: SHEET_NAMES.tasks, address: 'Z', value: 1 }] })).rejects.toBeInstanceOf(PatchError);
    expect(Buffer.compare(Buffer.from(base), Buffer.from(copy))).toBe(0);
  });

  (hasLibreOffice() ? test : test.skip)(
    'LibreOffice opens a patched and stamped workbook and sees the values',
    async () => {
      const { bytes, row, column } = await filledWithTextDate();
      const patched = await patchWorkbook(bytes, {
        cells: [{ sheet: SHEET_NAMES.tasks, address: `${column}${row}`, value: '2023-03-01' }],
        keyValues: { sheet: SHEET_NAMES.meta, entries: { submittedBy: '王五' } },
      });
      const dir = mkdtempSync(join(tmpdir(), 'patch-lo-'));
      writeFileSync(join(dir, 'p.xlsx'), patched);
      const [out] = await libreofficeConvert([join(dir, 'p.xlsx')], { outDir: join(dir, 'out') });
      const res = await readWorkbook(new Uint8Array(readFileSync(out)), 'p.xlsx');
      expect(res.refusal).toBeUndefined();
      expect(res.raw!.meta.submittedBy).toBe('王五');
      expect(res.raw!.tasks.find((t) => t.cells.code === 'T001')!.cells.start).toBe('2023-03-01');
    },
    120_000,
  );
});
