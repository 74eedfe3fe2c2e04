/** Reading files: bad files each get their message; merged cells, formulas, rich text, dates. */
import { crc32 } from 'zlib';
import { Workbook } from '@cj-tech-master/excelts';
import { readWorkbook, sniff } from '../../../src/hosts/xlsx';
import { fixtureCatalog, fixtureSettings, generated } from '../../helpers/committeeFixtures';


const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);

/** A stored (uncompressed) zip of the given entries. */
function storedZip(entries: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, 'utf8');
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(entries).length, 8); end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

function ole(extraUtf16: string[] = []): Uint8Array {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const body = Buffer.alloc(1024);
  const names = Buffer.concat(extraUtf16.map((s) => Buffer.from(s, 'utf16le')));
  return new Uint8Array(Buffer.concat([head, body, Buffer.from('Root Entry', 'utf16le'), names, Buffer.alloc(512)]));
}

async function plainXlsx(): Promise<Uint8Array> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.getCell('A1').value = '任务名称';
  ws.getCell('A2').value = '课题研究';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('bad files are refused with a message saying what to do', () => {
  const cases: [string, () => Promise<Uint8Array> | Uint8Array, string, RegExp][] = [
    ['empty file', () => new Uint8Array(0), 'file.empty', /空的/],
    ['old .xls (OLE)', () => ole(['Workbook']), 'file.xls', /97-2003/],
    ['password-protected (OLE with EncryptionInfo)', () => ole(['EncryptionInfo', 'EncryptedPackage']), 'file.encrypted', /密码/],
    ['csv renamed', () => new Uint8Array(Buffer.from('任务编号,要点,任务名称\nT001,4,课题研究\n', 'utf8')), 'file.csv', /CSV/],
    ['html renamed', () => new Uint8Array(Buffer.from('<html><head><meta charset="utf-8"></head><body><table><tr><td>任务</td></tr></table></body></html>')), 'file.html', /HTML/],
    ['corrupt zip (truncated)', async () => (await generated(catalog, settings, 'c1')).subarray(0, 4000), 'file.corrupt', /损坏/],
    ['zip that is not a workbook', () => storedZip({ 'readme.txt': 'hello' }), 'file.notWorkbook', /不是 Excel 工作簿/],
    ['an xlsx that is not ours (no _meta)', plainXlsx, 'file.notOurs', /不是本系统生成/],
  ];
  test.each(cases)('%s', async (_label, make, code, zh) => {
    const r = await readWorkbook(await make(), '坏文件.xlsx');
    expect(r.raw).toBeUndefined();
    expect(r.refusal!.code).toBe(code);
    expect(r.refusal!.severity).toBe('error');
    expect(r.refusal!.file).toBe('坏文件.xlsx');
    expect(r.refusal!.message.zh).toMatch(zh);
    expect(r.refusal!.message.zh).toContain('坏文件.xlsx');
    expect(r.refusal!.message.en).toContain('坏文件.xlsx');
    expect(r.refusal!.fix!.zh.length).toBeGreaterThan(5);
    expect(r.refusal!.fix!.en.length).toBeGreaterThan(5);
  });

  test('sniff tells the kinds apart', () => {
    expect(sniff(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('zip');
    expect(sniff(ole())).toBe('ole');
    expect(sniff(new Uint8Array([0xff, 0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x05]))).toBe('binary');
  });
});

describe('cells are read by value', () => {
  test('merged cells, cached formula results, rich text, Date and serial dates, text that looks like a formula', async () => {
    const wb: any = new Workbook();
    await wb.xlsx.load(await generated(catalog, settings, 'c2'));
    const ws = wb.getWorksheet('任务表');
    // T001 is row 5, T002 row 6
    ws.getCell('C5').value = { richText: [{ text: '课题', font: { bold: true } }, { text: '研究' }] };
    ws.getCell('F5').value = { formula: '"张"&"三"', result: '张三' };
    ws.getCell('H5').value = new Date(Date.UTC(2023, 2, 1));
    ws.getCell('I5').value = 45107; // 2023-06-30 as a serial in a cell without date format
    ws.getCell('I5').numFmt = 'General';
    ws.getCell('G5').value = '市科协';
    ws.mergeCells('G5:G6');
    ws.getCell('M5').value = '=HYPERLINK("http://x","点击")';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await readWorkbook(bytes, 'cells.xlsx');
    const t1 = r.raw!.tasks.find((t) => t.cells.code === 'T001')!;
    const t2 = r.raw!.tasks.find((t) => t.cells.code === 'T002')!;
    expect(t1.cells.name).toBe('课题研究');
    expect(t1.cells.owner).toBe('张三');
    expect(t1.cells.start).toEqual(new Date(Date.UTC(2023, 2, 1)));
    expect(t1.cells.end).toBe(45107);
    expect(t1.cells.partners).toBe('市科协');
    expect(t2.cells.partners).toBeNull(); // the merged slave is not duplicated
    expect(t1.cells.remarks).toBe('=HYPERLINK("http://x","点击")');
    expect(t1.source).toEqual({ file: 'cells.xlsx', sheet: '任务表', row: 5 });
    expect(t1.columns.owner).toBe('F');
  });

  test('our formula without a cached value reads as Excel would compute it (a task without lines: empty), not as 0', async () => {
    // excelts writes formulas without values: the generated workbook itself has none.
    for (const engine of ['auto', 'excelts'] as const) {
      const r = await readWorkbook(await generated(catalog, settings, 'c1'), 'c1.xlsx', { engine });
      expect(r.raw!.tasks[0].cells.budgetTotal).toBe('');
      expect(r.raw!.budgetLines).toEqual([]);
      expect(r.raw!.readFindings).toEqual([]);
    }
  });
});

test('a workbook whose 任务表 was renamed still reads (both readers), with a warning', async () => {
  const wb: any = new Workbook();
  await wb.xlsx.load(await generated(catalog, settings, 'c3'));
  wb.getWorksheet('任务表').name = '任务表（修改）';
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  for (const engine of ['auto', 'excelts'] as const) {
    const r = await readWorkbook(bytes, 'renamed.xlsx', { engine });
    expect(r.raw!.tasks.length).toBeGreaterThan(0);
    expect(r.raw!.tasks[0].source.sheet).toBe('任务表（修改）');
    expect(r.raw!.readFindings.map((f) => f.code)).toEqual(['read.sheet.renamed']);
  }
});
