/**
 * The fast writer (hosts/xlsx/fastWrite): its byte-level XML writer and chunked compression give the
 * same cells as excelts' own rendering of the same spec — awkward text (XML specials, control
 * characters, "_xHHHH_", lone surrogates, emoji, text over a 1 MB chunk), formula-looking text kept
 * as text, numbers, booleans, formulas, lazy blocks — with either compressor, in a zip whose CRCs and
 * sizes are right, and LibreOffice opens it.
 */
import { fitCellText } from '../../../src/core/sheets/cellText';
import { Workbook } from '@cj-tech-master/excelts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { crc32, inflateRawSync } from 'zlib';
import { nodeCompressor } from '../../../src/cli/commands/consolidate';
import type { CellSpec, SheetSpec, WorkbookSpec } from '../../../src/core/sheets/spec';
import { renderWorkbook, sheetGrid } from '../../../src/hosts/xlsx';
import { renderWorkbookFast } from '../../../src/hosts/xlsx/fastWrite';
import type { RowSource } from '../../../src/hosts/xlsx/fastWrite';
import { hasLibreOffice, libreofficeConvert } from '../../helpers/libreoffice';

jest.setTimeout(240_000);

const AWKWARD = ['a & b < c > d "q" \'s\'', '=SUM(A1:A3)', '+1', '-1', '@x', 'ctl\u0001\u0008\u000b\u001f end', 'lit _x0041_ esc', 'lone \ud800 surrogate', 'emoji 😀 ok', '中文 全角，标点。', ' lead and trail ', 'tab\tnew\nline', '\ufffe'];
/**
 * Where the fast writer deliberately differs from excelts (which drops these characters): control
 * characters illegal in XML 1.0 are kept as OOXML "_xHHHH_" escapes (Excel reads them back as the
 * characters; excelts leaves the escape as text), a lone surrogate becomes U+FFFD.
 */
const FAST_READS: Record<string, string> = {
  'ctl\u0001\u0008\u000b\u001f end': 'ctl_x0001__x0008__x000B__x001F_ end',
  'lone \ud800 surrogate': 'lone \ufffd surrogate',
  '\ufffe': '_xFFFE_',
};
const LONG = '长'.repeat(400_000) + 'x'.repeat(200_000); // > 1 MB of UTF-8

const row = (i: number): (CellSpec | null)[] => [
  { v: i + 1, s: 'int' },
  { v: AWKWARD[i % AWKWARD.length], s: 'text' },
  { v: `任务${i}`, s: 'text' },
  { v: i % 7 === 0 ? null : (i * 7) / 20, s: 'amount' },
  i % 5 === 0 ? null : { v: i % 2 === 0, s: 'text' },
  { v: -i - 0.25 },
  { v: i === 3 ? LONG : '', s: 'text' },
  { f: `A${i + 4}*2`, s: 'amount' },
];
const N = 2500;

function spec(lazyRows: boolean): { spec: WorkbookSpec; lazy: Map<string, RowSource[]> } {
  const big: SheetSpec = {
    name: '大表',
    state: 'visible',
    columns: [{ index: 1, width: 6 }],
    rows: [{ index: 1, height: 28 }],
    blocks: [{ at: 'A1', rows: [[{ v: '标题', s: 'title' }], [], [{ v: '序号', s: 'title' }, { v: '文本', s: 'title' }]] }],
    formats: [],
    merges: [],
    validations: [],
    conditionalFormats: [{ range: `B4:B${N + 3}`, formula: 'B4="有错误"', style: 'bad', priority: 1 }],
    autoFilter: `A3:H${N + 3}`,
  };
  const rows = Array.from({ length: N }, (_, i) => row(i));
  const lazy = new Map<string, RowSource[]>();
  if (lazyRows) lazy.set('大表', [{ at: 'A4', count: N, cols: 8, row }]);
  else big.blocks.push({ at: 'A4', rows });
  big.blocks.push({ at: 'K3', rows: [[{ v: '旁注', s: 'title' }], [{ v: 'x<y', s: 'text' }], [{ f: "SUM('大表'!D4:D10)", s: 'amount' }]] });
  const small: SheetSpec = { name: '小表', state: 'visible', columns: [], blocks: [{ at: 'A1', rows: [[{ v: 'small' }, { f: "COUNTA('大表'!A4:A100)" }]] }], formats: [], merges: [], validations: [], conditionalFormats: [] };
  return {
    spec: {
      sheets: [small, big],
      styles: { int: { numFmt: '0' }, text: { numFmt: '@', wrap: true, border: 'BFBFBF' }, amount: { numFmt: '#,##0.00' }, title: { font: { bold: true } }, bad: { fill: 'FFC7CE' } },
      names: [],
      properties: { title: 't', creator: 'c', created: '2023-01-01T00:00:00Z' },
    },
    lazy,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'pb-fastwrite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function grid(bytes: Uint8Array, sheet: string): Promise<unknown[][]> {
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  return sheetGrid(wb.getWorksheet(sheet)).map((r) => r.map((v: any) => (v && typeof v === 'object' && 'formula' in v ? `=${v.formula}` : v === '' ? null : v)));
}
const trim = (rows: unknown[][]) =>
  rows.map((r) => {
    const x = [...r];
    while (x.length && x[x.length - 1] === null) x.pop();
    return x;
  });

/** Every entry of the zip: CRC-32 and size as stored. */
function checkZip(bytes: Uint8Array): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = b.length - 22;
  while (b.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    const crc = b.readUInt32LE(p + 16), csize = b.readUInt32LE(p + 20), size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28), extraLen = b.readUInt16LE(p + 30), commentLen = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = inflateRawSync(b.subarray(start, start + csize));
    expect(data.length).toBe(size);
    expect(crc32(data) >>> 0).toBe(crc);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return count;
}

let reference: unknown[][];
const outputs: string[] = [];

beforeAll(async () => {
  reference = trim(await grid(await renderWorkbook(spec(false).spec), '大表'));
  for (let i = 0; i < N; i++) {
    const fast = FAST_READS[AWKWARD[i % AWKWARD.length]];
    if (fast !== undefined) reference[i + 3][1] = fast;
  }
});

test.each([
  ['CompressionStream (web default), plain blocks', false, false],
  ['CompressionStream (web default), lazy blocks', true, false],
  ['Node zlib pieces, lazy blocks', true, true],
])('same cells as excelts: %s', async (label, lazyRows, node) => {
  const { spec: s, lazy } = spec(lazyRows as boolean);
  const bytes = await renderWorkbookFast(s, ['大表'], renderWorkbook, { lazy, compressor: node ? nodeCompressor : undefined });
  expect(checkZip(bytes)).toBeGreaterThan(5);
  const g = trim(await grid(bytes, '大表'));
  expect(g).toEqual(reference);
  expect(trim(await grid(bytes, '小表'))).toEqual([['small', "=COUNTA('大表'!A4:A100)"]]);
  // Formula-looking text is a shared string, never a formula; the long text (> 1 MB of UTF-8 went
  // through the chunked writer) is fitted to Excel's 32,767 characters, saying what was left out.
  expect(g[4][1]).toBe('=SUM(A1:A3)');
  expect(g[6][6] === fitCellText(LONG)).toBe(true);
  expect(String(g[6][6])).toMatch(/…（原文 600000 字，超过 Excel 单元格上限 32767 字，其余未写入）$/);
  const f = join(dir, `${String(label).replace(/\W+/g, '_')}.xlsx`);
  writeFileSync(f, bytes);
  outputs.push(f);
});

const lo = hasLibreOffice() ? test : test.skip;
lo('LibreOffice opens the fast writer output with the same cells', async () => {
  const outs = await libreofficeConvert(outputs, { outDir: join(dir, 'lo') });
  for (const o of outs) {
    const g = trim(await grid(new Uint8Array(readFileSync(o)), '大表'));
    expect(g.length).toBe(reference.length);
    // The text cells read back (LibreOffice re-saves the "_xHHHH_" escapes in lower case).
    for (let i = 3; i < g.length; i += 7) expect(String(g[i][1]).toLowerCase()).toBe(String(reference[i][1]).toLowerCase());
    expect(g[4][1]).toBe('=SUM(A1:A3)');
    // The fitted text (32,767 characters, Excel's and LibreOffice's limit) reads back as written.
    expect(g[6][6] === fitCellText(LONG)).toBe(true);
  }
});
