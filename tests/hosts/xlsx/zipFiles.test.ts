/** zipFiles: a .zip that Python's zipfile (an independent reader) lists and verifies, whose entries excelts opens. */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Workbook } from '@cj-tech-master/excelts';
import { defaultCatalog } from '../../../src/core/catalog';
import { defaultSettings } from '../../../src/core/plan/settings';
import { committeeWorkbookFileName, describeCommitteeWorkbook } from '../../../src/core/sheets/committeeWorkbook';
import { renderWorkbook } from '../../../src/hosts/xlsx';
import { zipFiles } from '../../../src/hosts/xlsx/zipFiles';

jest.setTimeout(60_000);

test('every committee workbook in one zip: names in UTF-8, CRCs right, each entry a workbook', async () => {
  const catalog = defaultCatalog();
  const settings = defaultSettings(catalog, { region: '江苏省' });
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const c of catalog.committees.slice(0, 3)) files.push({ name: committeeWorkbookFileName(settings.year, c.name), bytes: await renderWorkbook(describeCommitteeWorkbook(catalog, settings, c.id, { budgetRows: 5, milestoneRows: 5 })) });
  const zip = zipFiles(files);
  const dir = mkdtempSync(join(tmpdir(), 'pb-zip-'));
  try {
    writeFileSync(join(dir, 'all.zip'), zip);
    const py = 'import zipfile,sys,json\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({"bad":z.testzip(),"names":z.namelist(),"sizes":[i.file_size for i in z.infolist()]}))';
    const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, join(dir, 'all.zip')], { encoding: 'utf8' }));
    expect(out.bad).toBeNull();
    expect(out.names).toEqual(files.map((f) => f.name));
    expect(out.sizes).toEqual(files.map((f) => f.bytes.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The bytes of each entry are the workbook as rendered (stored, not re-encoded).
  const wb: any = new Workbook();
  const first = files[0].bytes;
  const at = Buffer.from(zip).indexOf(Buffer.from(first.subarray(0, 64)));
  expect(at).toBeGreaterThan(0);
  await wb.xlsx.load(zip.subarray(at, at + first.length));
  expect(wb.worksheets.length).toBeGreaterThan(3);
  expect(() => zipFiles([files[0], files[0]])).toThrow(/duplicate/);
});
