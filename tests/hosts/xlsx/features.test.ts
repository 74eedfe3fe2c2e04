/** renderWorkbook features other workbooks use: tables, charts, notes, range formats, hidden columns/rows, names. */
import { renderWorkbook, readWorkbook } from '../../../src/hosts/xlsx';
import type { WorkbookSpec } from '../../../src/core/sheets/spec';
import { part, sheetPaths, zipParts } from '../../helpers/zipParts';

const spec: WorkbookSpec = {
  sheets: [
    {
      name: '按专委会',
      state: 'visible',
      columns: [{ index: 1, width: 20 }, { index: 2, width: 12, style: 'money' }, { index: 3, width: 8, hidden: true }],
      rows: [{ index: 1, height: 28 }],
      blocks: [
        { at: 'A1', rows: [[{ v: '专委会', s: 'head' }, { v: '预算', s: 'head' }, { v: '备注', s: 'head' }]] },
        { at: 'A2', rows: [[{ v: '党委' }, { v: 3 }, { v: '=1+1', note: '看起来像公式的文本' }], [{ v: '决策咨询专委会' }, { v: 5.5 }, null], [{ v: '合计' }, { f: 'SUBTOTAL(109,B2:B3)' }, null]] },
      ],
      formats: [{ range: 'A2:B3', style: 'cell' }],
      merges: [],
      validations: [],
      conditionalFormats: [],
      tables: [{ name: 'ByCommittee', range: 'A1:C3', style: 'TableStyleMedium2' }],
      charts: [
        { kind: 'column', title: '各专委会预算', categories: "'按专委会'!$A$2:$A$3", series: [{ name: '预算', values: "'按专委会'!$B$2:$B$3" }], anchor: { at: 'E2', cols: 8, rows: 15 } },
        { kind: 'pie', title: '预算占比', categories: "'按专委会'!$A$2:$A$3", series: [{ name: '预算', values: "'按专委会'!$B$2:$B$3" }], anchor: { at: 'E18', cols: 8, rows: 15 } },
      ],
      freeze: { rows: 1, cols: 0 },
    },
  ],
  styles: { head: { font: { bold: true, name: '宋体' }, fill: 'D9E1F2' }, money: { numFmt: '#,##0.00' }, cell: { border: 'BFBFBF' } },
  names: [{ name: 'Budget', ref: "'按专委会'!$B$2:$B$3" }],
  properties: { title: '汇总', creator: '计划预算编制助手', created: '2023-02-01T00:00:00Z' },
};

test('tables, charts, notes, names and hidden columns are written', async () => {
  const bytes = await renderWorkbook(spec);
  const parts = zipParts(bytes);
  const names = [...parts.keys()];
  expect(names.some((n) => /^xl\/tables\/table\d+\.xml$/.test(n))).toBe(true);
  expect(names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(2);
  expect(names.some((n) => /comments\d*\.xml$/.test(n))).toBe(true);
  const table = part(parts, names.find((n) => /^xl\/tables\/table\d+\.xml$/.test(n))!);
  expect(table).toMatch(/name="ByCommittee"/);
  expect(table).toMatch(/ref="A1:C3"/);
  expect(table).toMatch(/<tableColumn id="1" name="专委会"/);
  const charts = names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).map((n) => part(parts, n)).join('\n');
  expect(charts).toContain('<c:barChart>');
  expect(charts).toContain('<c:pieChart>');
  expect(charts).toContain('<c:f>&apos;按专委会&apos;!$B$2:$B$3</c:f>');
  const ws = part(parts, sheetPaths(parts).get('按专委会')!);
  expect(ws).toMatch(/<col min="3" max="3" width="8" hidden="1"/);
  expect(ws).toContain('<f>SUBTOTAL(109,B2:B3)</f>');
  expect(ws).toMatch(/<c r="C2"[^>]*t="s"/); // "=1+1" stays text
  expect(part(parts, 'xl/workbook.xml')).toContain('<definedName name="Budget">');
  expect(part(parts, 'docProps/core.xml')).toContain('计划预算编制助手');
});

test('a workbook that is not a plan workbook is refused on read, not crashed on', async () => {
  const r = await readWorkbook(await renderWorkbook(spec), '汇总.xlsx');
  expect(r.refusal!.code).toBe('file.notOurs');
});
