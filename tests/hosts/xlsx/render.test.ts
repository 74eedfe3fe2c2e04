/** The written XML carries validations, protection, locked/unlocked cells, conditional formats, names, print setup. */
import { describeCommitteeWorkbook, TASK_LETTERS, BUDGET_LETTERS } from '../../../src/core/sheets/committeeWorkbook';
import { renderWorkbook, readWorkbook } from '../../../src/hosts/xlsx';
import type { WorkbookSpec } from '../../../src/core/sheets/spec';
import { fixtureCatalog, fixtureSettings, GENERATED_AT } from '../../helpers/committeeFixtures';
import { part, sheetPaths, zipParts } from '../../helpers/zipParts';

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
let parts: Map<string, Buffer>;
let sheets: Map<string, string>;
let styles: string;
const xml = (sheet: string) => part(parts, sheets.get(sheet)!);

/** cellXfs index → locked? (Excel's default is locked.) */
function lockedByXf(): boolean[] {
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1];
  return [...xfs.matchAll(/<xf\b[^>]*?(?:\/>|>([\s\S]*?)<\/xf>)/g)].map((m) => !/<protection[^>]*locked="0"/.test(m[1] ?? ''));
}
function cellXf(sheetXml: string, ref: string): number {
  const m = new RegExp(`<c r="${ref}"[^>]*?(?: s="(\\d+)")?[^>]*?(?:/>|>)`).exec(sheetXml);
  if (!m) throw new Error(`no cell ${ref}`);
  const s = / s="(\d+)"/.exec(m[0]);
  return s ? Number(s[1]) : 0;
}

beforeAll(async () => {
  const bytes = await renderWorkbook(describeCommitteeWorkbook(catalog, settings, 'c2', { generatedAt: GENERATED_AT }));
  parts = zipParts(bytes);
  sheets = sheetPaths(parts);
  styles = part(parts, 'xl/styles.xml');
});

test('sheets in order, _lists hidden and _meta veryHidden', () => {
  const wb = part(parts, 'xl/workbook.xml');
  expect([...sheets.keys()]).toEqual(['填报说明', '任务表', '预算明细', '里程碑', '校验', '_lists', '_meta']);
  expect(wb).toMatch(/<sheet name="_lists"[^>]*state="hidden"/);
  expect(wb).toMatch(/<sheet name="_meta"[^>]*state="veryHidden"/);
  expect(wb).toMatch(/fullCalcOnLoad="1"/);
});

test('defined names feed the lists, and print titles repeat the header row', () => {
  const wb = part(parts, 'xl/workbook.xml');
  for (const n of ['PointList', 'CommitteeList', 'CategoryList', 'SourceList', 'DeliverableTypeList', 'FlagList', 'TaskCodeList'])
    expect(wb).toMatch(new RegExp(`<definedName name="${n}">&apos;_lists&apos;!\\$[A-G]\\$2`));
  expect(wb).toContain('<definedName name="PointList">&apos;_lists&apos;!$A$2:$A$18</definedName>');
  expect(wb).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;任务表&apos;!\$3:\$3<\/definedName>/);
  expect(wb).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="2">&apos;预算明细&apos;!\$3:\$3<\/definedName>/);
});

test('data validations: lists by defined name, dates within the plan year, input messages', () => {
  const t = xml('任务表');
  expect(t).toMatch(/<dataValidation type="list" allowBlank="1" showInputMessage="1"[^>]*showErrorMessage="1"[^>]*sqref="B4:B\d+"><formula1>PointList<\/formula1>/);
  expect(t).toMatch(/sqref="E4:E\d+"><formula1>CommitteeList<\/formula1>/);
  expect(t).toMatch(/sqref="L4:L\d+"><formula1>FlagList<\/formula1>/);
  // 2023-01-01 = 44927, 2023-12-31 = 45291
  expect(t).toMatch(/<dataValidation type="date"[^>]*sqref="H4:H\d+"><formula1>44927<\/formula1><formula2>45291<\/formula2>/);
  expect(t).toContain('prompt="从下拉列表选择本任务落实的要点（如“4 凝练决策咨询重点课题”）。"');
  const b = xml('预算明细');
  expect(b).toMatch(/sqref="A4:A203"><formula1>TaskCodeList<\/formula1>/);
  expect(b).toMatch(/sqref="C4:C203"><formula1>CategoryList<\/formula1>/);
  expect(b).toMatch(/sqref="D4:D203"><formula1>SourceList<\/formula1>/);
  expect(b).toMatch(/<dataValidation type="decimal"[^>]*operator="greaterThanOrEqual"[^>]*sqref="E4:E203"><formula1>0<\/formula1>/);
  expect(xml('里程碑')).toMatch(/sqref="D4:D103"><formula1>DeliverableTypeList<\/formula1>/);
});

test('protection without password allows inserting/deleting rows, formatting columns, sort and filter', () => {
  for (const name of ['任务表', '预算明细', '里程碑', '校验', '填报说明']) {
    const p = /<sheetProtection\b[^>]*\/>/.exec(xml(name))![0];
    expect(p).toContain('sheet="1"');
    for (const a of ['insertRows', 'deleteRows', 'formatColumns', 'sort', 'autoFilter']) expect(p).toContain(`${a}="0"`);
    expect(p).not.toContain('hashValue');
  }
});

test('a password, when set, is hashed into the protection', async () => {
  const bytes = await renderWorkbook(describeCommitteeWorkbook(catalog, { ...settings, protectionPassword: 'secret' }, 'c1', { generatedAt: GENERATED_AT }));
  const p = zipParts(bytes);
  expect(part(p, sheetPaths(p).get('任务表')!)).toMatch(/<sheetProtection[^>]*algorithmName="SHA-512"[^>]*hashValue="[^"]+"/);
});

test('headers and formulas are locked; input cells and task codes are unlocked', () => {
  const locked = lockedByXf();
  const t = xml('任务表');
  expect(locked[cellXf(t, 'A3')]).toBe(true); // header
  expect(locked[cellXf(t, 'A2')]).toBe(true); // stable key row
  // task code: pre-filled and grey, but unlocked so a row inserted inside the table can be coded
  expect(locked[cellXf(t, 'A5')]).toBe(false);
  expect(locked[cellXf(t, `${TASK_LETTERS.budgetTotal}5`)]).toBe(true); // SUMIF formula
  expect(locked[cellXf(t, `${TASK_LETTERS.owner}5`)]).toBe(false);
  expect(locked[cellXf(t, `${TASK_LETTERS.start}5`)]).toBe(false);
  expect(locked[cellXf(t, `${TASK_LETTERS.point}5`)]).toBe(false);
  const b = xml('预算明细');
  expect(locked[cellXf(b, `${BUDGET_LETTERS.taskName}4`)]).toBe(true);
  expect(locked[cellXf(b, `${BUDGET_LETTERS.unitPrice}4`)]).toBe(false);
  expect(locked[cellXf(b, `${BUDGET_LETTERS.taskCode}4`)]).toBe(false); // the task-code dropdown is an input
  expect(locked[cellXf(b, `${BUDGET_LETTERS.amount}4`)]).toBe(false); // amount: formula by default, a plain amount may be typed
  expect(locked[cellXf(xml('里程碑'), 'A4')]).toBe(false);
  // below the generated rows the input columns stay unlocked through their column styles (code column too)
  const colStyle = (sheetXml: string, n: number) => Number(new RegExp(`<col min="${n}" max="\\d+"[^>]*style="(\\d+)"`).exec(sheetXml)![1]);
  expect(locked[colStyle(t, 1)]).toBe(false);
  expect(locked[colStyle(t, 6)]).toBe(false);
  // hidden key row
  expect(t).toMatch(/<row r="2"[^>]*hidden="1"/);
});

test('live formulas: SUMIF total, price × quantity × times, name lookup', () => {
  const t = xml('任务表');
  expect(t).toMatch(/<c r="K5"[^>]*><f>([^<]*)<\/f>/);
  expect(/<c r="K5"[^>]*><f>([^<]*)<\/f>/.exec(t)![1]).toBe('IF(COUNTIF(&apos;预算明细&apos;!$A$4:$A$203,$A5)=0,&quot;&quot;,SUMIF(&apos;预算明细&apos;!$A$4:$A$203,$A5,&apos;预算明细&apos;!$H$4:$H$203))');
  const b = xml('预算明细');
  expect(b).toMatch(/<c r="H4"[^>]*><f>IF\(COUNT\(\$E4\)=0,&quot;&quot;,\$E4\*IF\(LEN\(\$F4\)=0,1,\$F4\)\*IF\(LEN\(\$G4\)=0,1,\$G4\)\)<\/f>/);
  expect(b).toMatch(/<c r="B4"[^>]*><f>IF\(\$A4=&quot;&quot;,&quot;&quot;,IFERROR\(INDEX\(&apos;任务表&apos;!\$C\$4/);
});

test('conditional formats: empty required, unknown point, end before start, non-positive amount', () => {
  const t = xml('任务表');
  expect(t).toMatch(/<conditionalFormatting sqref="F4:F\d+"><cfRule type="expression" dxfId="\d+" priority="\d+"><formula>AND\(\$L4=&quot;&quot;,LEN\(\$B4\)/);
  expect(t).toContain('<formula>AND(LEN(B4)&gt;0,COUNTIF(PointList,B4)=0,COUNTIF(PointList,B4&amp;&quot; *&quot;)=0)</formula>');
  expect(t).toContain('<formula>AND(ISNUMBER($H4),ISNUMBER($I4),$I4&lt;$H4)</formula>');
  expect(xml('预算明细')).toContain('<formula>AND(ISNUMBER(H4),H4&lt;=0)</formula>');
  expect(styles).toMatch(/<dxfs count="\d+"><dxf>/);
});

test('frozen headers, A4 landscape, fit to width, footer with page numbers, fonts 宋体/仿宋', () => {
  const t = xml('任务表');
  expect(t).toMatch(/<pane xSplit="1" ySplit="3" topLeftCell="B4"[^>]*state="frozen"/);
  expect(t).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"/);
  expect(t).toMatch(/<pageSetup[^>]*fitToHeight="0"/);
  expect(t).toContain('<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>');
  expect(t).toMatch(/<col min="4" max="4" width="44"/);
  expect(styles).toContain('<name val="宋体"/>');
  expect(styles).toContain('<name val="仿宋"/>');
});

test('text that looks like a formula stays text; formulas come only from f', async () => {
  const spec: WorkbookSpec = {
    sheets: [{ name: 'S', state: 'visible', columns: [], formats: [], merges: [], validations: [], conditionalFormats: [],
      blocks: [{ at: 'A1', rows: [[{ v: '=HYPERLINK("http://x","点击")' }, { v: '+1' }, { v: "-cmd|' /C calc'!A0" }, { v: '@SUM(A1)' }, { f: 'SUM(1,2)' }]] }] }],
    styles: {}, names: [], properties: { title: 't', creator: 'c', created: GENERATED_AT },
  };
  const p = zipParts(await renderWorkbook(spec));
  const s = part(p, 'xl/worksheets/sheet1.xml');
  expect((s.match(/<f>/g) ?? []).length).toBe(1);
  expect(s).toContain('<f>SUM(1,2)</f>');
  for (const ref of ['A1', 'B1', 'C1', 'D1']) expect(s).toMatch(new RegExp(`<c r="${ref}"[^>]*t="s"`));
  const shared = part(p, 'xl/sharedStrings.xml');
  expect(shared).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;点击&quot;)');
  expect(shared).toContain('@SUM(A1)');
});

test('the guide names deadline, contact and the full text of every point of the committee with the region filled', async () => {
  const shared = part(parts, 'xl/sharedStrings.xml');
  expect(shared).toContain('2023-01-31');
  expect(shared).toContain('秘书处 张三 025-12345678');
  expect(shared).toContain('江苏省老科协决策咨询专委会');
  expect(shared).not.toContain('{{region}}');
  for (const n of [2, 4, 5, 6]) expect(shared).toContain(`要点 ${n}`);
});

test('generated workbook reads back (round trip of an empty template)', async () => {
  const r = await readWorkbook(await renderWorkbook(describeCommitteeWorkbook(catalog, settings, 'c6', { generatedAt: GENERATED_AT })), 'c6.xlsx');
  expect(r.raw!.meta.generatedAt).toBe(GENERATED_AT);
  expect(r.raw!.meta['col.tasks.budgetTotal']).toBe('K');
});
