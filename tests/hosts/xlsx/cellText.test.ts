/** Text as written into a cell: within Excel's 32,767 characters (saying what was left out), without characters XML cannot hold. */
import { EXCEL_CELL_TEXT_MAX, fitCellText } from '../../../src/core/sheets/cellText';
import { cellText } from '../../../src/hosts/xlsx/render';

test('fitCellText: text that fits is unchanged; longer text keeps its beginning and says how long it was', () => {
  expect(fitCellText('短')).toBe('短');
  const exact = 'a'.repeat(EXCEL_CELL_TEXT_MAX);
  expect(fitCellText(exact)).toBe(exact);
  const long = 'b'.repeat(40_000);
  const fitted = fitCellText(long);
  expect(fitted.length).toBe(EXCEL_CELL_TEXT_MAX);
  expect(fitted).toMatch(/^b+…（原文 40000 字，超过 Excel 单元格上限 32767 字，其余未写入）$/);
  // A surrogate pair at the cut is kept whole or left out whole, never split.
  for (let k = 0; k < 2; k++) {
    const emoji = 'x'.repeat(k) + '😀'.repeat(20_000);
    const f = fitCellText(emoji);
    expect(f.length).toBeLessThanOrEqual(EXCEL_CELL_TEXT_MAX);
    expect(f).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  }
});

test('cellText: characters XML 1.0 cannot hold are dropped (tab, newline, emoji stay)', () => {
  expect(cellText('\u000b 说明\u0001 ')).toBe(' 说明 ');
  expect(cellText('a\tb\nc\r😀\ufffe\ud800')).toBe('a\tb\nc\r😀');
  expect(cellText('\udc00x\ud83d\ude00\ud800\ud800\ude00y\udc00')).toBe('x😀\ud800\ude00y');
  expect(cellText('x'.repeat(40_000)).length).toBe(EXCEL_CELL_TEXT_MAX);
});
