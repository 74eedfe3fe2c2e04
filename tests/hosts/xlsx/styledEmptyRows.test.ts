/**
 * WPS writes a million styled empty rows (cells with a style and no value). They hold nothing: the
 * workbook reads as without them, and they do not count against the rows read (core/limits.ts); a
 * cell with a value past the limit, or any cell outside Excel's grid, is still refused.
 */
import { readWorkbook } from '../../../src/hosts/xlsx';
import { SHEET_NAMES } from '../../../src/core/sheets/columns';
import { appendRows, editSheet } from '../../helpers/hostileFiles';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../../helpers/committeeFixtures';
import { inflateRawSync } from 'zlib';

jest.setTimeout(120_000);
const inflate = (d: Uint8Array) => new Uint8Array(inflateRawSync(d));
const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);

const styledEmpty = (from: number, to: number) => {
  const parts: string[] = [];
  for (let r = from; r <= to; r++) parts.push(`<row r="${r}" s="3" customFormat="1"><c r="A${r}" s="3"/><c r="B${r}" s="3"/></row>`);
  return parts.join('');
};

test('a million styled empty rows read as without them (fast reader)', async () => {
  const { bytes } = await goodWorkbook(catalog, settings, 'c2');
  const good = await readWorkbook(bytes, 'good.xlsx', { inflate });
  const wps = editSheet(bytes, SHEET_NAMES.tasks, (xml) => appendRows(xml, styledEmpty(300, 1_048_576)));
  const r = await readWorkbook(wps, 'wps.xlsx', { inflate });
  expect(r.refusal).toBeUndefined();
  expect(r.raw!.tasks.length).toBe(good.raw!.tasks.length);
  expect(r.raw!.tasks.map((t) => t.cells)).toEqual(good.raw!.tasks.map((t) => t.cells));
});

test('a value past the rows read is still refused, and so is an empty cell outside Excel\'s grid', async () => {
  const { bytes } = await goodWorkbook(catalog, settings, 'c2');
  const past = editSheet(bytes, SHEET_NAMES.tasks, (xml) => appendRows(xml, '<row r="600000"><c r="A600000" t="inlineStr"><is><t>x</t></is></c></row>'));
  const r1 = await readWorkbook(past, 'past.xlsx', { inflate });
  expect(r1.refusal?.code).toBe('file.limit');
  expect(r1.refusal?.message.zh).toContain('工作表行数');
  const outside = editSheet(bytes, SHEET_NAMES.tasks, (xml) => appendRows(xml, '<row r="1048577"><c r="A1048577" s="3"/></row>'));
  const r2 = await readWorkbook(outside, 'outside.xlsx', { inflate });
  expect(r2.refusal?.code).toBe('file.limit');
});
