/**
 * The cell writer of the fast path (hosts/xlsx/sheetData): numbers written from their digits read
 * exactly as String(v) writes them, and rows given as values with column styles (a LazyBlock of the
 * summary) are written byte for byte as the same rows given as cells.
 */
import { lazyCell } from '../../../src/core/sheets/lazyBlock';
import type { LazyColumn, LazyValue } from '../../../src/core/sheets/lazyBlock';
import type { SheetSpec } from '../../../src/core/sheets/spec';
import { tidy } from '../../../src/core/util/tidy';
import { ByteSink } from '../../../src/hosts/xlsx/byteSink';
import { putNumber, Strings, styleTags, writeSheetData } from '../../../src/hosts/xlsx/sheetData';
import type { RowSource } from '../../../src/hosts/xlsx/sheetData';

const written = (v: number): string => {
  const b = new Uint8Array(32);
  return Buffer.from(b.subarray(0, putNumber(b, 0, v))).toString('latin1');
};

test('putNumber writes what String(v) writes', () => {
  const values = [0, -0, 1, -1, 7, 10, 2147483647, 2147483648, -2147483648, 0.1, 0.2, 0.1 + 0.2, 0.3, 0.35, 0.0035, 1e-6, 1.5e-6, 1e-7, 9.999999, 2146.999999, 2147, 2147.5, 123456.789, 1e21, 1.7976931348623157e308, 5e-324, -0.25, -1234.5678, 1 / 3, 2 / 3, 0.000123, 100.1, 99.99, 1e20];
  let seed = 7;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let i = 0; i < 20000; i++) {
    const scale = 10 ** Math.floor(rnd() * 8);
    values.push(Math.round(rnd() * 3000 * scale) / scale, tidy(rnd() * 10), -rnd() * 5000, Math.round(rnd() * 1e6) / 1e4, (rnd() * 100) * 3);
  }
  expect(values.filter((v) => written(v) !== String(v)).map((v) => `${String(v)} written ${written(v)}`)).toEqual([]);
  expect(values.length).toBeGreaterThan(100000);
});

function render(sheet: SheetSpec, blocks: RowSource[]): string {
  const chunks: Uint8Array[] = [];
  const sink = new ByteSink((c) => chunks.push(c.slice()));
  const styles = new Map(['int', 'text', 'date'].map((s, i) => [s, styleTags(i + 3)]));
  const strings = new Strings(5);
  writeSheetData(sink, sheet, blocks, styles, strings);
  sink.end();
  return Buffer.concat(chunks).toString('utf8') + '\n' + strings.added.join('|');
}

test('rows as values with column styles are written as the same rows as cells', () => {
  const columns: LazyColumn[] = [{ num: 'int' }, { str: 'text' }, { num: 'date', str: 'text' }, {}, { num: 'nope', str: 'nope' }, { num: 'int', str: 'text' }];
  const pick: LazyValue[][] = [
    [1, 'a', 45000, 'x', 1, 2],
    [null, '', '', '', null, null],
    [2.5, 'a & <b>', '2023-13-01', 0.1 + 0.2, 'y', 'z'],
    [-3, '甲', null, true, false, NaN],
    [Infinity, 'a', 1e21, 5e-324, '', -0.0035],
  ];
  const values = (i: number, out: LazyValue[]) => {
    const r = pick[i % pick.length];
    for (let j = 0; j < r.length; j++) out[j] = r[j];
  };
  const N = 40;
  const typed: RowSource = { at: 'B4', count: N, cols: columns.length, columns, values, row: () => [] };
  const asCells: RowSource = {
    at: 'B4',
    count: N,
    cols: columns.length,
    row: (i) => {
      const out: LazyValue[] = new Array(columns.length).fill(null);
      values(i, out);
      return out.map((v, j) => lazyCell(v, columns[j]));
    },
  };
  const sheet: SheetSpec = { name: 's', state: 'visible', columns: [], rows: [{ index: 5, height: 20 }], blocks: [{ at: 'A1', rows: [[{ v: 'title', s: 'text' }]] }], formats: [], merges: [], validations: [], conditionalFormats: [] };
  const a = render(sheet, [typed]);
  expect(a).toBe(render(sheet, [asCells]));
  expect(a).toContain('<c r="B4" s="3"><v>1</v></c><c r="C4" s="4" t="s"><v>');
  expect(a).toContain('<c r="B5" s="3"/><c r="C5" s="4"/><c r="D5" s="4"/><c r="G5" s="3"/></row>');
});
