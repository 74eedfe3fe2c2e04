/** @jest-environment jsdom */
/**
 * The two Host implementations behind the task pane: OfficeHost on the in-memory Excel fake
 * (create → read back → fix → stamp), FileHost with the xlsx engine and downloads; host detection;
 * the visible degrade note with the way to the file mode.
 */
import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import { defaultCatalog } from '../../src/core/catalog';
import { parseCatalog } from '../../src/core/catalog/parse';
import { defaultSettings } from '../../src/core/plan/settings';
import { SHEET_NAMES } from '../../src/core/sheets/columns';
import { createOfficeWorkbook } from '../../src/hosts/office';
import { App, loadLocal } from '../../src/taskpane/App';
import { detectExcel } from '../../src/taskpane/detect';
import { engine as realEngine } from '../../src/taskpane/engine/impl';
import { createFileHost, createOfficeHost, type HostDeps } from '../../src/taskpane/host';
import { FakeExcel } from '../office/fakeExcel';
import { zipFiles } from '../../src/hosts/xlsx/zipFiles';

if (!globalThis.TextEncoder) Object.assign(globalThis, { TextEncoder: NodeTextEncoder, TextDecoder: NodeTextDecoder });
if (!globalThis.ResizeObserver)
  Object.assign(globalThis, {
    ResizeObserver: class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  });

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { year: 2023 });

function deps(): HostDeps & { downloads: { name: string; bytes: Uint8Array; mime?: string }[] } {
  const downloads: { name: string; bytes: Uint8Array; mime?: string }[] = [];
  return {
    downloads,
    loadEngine: async () => realEngine,
    loadXlsx: async () => ({
      patchWorkbook: async (bytes) => new Uint8Array([...bytes, 1]),
      renderWorkbook: async (spec) => new TextEncoder().encode(JSON.stringify(spec.sheets.map((s) => s.name))),
      readWorkbook: async (bytes, name) =>
        bytes.length === 0
          ? { refusal: { severity: 'error', code: 'file.empty', message: { zh: `文件“${name}”是空的。`, en: `File "${name}" is empty.` }, file: name, sheet: '', row: 0, column: '', columnKey: '', raw: null, fix: null } }
          : { raw: { file: name, meta: { size: String(bytes.length) }, tasks: [], budgetLines: [], milestones: [], readFindings: [] } },
      zipFiles,
    }),
    download: (bytes, name, mime) => downloads.push({ name, bytes, mime }),
  };
}

test('OfficeHost: create the committee sheets, read them back, fix a cell, stamp _meta', async () => {
  const fake = new FakeExcel('1.12');
  const d = deps();
  const host = createOfficeHost(d, createOfficeWorkbook(fake.run, fake.isSetSupported), async () => new Uint8Array([1, 2, 3]));
  const spec = realEngine.describeCommitteeWorkbook(catalog, settings, 'c2');
  await expect(host.currentCommitteeId!()).resolves.toBeNull();
  const made = await host.createCommitteeWorkbook(spec, 'x.xlsx');
  expect(made.notes).toEqual([]);
  await expect(host.currentCommitteeId!()).resolves.toBe('c2');
  expect(fake.sheet(SHEET_NAMES.tasks)).toBeDefined();
  expect(d.downloads).toEqual([]);

  const raw = await host.readThisWorkbook!();
  expect(raw.tasks.length).toBeGreaterThan(0);
  expect(raw.meta.committeeId).toBe('c2');
  const first = raw.tasks[0];
  expect(first.cells.owner === null || first.cells.owner === '').toBe(true);
  const { findings } = realEngine.checkSubmission(raw, catalog, settings);
  expect(Array.isArray(findings)).toBe(true);

  // A clerk's fix goes into the cell as typed text, even when it looks like a formula.
  await host.writeCells!([{ sheet: first.source.sheet, address: `${first.columns.owner}${first.source.row}`, value: '=张三' }]);
  const again = await host.readThisWorkbook!();
  expect(again.tasks.find((t) => t.source.row === first.source.row)!.cells.owner).toBe('=张三');

  await host.stamp!({ submittedBy: '李四', contentHash: 'abc' }, '');
  const meta = await host.readThisWorkbook!();
  expect(meta.meta.submittedBy).toBe('李四');
  expect(meta.meta.committeeId).toBe('c2');

  await host.saveCopy('copy.xlsx');
  expect(d.downloads).toEqual([{ name: 'copy.xlsx', bytes: new Uint8Array([1, 2, 3]) }]);
});

test('OfficeHost on ExcelApi 1.7: the sheets are made without validations and the note comes back', async () => {
  const fake = new FakeExcel('1.7');
  const host = createOfficeHost(deps(), createOfficeWorkbook(fake.run, fake.isSetSupported), async () => new Uint8Array());
  expect(host.notes.map((n) => n.feature)).toContain('dataValidation');
  const spec = realEngine.describeCommitteeWorkbook(catalog, settings, 'c2');
  spec.sheets[1].validations.push({ kind: 'list', range: 'B3:B50', source: '_lists!$A$1:$A$17', allowBlank: true });
  const made = await host.createCommitteeWorkbook(spec, 'x.xlsx');
  expect(made.notes.map((n) => n.feature)).toContain('dataValidation');
  expect(fake.logOf('dataValidation')).toEqual([]);
});

test('FileHost: the workbook and the summary are downloads; files are read with the xlsx engine', async () => {
  const d = deps();
  const host = createFileHost(d);
  expect(host.kind).toBe('file');
  expect(host.readThisWorkbook).toBeUndefined();
  expect(host.selectCell).toBeUndefined();
  const spec = realEngine.describeCommitteeWorkbook(catalog, settings, 'c3');
  await host.createCommitteeWorkbook(spec, '2023年工作计划-科普与教育专委会.xlsx');
  expect(d.downloads[0].name).toBe('2023年工作计划-科普与教育专委会.xlsx');
  expect(new TextDecoder().decode(d.downloads[0].bytes)).toContain(SHEET_NAMES.tasks);
  const raw = await host.readFile({ name: 'a.xlsx', arrayBuffer: async () => new Uint8Array([9, 9]).buffer });
  expect(raw).toMatchObject({ file: 'a.xlsx', meta: { size: '2' } });
  await expect(host.readFile({ name: 'e.xlsx', arrayBuffer: async () => new ArrayBuffer(0) })).rejects.toMatchObject({ name: 'FileRefused', finding: { code: 'file.empty' } });
  await host.writeSummary(spec, '汇总.xlsx');
  expect(d.downloads.map((x) => x.name)).toEqual(['2023年工作计划-科普与教育专委会.xlsx', '汇总.xlsx']);
});

test('退回意见 from the pane: the real engine describes the feedback copy, both hosts download it (never into the live workbook)', async () => {
  const sub = { file: 'a.xlsx', meta: { committeeId: 'c2' }, tasks: [{ source: { file: 'a.xlsx', sheet: SHEET_NAMES.tasks, row: 4 }, cells: { code: 'T001', name: '调研' }, columns: { code: 'A', name: 'C' } }], budgetLines: [], milestones: [], readFindings: [] };
  const { findings } = realEngine.checkSubmission(sub, catalog, settings);
  expect(findings.length).toBeGreaterThan(0);
  const fb = realEngine.describeFeedback(sub, findings, '决策咨询专委会');
  expect(fb.fileName).toBe('退回意见-a.xlsx');
  expect(fb.spec.sheets.map((x) => x.name)).toContain('修改意见');
  for (const make of [(d: HostDeps) => createFileHost(d), (d: HostDeps) => {
    const fake = new FakeExcel('1.12');
    return createOfficeHost(d, createOfficeWorkbook(fake.run, fake.isSetSupported), async () => new Uint8Array());
  }]) {
    const d = deps();
    await make(d).downloadWorkbook(fb.spec, fb.fileName);
    expect(d.downloads.map((x) => x.name)).toEqual(['退回意见-a.xlsx']);
    expect(new TextDecoder().decode(d.downloads[0].bytes)).toContain('修改意见');
  }
});

test('host detection: Excel only when office.js is there and onReady names Excel', async () => {
  await expect(detectExcel(undefined)).resolves.toBe(false);
  await expect(detectExcel({})).resolves.toBe(false);
  await expect(detectExcel({ onReady: async () => ({ host: null }) })).resolves.toBe(false);
  await expect(detectExcel({ onReady: async () => ({ host: 'Word' }) })).resolves.toBe(false);
  await expect(detectExcel({ onReady: async () => ({ host: 'Excel' }) })).resolves.toBe(true);
  await expect(detectExcel({ onReady: () => new Promise(() => undefined) }, 20)).resolves.toBe(false);
  await expect(detectExcel({ onReady: async () => Promise.reject(new Error('x')) })).resolves.toBe(false);
});

test('old Excel: a visible note and a button to the file mode', async () => {
  const fake = new FakeExcel('1.7');
  const host = createOfficeHost(deps(), createOfficeWorkbook(fake.run, fake.isSetSupported), async () => new Uint8Array());
  const onUseFileMode = jest.fn();
  render(<App host={host} initialCatalog={catalog} initialSettings={settings} loadEngine={async () => realEngine} onUseFileMode={onUseFileMode} />);
  expect(screen.getByTestId('degrade-notes').textContent).toMatch(/数据验证（ExcelApi 1.8）/);
  fireEvent.click(screen.getByRole('button', { name: '改用文件方式' }));
  expect(onUseFileMode).toHaveBeenCalled();
  // Tabs are labelled and switch panels; the English switch relabels everything.
  fireEvent.click(screen.getByRole('tab', { name: '审阅' }));
  expect(await screen.findByText('还没有汇总结果。请先在“汇总”页导入各专委会文件。', undefined, { timeout: 20_000 })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '切换到英文界面' }));
  expect(screen.getByRole('tab', { name: 'Review' })).toBeTruthy();
  expect(document.documentElement.lang).toBe('en');
});

test('settings and language are kept in this browser between sessions', async () => {
  localStorage.clear();
  expect(loadLocal()).toEqual({});
  render(<App host={createFileHost(deps())} initialCatalog={catalog} initialSettings={settings} loadEngine={async () => realEngine} />);
  fireEvent.click(screen.getByRole('tab', { name: '汇总' }));
  fireEvent.change(await screen.findByLabelText('单位名称', undefined, { timeout: 20_000 }), { target: { value: '江苏省老科协' } });
  fireEvent.click(screen.getByRole('button', { name: '切换到英文界面' }));
  const saved = loadLocal();
  expect(saved.settings?.organisation).toBe('江苏省老科协');
  expect(saved.lang).toBe('en');
  expect(saved.catalog?.points).toHaveLength(17);
});

test('committees assigned in the settings (pointCommittees) apply to the outline in use: the clerk’s committee list shows them', () => {
  localStorage.clear();
  const none = parseCatalog('某某老科协2024年工作要点\n一、甲\n1.开展调研。走访企业。\n2.举办论坛。邀请专家。\n');
  const s = defaultSettings(none, { year: 2024, pointCommittees: { 1: ['决策咨询专委会'], 2: ['秘书处'] } });
  render(<App host={createFileHost(deps())} initialCatalog={none} initialSettings={s} loadEngine={async () => realEngine} />);
  const options = screen.getAllByRole('option', { hidden: true }).map((o) => o.textContent);
  expect(options).toEqual(expect.arrayContaining(['决策咨询专委会', '秘书处']));
  expect(loadLocal().catalog?.committees).toEqual([]); // what is kept is the outline as imported, plus the settings
});

test('下载全部工作簿: both hosts render every committee workbook into one .zip download', async () => {
  const items = catalog.committees.map((c) => ({ spec: realEngine.describeCommitteeWorkbook(catalog, { ...settings, region: '江苏省' }, c.id), fileName: realEngine.committeeFileName(2023, c.name) }));
  for (const make of [(d: HostDeps) => createFileHost(d), (d: HostDeps) => {
    const fake = new FakeExcel('1.12');
    return createOfficeHost(d, createOfficeWorkbook(fake.run, fake.isSetSupported), async () => new Uint8Array());
  }]) {
    const d = deps();
    await make(d).downloadWorkbooks(items, '2023年工作计划-全部专委会.zip');
    expect(d.downloads.map((x) => [x.name, x.mime])).toEqual([['2023年工作计划-全部专委会.zip', 'application/zip']]);
    const text = new TextDecoder().decode(d.downloads[0].bytes);
    for (const it of items) expect(text).toContain(it.fileName);
  }
});
