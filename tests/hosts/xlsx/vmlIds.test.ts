/** Notes on several sheets: each sheet's VML drawing reserves its own o:idmap blocks and numbers its shapes inside them. */
import { Workbook } from '@cj-tech-master/excelts';
import { unzip } from '@cj-tech-master/excelts/archive';
import { renderWorkbook } from '../../../src/hosts/xlsx';
import { renumberVml } from '../../../src/hosts/xlsx/vmlIds';
import type { SheetSpec, WorkbookSpec } from '../../../src/core/sheets/spec';

const shape = (id: number) => `<v:shape id="_x0000_s${id}" type="#_x0000_t202"><x:ClientData ObjectType="Note"><x:Row>0</x:Row></x:ClientData></v:shape>`;
const vml = (ids: number[]) =>
  `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600"/>${ids.map(shape).join('')}</xml>`;
const idsOf = (xml: string) => [...xml.matchAll(/<v:shape id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
const idmapOf = (xml: string) => /<o:idmap\b[^>]*data="([^"]*)"/.exec(xml)![1];

test('renumberVml: the part takes the blocks it is given, its shapes are numbered inside them, the shape type is left alone', () => {
  const a = renumberVml(vml([1025, 1026, 1027]), 3);
  expect(idmapOf(a.xml)).toBe('3');
  expect(idsOf(a.xml)).toEqual([3073, 3074, 3075]);
  expect(a.xml).toContain('<v:shapetype id="_x0000_t202"');
  expect(a.next).toBe(4);
  // 1,100 notes need two blocks (ids 2049…3148 with blocks 2 and 3).
  const many = Array.from({ length: 1100 }, (_, i) => 1025 + i);
  const b = renumberVml(vml(many), 2);
  expect(idmapOf(b.xml)).toBe('2,3');
  const ids = idsOf(b.xml);
  expect(ids[0]).toBe(2049);
  expect(ids[ids.length - 1]).toBe(2048 + 1100);
  expect(ids.every((i) => [2, 3].includes(Math.floor(i / 1024)))).toBe(true);
  expect(b.next).toBe(4);
});

function sheet(name: string, notes: number): SheetSpec {
  return {
    name,
    state: 'visible',
    columns: [],
    blocks: [{ at: 'A1', rows: Array.from({ length: notes }, (_, i) => [{ v: `值${i + 1}`, note: `${name} 第 ${i + 1} 条意见` }]) }],
    formats: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
  };
}

test('renderWorkbook: notes on three sheets give three VML parts with their own blocks and ids; every note reads back', async () => {
  const spec: WorkbookSpec = {
    properties: { title: 't', creator: 'c', created: '2023-01-05T08:00:00.000Z' },
    styles: {},
    sheets: [sheet('甲', 2), sheet('乙', 1), sheet('无', 0), sheet('丙', 3)],
    names: [],
  };
  const bytes = await renderWorkbook(spec);
  const parts = new Map<string, string>();
  for await (const e of unzip(bytes).entries()) if (/\.vml$/.test(e.path)) parts.set(e.path, new TextDecoder().decode(await e.bytes()));
  expect(parts.size).toBe(3);
  const blocks = [...parts.values()].map(idmapOf);
  expect(new Set(blocks).size).toBe(3);
  const all: number[] = [];
  for (const xml of parts.values()) {
    const mine = idmapOf(xml).split(',').map(Number);
    for (const id of idsOf(xml)) expect(mine).toContain(Math.floor(id / 1024));
    all.push(...idsOf(xml));
  }
  expect(all).toHaveLength(6);
  expect(new Set(all).size).toBe(6);
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  expect(wb.getWorksheet('甲').getCell('A2').note).toBe('甲 第 2 条意见');
  expect(wb.getWorksheet('乙').getCell('A1').note).toBe('乙 第 1 条意见');
  expect(wb.getWorksheet('丙').getCell('A3').note).toBe('丙 第 3 条意见');
});
