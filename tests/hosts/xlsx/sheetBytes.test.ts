/**
 * The byte scanner (sheetBytes.ts) against the reference (sheetXml.ts parseSheet on the decoded
 * text): the same grid, the same null, the same LimitExceeded — on hand-made cells of every kind,
 * on thousands of seeded mutations of real sheets, and on every sheet of workbooks saved by us,
 * by openpyxl (formulas without values) and by LibreOffice (cached values).
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseSheetBytes } from '../../../src/hosts/xlsx/sheetBytes';
import { parseSheet } from '../../../src/hosts/xlsx/sheetXml';
import { dateStyles, sharedStrings } from '../../../src/hosts/xlsx/xmlText';
import { LimitExceeded, limitsOf } from '../../../src/core/limits';
import type { ReadLimits } from '../../../src/core/limits';
import { fixtureCatalog, fixtureSettings, generated, goodWorkbook } from '../../helpers/committeeFixtures';
import { zipParts } from '../../helpers/zipParts';
import { rng } from '../../fuzz/mutate';
import { hasPandas } from '../../helpers/openpyxl';
import { makeScriptFilled } from '../../helpers/scriptFilled';
import { hasLibreOffice, libreofficeConvert } from '../../helpers/libreoffice';

const enc = new TextEncoder();
const LIMITS = limitsOf({ rows: 5000, columns: 60 });
/** Shared strings 0-3; styles: 0 general, 1 a date, 2 a number format, 3 a custom date. */
const SST = ['零', 'one', '', 'x&y'];
const DATES = [false, true, false, true];

/** What a parse gives: the grid, null, or the error it throws (class, message and fields). */
function outcome(parse: () => unknown[][] | null): unknown {
  try {
    return { rows: parse() };
  } catch (e) {
    if (e instanceof LimitExceeded) return { limit: e.limit, found: e.found, max: e.max, where: e.where, atLeast: e.atLeast, message: e.message };
    return { thrown: String(e) };
  }
}

function same(bytes: Uint8Array, sst = SST, dates = DATES, limits: ReadLimits = LIMITS): unknown {
  const text = new TextDecoder('utf-8').decode(bytes);
  const want = outcome(() => parseSheet(text, sst, dates, limits));
  const got = outcome(() => parseSheetBytes(bytes, sst, dates, limits));
  expect(got).toStrictEqual(want);
  return got;
}

const sheet = (cells: string, after = '') => `<?xml version="1.0"?><worksheet xmlns="x"><cols><col min="1"/></cols><sheetData>${cells}</sheetData>${after}</worksheet>`;
const rowsOf = (xml: string) => (same(enc.encode(xml)) as { rows: unknown[][] | null }).rows;

const CELLS: Record<string, string> = {
  sharedStrings: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>3</v></c><c r="C1" t="s"><v>9</v></c><c r="D1" t="s"><v> 1</v></c><c r="E1" t="s"><v>1.0</v></c><c r="F1" t="s"><v>007</v></c><c r="G1" t="s"><v>1e0</v></c></row>',
  numbers: '<row r="2"><c r="A2"><v>0.1</v></c><c r="B2"><v>-0</v></c><c r="C2"><v>1E3</v></c><c r="D2"><v> 5 </v></c><c r="E2"><v>0x10</v></c><c r="F2"><v>1.</v></c><c r="G2"><v>.5</v></c><c r="H2"><v>123456789012345678</v></c><c r="I2"><v>0.1234567890123456789</v></c><c r="J2"><v>-12.50</v></c><c r="K2"><v>abc</v></c><c r="L2"><v>&#49;</v></c><c r="M2"><v>1e400</v></c><c r="N2" t="n"><v>7</v></c><c r="O2"><v>-</v></c><c r="P2"><v>.</v></c></row>',
  dates: '<row r="3"><c r="A3" s="1"><v>44927</v></c><c r="B3" s="3"><v>44927.5</v></c><c r="C3" s="2"><v>44927</v></c><c r="D3" s=""><v>3</v></c><c r="E3" s=" 1"><v>3</v></c><c r="F3" s="01"><v>3</v></c><c r="G3" s="x"><v>3</v></c><c r="H3" s="9"><v>3</v></c><c r="I3" t="d"><v>2023-03-01T00:00:00Z</v></c><c r="J3" t="d"><v>不是日期</v></c></row>',
  typed: '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v> true </v></c><c r="C4" t="b"><v>0</v></c><c r="D4" t="e"><v>#N/A</v></c><c r="E4" t="str"><v></v></c><c r="F4" t="str"><v>a&amp;b</v></c><c r="G4" t="str"><f>A1</f><v>x_x0041_</v></c><c r="H4" t="S"><v>5</v></c></row>',
  inline: '<row r="5"><c r="A5" t="inlineStr"><is><t>plain</t></is></c><c r="B5" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve"> rich </t></r><r><t>text</t></r><rPh><t>ふ</t></rPh></is></c><c r="C5" t="inlineStr"><v>1</v></c><c r="D5" t="inlineStr"><is><t>&lt;&#x4E2D;&gt;_x000D_</t></is></c><c r="E5" t="inlineStr"><is><t/></is></c></row>',
  formulas: '<row r="6"><c r="A6"><f>SUM(A1:A2)</f></c><c r="B6"><f>IF(A1=&quot;&quot;,&apos;x&apos;)</f><v></v></c><c r="C6"><f t="shared" si="0"/></c><c r="D6"><f t="shared" ref="D6:D9" si="1">A6*2</f><v>4</v></c><c r="E6"><f></f></c><c r="F6"><f>"中文"&amp;A1</f><v/></c><c r="G6"><fx>1</fx></c><c r="H6"><v/><f>1+1</f></c><c r="I6"><f >A1</f></c><c r="J6"><vm>1</vm><v>2</v></c></row>',
  attributes: `<row r="7"><c r='A7' t='s'><v>1</v></c><c  r = "B7"  s = "1" ><v>1</v></c><c t="s" r="C7" s="0"><v>0</v></c><c r="D7" foo="a>b"><v>1</v></c><c r="E7" xr:uid="{X}"><v>1</v></c><c r\u00a0="F7"><v>1</v></c></row>`,
  empty: '<row r="8"><c r="A8" s="1"/><c r="B8"></c><c r="C8" s="3"></c><c r="D8"><v>1</v></c></row><row r="9"/>',
  text: '<row r="10"><c r="A10" t="str"><v>\ufeffBOM 中文 \u{1F600}</v></c><c r="B10" t="e"><v>#DIV/0!</v></c><c r="C10" t="str"><v>&amp;lt; &#65; &unknown; &#xZZ;</v></c></row>',
};

test.each(Object.keys(CELLS))('hand-made cells (%s) read the same both ways', (name) => {
  const rows = rowsOf(sheet(CELLS[name]));
  expect(rows).not.toBeNull();
  expect(rows!.flat().some((v) => v !== null)).toBe(true);
});

test('formulas filled down (one text per column, its row put in) read the same as decoded one by one', () => {
  const col = (row: number, f: string) => `<c r="B${row}"><f>${f}</f></c><c r="C${row}"><f>IF($A${row}=&quot;&quot;,&quot;中&quot;,$A$4*${row}+A${row}0+&apos;S${row}&apos;!B${row})</f><v></v></c>`;
  const forms = [
    (r: number) => `$A${r}*2`,
    (r: number) => `$A${r}*2`,
    (r: number) => `$A${r}*${r}`,
    (r: number) => `$A0${r}*2`,
    (r: number) => `&#5${r};A${r}`,
    (r: number) => `_x003${r}_A${r}`,
    (r: number) => `A${r}&amp;${r}&lt;`,
    (r: number) => `A${r}&lt;${r}`,
    (r: number) => `A${r + 1}`,
    (r: number) => `A${r}`,
  ];
  let cells = '';
  for (let r = 4; r <= 120; r++) cells += `<row r="${r}">${col(r, forms[Math.floor(r / 3) % forms.length](r))}</row>`;
  const rows = rowsOf(sheet(cells))!;
  expect(rows[98][1]).toEqual({ formula: '$A099*2' });
  expect(rows[99][2]).toEqual({ formula: 'IF($A100="","中",$A$4*100+A1000+\'S100\'!B100)' });
});

test('values the fast paths take are the values Number and the shared strings give', () => {
  const rows = rowsOf(sheet(CELLS.sharedStrings + CELLS.numbers + CELLS.dates))!;
  expect(rows[0].slice(0, 6)).toEqual(['零', 'x&y', '', 'one', 'one', '']);
  expect(rows[1].slice(0, 4)).toEqual([0.1, -0, 1000, 5]);
  expect(Object.is(rows[1][1], -0)).toBe(true);
  expect(rows[1][9]).toBe(-12.5);
  expect(rows[2][0]).toEqual(new Date(Date.UTC(2023, 0, 1)));
});

test('merged cells, holes, and anything after </sheetData> read the same', () => {
  rowsOf(sheet(CELLS.typed + CELLS.formulas, '<mergeCells count="2"><mergeCell ref="A4:C6"/><mergeCell ref="E4:F4"/><mergeCell ref="A4:C6"/></mergeCells>'));
  rowsOf(sheet(CELLS.typed, '<x:mergeCell ref="A4:B4"/><conditionalFormatting><cfRule><formula>"中"</formula></cfRule></conditionalFormatting><mergeCells><mergeCell  ref="D4:E4"/></mergeCells>'));
  rowsOf(sheet(CELLS.typed, '<mergeCells><mergeCell ref="A4:XFD1048576"/></mergeCells>'));
});

test('odd markup: the same null, the same limits, the same prefixed reading', () => {
  const odd = [
    '<row><c t="s"><v>0</v></c></row>', // no r
    '<c r=""><v>1</v></c>',
    '<c r="a1"><v>1</v></c>',
    '<c r="1A"><v>1</v></c>',
    '<c r="A"><v>1</v></c>',
    '<c r="A1x"><v>1</v></c>',
    '<c r="A1"><v>1</v>', // no </c>
    '<c r="A1" t=s><v>1</v></c>',
    '<c r="A1" t="s><v>1</v></c>',
    '<c r="A1" t>',
    '<c r="A1"><v>1</v></c><c r="A2"/',
    '<c r="A5001"><v>1</v></c>',
    '<c r="BI1"><v>1</v></c>',
    '<c r="A5001" s="1"/><c r="A1"><v>1</v></c>',
    '<c r="A1048577" s="1"/>',
    '<c r="XFE1"/>',
    '<c r="A1"><f>1</f></c><c r="A99999"></c>',
    '<col r="A1"/><c\tr="A1"><v>2</v></c><cx r="B1"/>',
  ];
  for (const cells of odd) rowsOf(sheet(cells));
  rowsOf('<worksheet><sheetData/></worksheet>');
  rowsOf('<worksheet></worksheet>');
  rowsOf('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>');
  rowsOf('<x:worksheet xmlns:x="x"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>i</x:t></x:is></x:c><x:c r="C1"><x:f>A1</x:f></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>');
  rowsOf('\ufeff<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>');
});

test('bytes that are not valid UTF-8 decode to the same text', () => {
  const head = enc.encode(sheet('<c r="A1" t="str"><v>a'));
  const cut = head.indexOf(60, head.length - 30); // the "<" of </v>: insert before it
  const bad = new Uint8Array([0xe4, 0xb8, 0xff, 0xc0, 0x80]);
  const tail = enc.encode('</v></c><c r="B1"><f>x');
  const end = enc.encode('</f></c></sheetData></worksheet>');
  const b = new Uint8Array([...head.subarray(0, cut), ...bad, ...head.subarray(cut, head.indexOf(60, head.length - 24)), ...tail, 0xe4, ...end]);
  same(b);
});

/** Sheets of our own generated and filled workbooks (their shared strings and date styles). */
async function ourSheets(): Promise<{ sheets: Uint8Array[]; sst: string[]; dates: boolean[] }[]> {
  const catalog = fixtureCatalog();
  const settings = fixtureSettings(catalog);
  const books = [await generated(catalog, settings, 'c2'), (await goodWorkbook(catalog, settings, 'c2')).bytes];
  return books.map(bookSheets);
}

function bookSheets(bytes: Uint8Array): { sheets: Uint8Array[]; sst: string[]; dates: boolean[] } {
  const parts = zipParts(bytes);
  const sst = parts.get('xl/sharedStrings.xml');
  const styles = parts.get('xl/styles.xml');
  return {
    sheets: [...parts.keys()].filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).sort().map((k) => new Uint8Array(parts.get(k)!)),
    sst: sst ? sharedStrings(sst.toString('utf8')) : [],
    dates: dateStyles(styles ? styles.toString('utf8') : null),
  };
}

test('every sheet of our generated and filled workbooks reads the same', async () => {
  for (const book of await ourSheets()) for (const s of book.sheets) same(s, book.sst, book.dates, limitsOf({}));
});

/** Seeded mutations of a sheet's bytes: markup characters inserted, bytes dropped, spans duplicated. */
function mutated(b: Uint8Array, seed: number): Uint8Array {
  const r = rng(seed);
  const bits = ['<', '>', '/', '"', "'", ' ', '=', '<c', '</c>', '<v>', '</v>', '<f>', '</f>', '<v/>', '<f/>', 't="s"', 't="str"', 't="inlineStr"', 's="1"', 'r="A1"', 'r="ZZ9"', '-', '.', 'E', '9', '&amp;', '&#', '_x0041_', '\u4e2d', '</sheetData>', '<mergeCell ref="A1:C9"/>', '\t', 'A1048577'];
  const out = Array.from(b);
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * out.length);
    const kind = r();
    if (kind < 0.45) out.splice(at, 0, ...enc.encode(bits[Math.floor(r() * bits.length)]));
    else if (kind < 0.8) out.splice(at, 1 + Math.floor(r() * 6));
    else {
      const len = 1 + Math.floor(r() * 40);
      out.splice(Math.floor(r() * out.length), 0, ...out.slice(at, at + len));
    }
  }
  return new Uint8Array(out);
}

test('seeded mutations of real sheets read the same both ways (grid, null or limit)', async () => {
  const [book] = await ourSheets();
  // A small sheet of each kind, and a window of the large ones (around their data rows).
  const samples = book.sheets.map((s) => (s.length > 6000 ? cutAround(s) : s));
  const kinds = new Map<string, number>();
  let seed = 1;
  for (const s of samples) {
    for (let k = 0; k < 200; k++) {
      const got = same(mutated(s, seed++), book.sst, book.dates, limitsOf({ rows: 40, columns: 12 })) as Record<string, unknown>;
      const kind = 'rows' in got ? (got.rows ? 'grid' : 'null') : 'limit' in got ? 'limit' : 'thrown';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  }
  // the mutations reach every outcome, and nothing else is thrown
  expect(kinds.get('grid')).toBeGreaterThan(100);
  expect(kinds.get('null')).toBeGreaterThan(10);
  expect(kinds.get('limit')).toBeGreaterThan(5);
  expect(kinds.get('thrown')).toBeUndefined();
});

/** A sheet's head, a few rows of its data, and its tail. */
function cutAround(s: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(s);
  const a = text.indexOf('<row r="4"');
  const b = text.indexOf('<row r="9"');
  const end = text.indexOf('</sheetData>');
  if (a < 0 || b < 0 || end < 0) return s;
  return enc.encode(text.slice(0, a) + text.slice(a, b) + text.slice(end));
}

const python = hasPandas();
(python ? test : test.skip)('every sheet of workbooks saved by openpyxl (formulas without values) reads the same', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheetbytes-'));
  try {
    const catalog = fixtureCatalog();
    const s = await makeScriptFilled(dir, catalog, fixtureSettings(catalog));
    for (const path of [s.blankPath, s.filledPath]) {
      const book = bookSheets(new Uint8Array(readFileSync(path)));
      let formulas = 0;
      for (const b of book.sheets) {
        const got = same(b, book.sst, book.dates, limitsOf({})) as { rows: unknown[][] };
        formulas += got.rows.flat().filter((v) => v !== null && typeof v === 'object' && 'formula' in (v as object)).length;
      }
      expect(formulas).toBeGreaterThan(10);
    }
    if (hasLibreOffice()) {
      const [lo] = await libreofficeConvert([s.filledPath], { outDir: join(dir, 'lo') });
      const book = bookSheets(new Uint8Array(readFileSync(lo)));
      for (const b of book.sheets) same(b, book.sst, book.dates, limitsOf({}));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
