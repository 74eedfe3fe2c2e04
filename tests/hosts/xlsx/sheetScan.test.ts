/**
 * sheetScan: a sheet's bytes compacted before decoding — empty self-closed cells dropped (checked
 * against Excel's grid), the first value past the rows or columns read refused at that cell.
 */
import { compactSheet } from '../../../src/hosts/xlsx/sheetScan';
import { LimitExceeded, limitsOf } from '../../../src/core/limits';

const enc = new TextEncoder();
const dec = new TextDecoder();
const limits = limitsOf({ rows: 100, columns: 10 });
const run = (xml: string) => {
  const b = enc.encode(xml);
  return dec.decode(b.subarray(0, compactSheet(b, limits)));
};
const thrown = (xml: string) => {
  try {
    run(xml);
  } catch (e) {
    return e instanceof LimitExceeded ? `${e.limit} ${e.found} ${e.max}` : String(e);
  }
  return 'none';
};

test('empty self-closed cells and row tags are dropped; cells with content and the rest stay as they were', () => {
  const xml = '<sheetData><row r="1"><c r="A1" s="3"/><c r="B1" t="s"><v>0</v></c><c r="C1" s="2" foo="a>b/"/></row><row r="2" s="3" x=">"><c r="A2" s="3"></c></row><row r="3"/><rowBreaks/></sheetData><cols><col min="1"/></cols>';
  expect(run(xml)).toBe('<sheetData><c r="B1" t="s"><v>0</v></c><c r="A2" s="3"></c><rowBreaks/></sheetData><cols><col min="1"/></cols>');
});

test('a value past the rows or columns read stops at that cell; empty styled cells past them do not', () => {
  expect(thrown('<row r="200"><c r="A200" s="3"/><c r="B200" s="1"></c></row>')).toBe('none');
  expect(thrown('<row r="150"><c r="A150"><v></v></c></row><row r="200"><c r="A200" t="inlineStr"><is><t>x</t></is></c></row>')).toBe('rows 200 100');
  expect(thrown('<row r="101"><c r="B101"><f>1+1</f></c></row>')).toBe('rows 101 100');
  expect(thrown('<row r="5"><c r="K5"><v>1</v></c></row>')).toBe('columns 11 10');
  // outside Excel's grid: refused even when empty
  expect(thrown('<row r="1048577"><c r="A1048577" s="3"/></row>')).toBe('rows 1048577 100');
  expect(thrown('<row r="1"><c r="XFE1" s="3"/></row>')).toBe('columns 16385 10');
});
