/** The fast part reader gives exactly what the full excelts load gives, on our files and LibreOffice-like ones. */
import { Workbook } from '@cj-tech-master/excelts';
import { readWorkbook } from '../../../src/hosts/xlsx';
import { decodeXml } from '../../../src/hosts/xlsx/fastGrid';
import { fixtureCatalog, fixtureSettings, generated, goodWorkbook } from '../../helpers/committeeFixtures';
import { fillWorkbook } from '../../helpers/fillWorkbook';

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);

async function both(bytes: Uint8Array) {
  const fast = await readWorkbook(bytes, 'f.xlsx');
  const full = await readWorkbook(bytes, 'f.xlsx', { engine: 'excelts' });
  return { fast, full };
}

test.each(catalog.committees.map((c) => c.id))('%s: generated and filled workbooks read the same both ways', async (id) => {
  for (const bytes of [await generated(catalog, settings, id), (await goodWorkbook(catalog, settings, id)).bytes]) {
    const { fast, full } = await both(bytes);
    expect(fast).toEqual(full);
  }
});

test('rich text, merged cells, errors, booleans, inline strings, entities and dates read the same both ways', async () => {
  const wb = new Workbook();
  await wb.xlsx.load(await fillWorkbook(await generated(catalog, settings, 'c2'), {
    tasks: [{ code: 'T001', owner: '<张&三>', start: '2023-03-01', end: '2023-06-30', kpi: '"引号" \'单引号\'', remarks: '=SUM(A1)', draft: null }],
    budget: [{ taskCode: 'T001', expenseCategory: '会议费', fundingSource: '财政拨款', unitPrice: 0.5, quantity: 3, basis: '行1\n行2' }],
  }));
  const ws = wb.getWorksheet('任务表')!;
  ws.getCell('C6').value = { richText: [{ text: '富', font: { bold: true } }, { text: '文本' }] };
  ws.getCell('G5').value = '合并';
  ws.mergeCells('G5:G6');
  ws.getCell('J6').value = true;
  ws.getCell('J7').value = { error: '#N/A' } as never;
  ws.getCell('F7').value = { formula: 'UPPER("x")', result: 'X' } as never;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const { fast, full } = await both(bytes);
  expect(fast).toEqual(full);
  const t1 = fast.raw!.tasks.find((t) => t.cells.code === 'T001')!;
  expect(t1.cells.owner).toBe('<张&三>');
  expect(t1.cells.start).toEqual(new Date(Date.UTC(2023, 2, 1)));
  expect(t1.cells.remarks).toBe('=SUM(A1)');
  expect(fast.raw!.budgetLines[0].cells.basis).toBe('行1\n行2');
});

test('XML text decoding', () => {
  expect(decodeXml('a&lt;b&gt;&amp;&quot;&apos;&#x4E2D;&#25991;_x000D_')).toBe('a<b>&"\'中文\r');
});

test('XML text decoding: entities in one pass, bare and unknown ampersands kept', () => {
  expect(decodeXml('&amp;lt; &#65;&#x42; a & b &unknown; &apos;预算明细&apos;!$A$4')).toBe("&lt; AB a & b &unknown; '预算明细'!$A$4");
  expect(decodeXml('_x005F_x0041_ &amp;_x0009_')).toBe('_x0041_ &\t');
});

test('an injected inflate (Node zlib, as the CLI passes) reads the same as DecompressionStream', async () => {
  const { inflateRawSync } = await import('zlib');
  const bytes = (await goodWorkbook(catalog, settings, 'c2')).bytes;
  const viaZlib = await readWorkbook(bytes, 'f.xlsx', { inflate: (d) => new Uint8Array(inflateRawSync(d)) });
  expect(viaZlib).toEqual(await readWorkbook(bytes, 'f.xlsx'));
});

test('an ISO date cell (t="d") reads as a Date; one whose text is no date keeps its text (never an Invalid Date)', async () => {
  const { editZip, unzip } = await import('@cj-tech-master/excelts/archive');
  const { patchWorkbook } = await import('../../../src/hosts/xlsx/patch');
  const { checkSubmission } = await import('../../../src/core/validate');
  // Put markers in the cells with the patcher, then turn them into t="d" cells as some writers do.
  const base = await generated(catalog, settings, 'c2');
  const marked = await patchWorkbook(base, { cells: [{ sheet: '任务表', address: 'H5', value: 'MARK_H' }, { sheet: '任务表', address: 'I5', value: 'MARK_I' }] });
  const r = unzip(marked);
  const wb = new TextDecoder().decode((await r.bytes('xl/workbook.xml'))!);
  const rels = new TextDecoder().decode((await r.bytes('xl/_rels/workbook.xml.rels'))!);
  const rid = /name="任务表"[^>]*r:id="([^"]+)"/.exec(wb)![1];
  const path = 'xl/' + new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1];
  let xml = new TextDecoder().decode((await r.bytes(path))!);
  xml = xml.replace(/<c r="H5"([^>]*?) t="inlineStr"><is><t xml:space="preserve">MARK_H<\/t><\/is><\/c>/, '<c r="H5"$1 t="d"><v>not-a-date</v></c>');
  xml = xml.replace(/<c r="I5"([^>]*?) t="inlineStr"><is><t xml:space="preserve">MARK_I<\/t><\/is><\/c>/, '<c r="I5"$1 t="d"><v>2023-06-30T00:00:00Z</v></c>');
  expect(xml).toContain('<v>not-a-date</v>');
  const ed = await editZip(marked);
  ed.set(path, new TextEncoder().encode(xml));
  const res = await readWorkbook(await ed.bytes(), 'd.xlsx');
  const row = res.raw!.tasks.find((t) => t.source.row === 5)!;
  expect(row.cells.start).toBe('not-a-date');
  expect(row.cells.end).toEqual(new Date(Date.UTC(2023, 5, 30)));
  const f = checkSubmission(res.raw!, catalog, settings).findings.find((x) => x.row === 5 && x.columnKey === 'start')!;
  expect(f).toMatchObject({ code: 'date.unreadable', raw: 'not-a-date' });
});
