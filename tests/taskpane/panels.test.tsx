/** @jest-environment jsdom */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { defaultCatalog } from '../../src/core/catalog';
import { PLAN_OUTLINE_2023 } from '../../src/core/catalog/seed2023';
import { defaultSettings } from '../../src/core/plan/settings';
import type { RawSubmission, Settings } from '../../src/core/plan/types';
import type { WorkbookSpec } from '../../src/core/sheets/spec';
import type { Finding } from '../../src/core/validate/types';
import { ClerkPanel, contentHash } from '../../src/taskpane/ClerkPanel';
import { SecretariatPanel } from '../../src/taskpane/SecretariatPanel';
import type { Engine, Summary } from '../../src/taskpane/engine';
import { FileRefused, type Host } from '../../src/taskpane/host';
import { TextEncoder as NodeTextEncoder } from 'node:util';

// jsdom has no TextEncoder; the core's sha256 needs it (browsers have it).
if (!globalThis.TextEncoder) Object.assign(globalThis, { TextEncoder: NodeTextEncoder });
// jsdom's File may lack arrayBuffer(); browsers have it.
if (!File.prototype.arrayBuffer)
  File.prototype.arrayBuffer = function (this: File) {
    return new Promise<ArrayBuffer>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result as ArrayBuffer);
      r.readAsArrayBuffer(this);
    });
  };
// Nor ResizeObserver, which Fluent's MessageBar uses for its layout.
if (!globalThis.ResizeObserver)
  Object.assign(globalThis, {
    ResizeObserver: class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  });

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { year: 2023, region: '江苏省' });
const spec: WorkbookSpec = { sheets: [], styles: {}, names: [], properties: { title: '', creator: '', created: '' } };

const raw = (file = ''): RawSubmission => ({
  file,
  meta: { committeeId: 'c2', submissionVersion: '2' },
  tasks: [{ source: { file, sheet: '任务表', row: 4 }, cells: { code: 'T001', name: '调研' }, columns: { code: 'A', name: 'C' } }],
  budgetLines: [],
  milestones: [],
  readFindings: [],
});

const err: Finding = { severity: 'error', code: 'req', message: { zh: '负责人不能为空', en: 'Owner required' }, file: '', sheet: '任务表', row: 4, column: 'F', columnKey: 'owner', raw: null, fix: null };

function officeHost(): jest.Mocked<Required<Host>> {
  return {
    kind: 'office',
    notes: [],
    createCommitteeWorkbook: jest.fn(async () => ({ keptRows: 12, notes: [] })),
    readThisWorkbook: jest.fn(async () => raw()),
    currentCommitteeId: jest.fn(async () => null),
    readFile: jest.fn(async (f) => raw(f.name)),
    selectCell: jest.fn(async () => undefined),
    writeCells: jest.fn(async () => undefined),
    stamp: jest.fn(async () => undefined),
    saveCopy: jest.fn(async () => undefined),
    patchFile: jest.fn(async (b: Uint8Array) => new Uint8Array([...b, 0x2a])),
    downloadWorkbook: jest.fn(async () => undefined),
    downloadWorkbooks: jest.fn(async () => undefined),
    writeSummary: jest.fn(async () => ({ notes: [] })),
  } as unknown as jest.Mocked<Required<Host>>;
}

function engine(findings: Finding[]): jest.Mocked<Engine> {
  return {
    describeCommitteeWorkbook: jest.fn(() => spec),
    committeeFileName: (year: number, name: string) => `${year}年工作计划-${name}.xlsx`,
    rawFromGrids: jest.fn(),
    checkSubmission: jest.fn((r: RawSubmission) => ({ submission: { file: r.file, meta: r.meta, committeeId: 'c2', tasks: [], budgetLines: [], orphanMilestones: [] }, findings })),
    summarise: jest.fn(),
    describeFeedback: jest.fn((r: RawSubmission) => ({ spec, fileName: `退回意见-${r.file}` })),
  } as unknown as jest.Mocked<Engine>;
}

describe('ClerkPanel (填报)', () => {
  test('creates the chosen committee’s sheets in this workbook and says how many rows were kept', async () => {
    const host = officeHost();
    const eng = engine([]);
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => eng} />);
    fireEvent.change(screen.getByLabelText('选择本专委会'), { target: { value: 'c3' } });
    fireEvent.click(screen.getByRole('button', { name: '在本工作簿中生成计划表' }));
    await screen.findByText(/保留了已填写的 12 行/);
    expect(eng.describeCommitteeWorkbook).toHaveBeenCalledWith(catalog, settings, 'c3');
    expect(host.createCommitteeWorkbook).toHaveBeenCalledWith(spec, '2023年工作计划-科普与教育专委会.xlsx');
  });

  test('下载全部工作簿 (.zip) next to the committee dropdown: every committee in one download, 已生成 said next to the buttons', async () => {
    const host = officeHost();
    const eng = engine([]);
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => eng} onSettings={() => undefined} />);
    const step1 = screen.getByRole('heading', { name: '① 生成计划表' }).parentElement!;
    fireEvent.click(within(step1).getByRole('button', { name: '下载全部工作簿（.zip）' }));
    await within(step1).findByText('已生成 7 个专委会的工作簿：2023年工作计划-全部专委会.zip');
    expect(host.downloadWorkbooks).toHaveBeenCalledTimes(1);
    const [items, zipName] = host.downloadWorkbooks.mock.calls[0] as unknown as [{ fileName: string }[], string];
    expect(zipName).toBe('2023年工作计划-全部专委会.zip');
    expect(items.map((x) => x.fileName)).toEqual(catalog.committees.map((c) => `2023年工作计划-${c.name}.xlsx`));
    // The settings that shape the workbooks are here too.
    expect(within(step1).getByText('工作簿设置（地区、截止日期、联系人、控制数）')).toBeTruthy();
    expect(within(step1).getByLabelText('决策咨询专委会 控制数')).toBeTruthy();
  });

  test('the outline has “**” and no region is set: nothing is generated until the region is entered here', async () => {
    const host = officeHost();
    const eng = engine([]);
    function Wrapper() {
      const [st, setSt] = React.useState<Settings>({ ...settings, region: '' });
      return <ClerkPanel host={host} catalog={catalog} settings={st} lang="zh" loadEngine={async () => eng} onSettings={setSt} />;
    }
    render(<Wrapper />);
    const one = screen.getByRole('button', { name: '在本工作簿中生成计划表' }) as HTMLButtonElement;
    const all = screen.getByRole('button', { name: '下载全部工作簿（.zip）' }) as HTMLButtonElement;
    expect(one.disabled).toBe(true);
    expect(all.disabled).toBe(true);
    expect(screen.getByText('工作要点中有“**”（地区），请先填写地区再生成工作簿。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/地区/), { target: { value: '江苏省' } });
    expect(one.disabled).toBe(false);
    fireEvent.click(one);
    await screen.findByText(/已生成：/);
    expect(eng.describeCommitteeWorkbook).toHaveBeenCalledWith(catalog, expect.objectContaining({ region: '江苏省' }), 'c1');
  });

  test('inside a workbook made for a committee, that committee is chosen', async () => {
    const host = officeHost();
    host.currentCommitteeId.mockResolvedValue('c5');
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => engine([])} />);
    await waitFor(() => expect((screen.getByLabelText('选择本专委会') as HTMLSelectElement).value).toBe('c5'));
  });

  test('validate → click a finding selects the cell; submit is refused while errors remain', async () => {
    const host = officeHost();
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => engine([err])} />);
    fireEvent.click(screen.getByRole('button', { name: '校验本工作簿' }));
    fireEvent.click(await screen.findByRole('button', { name: '转到单元格 任务表 › F4' }));
    expect(host.selectCell).toHaveBeenCalledWith('任务表', 'F4');
    const submit = screen.getByRole('button', { name: '提交并保存副本' });
    fireEvent.click(submit);
    // Said next to the button (right after it, as an alert), and the focus is on the first error.
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('还有 1 个错误，请先修正再提交。');
    expect(submit.parentElement!.contains(alert)).toBe(true);
    expect(submit.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.getAttribute('data-severity')).toBe('error'));
    expect(document.activeElement!.textContent).toContain('负责人不能为空');
    expect(host.stamp).not.toHaveBeenCalled();
  });

  test('submit stamps who, when, next version and content hash into _meta, then saves a copy named by committee and year', async () => {
    const host = officeHost();
    const now = new Date('2023-02-01T08:00:00Z');
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => engine([])} now={() => now} />);
    fireEvent.change(screen.getByLabelText('选择本专委会'), { target: { value: 'c2' } });
    fireEvent.click(screen.getByRole('button', { name: '校验本工作簿' }));
    await screen.findByText('没有发现问题。');
    fireEvent.change(screen.getByLabelText('填报人'), { target: { value: '李四' } });
    fireEvent.click(screen.getByRole('button', { name: '提交并保存副本' }));
    await screen.findByText(/已盖章提交：李四，2023-02-01 16:00（北京时间），第 3 版/);
    expect(host.stamp).toHaveBeenCalledWith({ submittedBy: '李四', submittedAt: now.toISOString(), submissionVersion: '3', contentHash: contentHash(raw()) }, '');
    expect(host.saveCopy).toHaveBeenCalledWith('2023年工作计划-决策咨询专委会-提交.xlsx');
  });

  test('the content hash changes when an entry changes', () => {
    const a = raw();
    const b = raw();
    b.tasks[0].cells.name = '调研报告';
    expect(contentHash(a)).not.toBe(contentHash(b));
    expect(contentHash(a)).toBe(contentHash(raw()));
  });

  test('file mode: download instead of create; no go-to-cell', async () => {
    const host = { ...officeHost(), kind: 'file' as const, readThisWorkbook: undefined, currentCommitteeId: undefined, selectCell: undefined, writeCells: undefined, stamp: undefined };
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => engine([err])} />);
    expect(screen.queryByRole('button', { name: '校验本工作簿' })).toBeNull();
    expect(screen.getByRole('button', { name: '下载本专委会计划表（.xlsx）' })).toBeTruthy();
    const file = new File(['x'], 'a.xlsx');
    fireEvent.change(screen.getByLabelText('打开已填写的工作簿进行校验'), { target: { files: [file] } });
    await screen.findByText('负责人不能为空');
    expect(screen.queryByRole('button', { name: /转到单元格/ })).toBeNull();
  });
});

describe('ClerkPanel in file mode (WPS, Excel 2019): fixes and the stamp go into the file', () => {
  const fileHost = () => ({ ...officeHost(), kind: 'file' as const, readThisWorkbook: undefined, currentCommitteeId: undefined, selectCell: undefined, writeCells: undefined, stamp: undefined });
  const dateFix: Finding = {
    ...err,
    severity: 'warning',
    code: 'date.reformatted',
    message: { zh: '日期已规范为 2023-03-01', en: 'Date normalised to 2023-03-01' },
    column: 'H',
    columnKey: 'start',
    raw: '2023年3月1日',
    autoFix: { value: '2023-03-01', label: { zh: '写入 2023-03-01', en: 'Write 2023-03-01' } },
  };

  test('a one-click fix patches a copy of the file, which is checked again and can be downloaded', async () => {
    const host = fileHost();
    const eng = engine([]);
    eng.checkSubmission.mockReturnValueOnce({ submission: { file: 'a.xlsx', meta: {}, committeeId: 'c2', tasks: [], budgetLines: [], orphanMilestones: [] }, findings: [dateFix] });
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => eng} />);
    fireEvent.change(screen.getByLabelText('打开已填写的工作簿进行校验'), { target: { files: [new File(['xy'], 'a.xlsx')] } });
    await screen.findByText('日期已规范为 2023-03-01');
    fireEvent.click(screen.getByRole('button', { name: '修正… 任务表 › H4' }));
    fireEvent.click(screen.getByRole('button', { name: '应用' }));
    await screen.findByText('没有发现问题。');
    expect(host.patchFile).toHaveBeenCalledWith(new Uint8Array([0x78, 0x79]), { cells: [{ sheet: '任务表', address: 'H4', value: '2023-03-01' }], keyValues: { sheet: '_meta', entries: { recalcPending: '1' } } });
    // Checked again from the patched bytes.
    expect(eng.checkSubmission).toHaveBeenCalledTimes(2);
    const reread = host.readFile.mock.calls[1][0];
    expect(new Uint8Array(await reread.arrayBuffer())).toEqual(new Uint8Array([0x78, 0x79, 0x2a]));
    fireEvent.click(screen.getByRole('button', { name: '下载已修改的文件（1 处修改）' }));
    await screen.findByText(/已下载包含 1 处修改的文件 a-已修改\.xlsx/);
    expect(host.saveCopy).toHaveBeenCalledWith('a-已修改.xlsx', new Uint8Array([0x78, 0x79, 0x2a]));
  });

  test('全部规范化 writes every bulk-safe rewrite in one patch, never a suggested point', async () => {
    const host = fileHost();
    const eng = engine([]);
    const amountFix: Finding = { ...dateFix, code: 'amount.converted', sheet: '预算明细', row: 5, column: 'H', columnKey: 'amount', raw: '5000元', autoFix: { value: 0.5, label: { zh: '写入 0.5', en: 'Write 0.5' } }, message: { zh: '金额已换算', en: 'Converted' } };
    const pointFix: Finding = { ...dateFix, code: 'task.point.missing', column: 'B', columnKey: 'point', raw: null, autoFix: { value: '4 凝练决策咨询重点课题', label: { zh: '填入要点', en: 'Write point' } }, message: { zh: '缺少要点', en: 'No point' } };
    eng.checkSubmission.mockReturnValueOnce({ submission: { file: 'a.xlsx', meta: {}, committeeId: 'c2', tasks: [], budgetLines: [], orphanMilestones: [] }, findings: [dateFix, amountFix, pointFix] });
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => eng} />);
    fireEvent.change(screen.getByLabelText('打开已填写的工作簿进行校验'), { target: { files: [new File(['xy'], 'a.xlsx')] } });
    fireEvent.click(await screen.findByRole('button', { name: '全部规范化写法（2 处）' }));
    await screen.findByText('已在文件副本中规范化 2 处写法，并已重新校验。');
    expect(host.patchFile).toHaveBeenCalledTimes(1);
    expect(host.patchFile).toHaveBeenCalledWith(new Uint8Array([0x78, 0x79]), {
      cells: [
        { sheet: '任务表', address: 'H4', value: '2023-03-01' },
        { sheet: '预算明细', address: 'H5', value: 0.5 },
      ],
      keyValues: { sheet: '_meta', entries: { recalcPending: '1' } },
    });
    expect(screen.getByRole('button', { name: '下载已修改的文件（2 处修改）' })).toBeTruthy();
  });

  test('in this workbook (Office) 全部规范化 is one batched write, then the workbook is checked again', async () => {
    const host = officeHost();
    const eng = engine([]);
    const again: Finding = { ...dateFix, row: 6, raw: '2023年3月2日', autoFix: { value: '2023-03-02', label: { zh: '写入 2023-03-02', en: 'Write 2023-03-02' } } };
    eng.checkSubmission.mockReturnValueOnce({ submission: { file: '', meta: {}, committeeId: 'c2', tasks: [], budgetLines: [], orphanMilestones: [] }, findings: [dateFix, again] });
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => eng} />);
    fireEvent.click(screen.getByRole('button', { name: '校验本工作簿' }));
    fireEvent.click(await screen.findByRole('button', { name: '全部规范化写法（2 处）' }));
    await screen.findByText('已在本工作簿中规范化 2 处写法，并已重新校验。');
    expect(host.writeCells).toHaveBeenCalledTimes(1);
    expect(host.writeCells).toHaveBeenCalledWith([
      { sheet: '任务表', address: 'H4', value: '2023-03-01' },
      { sheet: '任务表', address: 'H6', value: '2023-03-02' },
    ]);
    await waitFor(() => expect(host.readThisWorkbook).toHaveBeenCalledTimes(2));
    await screen.findByText('没有发现问题。');
  });

  test('submit stamps who, when, next version and content hash into _meta of the downloaded copy', async () => {
    const host = fileHost();
    const now = new Date('2023-02-01T08:00:00Z');
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => engine([])} now={() => now} />);
    fireEvent.change(screen.getByLabelText('选择本专委会'), { target: { value: 'c2' } });
    fireEvent.change(screen.getByLabelText('打开已填写的工作簿进行校验'), { target: { files: [new File(['xy'], 'a.xlsx')] } });
    await screen.findByText('没有发现问题。');
    fireEvent.change(screen.getByLabelText('填报人'), { target: { value: '李四' } });
    fireEvent.click(screen.getByRole('button', { name: '提交并保存副本' }));
    await screen.findByText(/已盖章提交：李四.*第 3 版/);
    expect(host.patchFile).toHaveBeenCalledWith(new Uint8Array([0x78, 0x79]), {
      keyValues: { sheet: '_meta', entries: { submittedBy: '李四', submittedAt: now.toISOString(), submissionVersion: '3', contentHash: contentHash(raw('a.xlsx')) } },
    });
    expect(host.saveCopy).toHaveBeenCalledWith('2023年工作计划-决策咨询专委会-提交.xlsx', new Uint8Array([0x78, 0x79, 0x2a]));
  });

  test('提交 names the stamped copy after the workbook\'s own committee (its _meta), not the dropdown', async () => {
    const host = fileHost();
    const eng = engine([]);
    // A 科普与教育专委会 workbook: its _meta and so its checked submission say c3.
    host.readFile.mockImplementation(async (f) => ({ ...raw(f.name), meta: { committeeId: 'c3' } }));
    eng.checkSubmission.mockImplementation((r: RawSubmission) => ({ submission: { file: r.file, meta: r.meta, committeeId: r.meta.committeeId, tasks: [], budgetLines: [], orphanMilestones: [] }, findings: [] }));
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => eng} now={() => new Date('2023-02-01T08:00:00Z')} />);
    const dropdown = screen.getByLabelText('选择本专委会') as HTMLSelectElement;
    fireEvent.change(dropdown, { target: { value: 'c1' } });
    fireEvent.change(screen.getByLabelText('打开已填写的工作簿进行校验'), { target: { files: [new File(['xy'], '科普-终稿.xlsx')] } });
    await screen.findByText('没有发现问题。');
    // The dropdown follows the workbook …
    expect(dropdown.value).toBe('c3');
    // … and even when set back to 党委 by hand, the copy is named after the workbook's committee.
    fireEvent.change(dropdown, { target: { value: 'c1' } });
    fireEvent.click(screen.getByRole('button', { name: '提交并保存副本' }));
    await screen.findByText(/已盖章提交/);
    expect(host.saveCopy).toHaveBeenCalledTimes(1);
    expect(host.saveCopy.mock.calls[0][0]).toBe('2023年工作计划-科普与教育专委会-提交.xlsx');
    await screen.findByText(/2023年工作计划-科普与教育专委会-提交\.xlsx/);
  });

  test('提交 of a workbook that names no known committee falls back to the dropdown', async () => {
    const host = fileHost();
    const eng = engine([]);
    host.readFile.mockImplementation(async (f) => ({ ...raw(f.name), meta: {} }));
    eng.checkSubmission.mockImplementation((r: RawSubmission) => ({ submission: { file: r.file, meta: r.meta, committeeId: null, tasks: [], budgetLines: [], orphanMilestones: [] }, findings: [] }));
    render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => eng} />);
    fireEvent.change(screen.getByLabelText('选择本专委会'), { target: { value: 'c5' } });
    fireEvent.change(screen.getByLabelText('打开已填写的工作簿进行校验'), { target: { files: [new File(['xy'], 'x.xlsx')] } });
    await screen.findByText('没有发现问题。');
    fireEvent.click(screen.getByRole('button', { name: '提交并保存副本' }));
    await screen.findByText(/已盖章提交/);
    expect(host.saveCopy.mock.calls[0][0]).toBe(`2023年工作计划-${catalog.committees.find((c) => c.id === 'c5')!.name}-提交.xlsx`);
  });
});

test('ClerkPanel: a refused file shows why as a finding, and there is nothing to submit', async () => {
  const host = { ...officeHost(), kind: 'file' as const, readThisWorkbook: undefined, currentCommitteeId: undefined, selectCell: undefined, writeCells: undefined, stamp: undefined };
  host.readFile.mockRejectedValue(new FileRefused({ ...err, code: 'file.xls', sheet: '', row: 0, column: '', file: 'old.xls', message: { zh: '“old.xls”是旧版 .xls 文件，请另存为 .xlsx。', en: 'old.xls is an old .xls file; save it as .xlsx.' } }));
  render(<ClerkPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => engine([])} />);
  fireEvent.change(screen.getByLabelText('打开已填写的工作簿进行校验'), { target: { files: [new File(['x'], 'old.xls')] } });
  await screen.findByText('“old.xls”是旧版 .xls 文件，请另存为 .xlsx。');
  expect(screen.queryByRole('button', { name: '提交并保存副本' })).toBeNull();
});

describe('SecretariatPanel (汇总)', () => {
  function setup(host = officeHost()) {
    let current: Settings = settings;
    const onSettings = jest.fn((s: Settings) => (current = s));
    const onSummary = jest.fn();
    const onCatalog = jest.fn();
    const eng = engine([]);
    const summary: Summary = {
      spec,
      fileName: '2023年工作计划汇总.xlsx',
      roster: [
        { committeeId: 'c2', committee: '决策咨询专委会', status: 'submitted', file: 'a.xlsx', tasks: 3, budget: 12.5, ceiling: null },
        { committeeId: 'c1', committee: '党委', status: 'missing', file: '', tasks: 0, budget: 0, ceiling: null },
        { committeeId: '', committee: '', status: 'refused', file: 'bad.xlsx', tasks: 0, budget: 0, ceiling: null, reason: { zh: '不是 xlsx 文件', en: 'Not an xlsx file' } },
      ],
      figures: { totalBudget: 12.5, totalTasks: 3, committeesIn: 1, committeesAll: 7, pointsCovered: 2, pointsAll: 17, errors: 0, bySection: [], byCommittee: [], coverage: [], changes: [] },
      totals: { tasks: 3, budget: 12.5 },
      memo: 'memo-1',
    };
    eng.summarise.mockReturnValue(summary);
    const utils = render(
      <SecretariatPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => eng} onSettings={onSettings} onCatalog={onCatalog} onSummary={onSummary} summary={null} />,
    );
    return { host, eng, onSettings, onSummary, onCatalog, summary, utils, current: () => current };
  }

  test('files picked → each read and checked, unreadable ones listed, summary written into the workbook', async () => {
    const host = officeHost();
    host.readFile.mockImplementation(async (f) => {
      if (f.name === 'bad.xlsx') throw new FileRefused({ ...err, code: 'file.xls', message: { zh: '不是 xlsx 文件', en: 'Not an xlsx file' } });
      return raw(f.name);
    });
    const { eng, onSummary, summary } = setup(host);
    const input = screen.getByTestId('submission-files');
    const lastModified = Date.UTC(2023, 0, 25, 8);
    fireEvent.change(input, { target: { files: [new File(['1'], 'a.xlsx', { lastModified }), new File(['2'], 'bad.xlsx', { lastModified }), new File(['3'], 'notes.txt')] } });
    expect(screen.getByText('已选 2 个文件')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '汇总到本工作簿' }));
    await waitFor(() => expect(onSummary).toHaveBeenCalledWith(summary));
    expect(eng.checkSubmission).toHaveBeenCalledTimes(1);
    const [checked, refused] = eng.summarise.mock.calls[0];
    expect(checked.map((c) => [c.file, c.bytes?.length])).toEqual([['a.xlsx', 1]]);
    // The file's own modification time goes with it (it orders a committee's files after the stamp and the saved time).
    expect(checked[0].modifiedAt).toBe('2023-01-25T08:00:00.000Z');
    expect(refused[0].modifiedAt).toBe('2023-01-25T08:00:00.000Z');
    expect(refused.map((r) => [r.file, r.finding.code, r.finding.message.zh])).toEqual([['bad.xlsx', 'file.xls', '不是 xlsx 文件']]);
    expect(host.writeSummary).toHaveBeenCalledWith(spec, '2023年工作计划汇总.xlsx');
    await screen.findByText(/汇总完成：3 项任务，预算合计 12.5 万元/);
  });

  test('退回意见: a submission with findings gets a button that downloads its feedback copy', async () => {
    const host = officeHost();
    const { eng, onSummary, summary, utils } = setup(host);
    eng.checkSubmission.mockImplementation((r: RawSubmission) => ({ submission: { file: r.file, meta: r.meta, committeeId: 'c2', tasks: [], budgetLines: [], orphanMilestones: [] }, findings: [err] }));
    fireEvent.change(screen.getByTestId('submission-files'), { target: { files: [new File(['1'], 'a.xlsx')] } });
    fireEvent.click(screen.getByRole('button', { name: '汇总到本工作簿' }));
    await waitFor(() => expect(onSummary).toHaveBeenCalled());
    utils.rerender(
      <SecretariatPanel host={host} catalog={catalog} settings={settings} lang="zh" loadEngine={async () => eng} onSettings={jest.fn()} onCatalog={jest.fn()} onSummary={onSummary} summary={summary} />,
    );
    // Only the submission with findings has one (not the missing committee, not the refused file).
    expect(screen.getAllByRole('button', { name: /的退回意见$/ })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '下载“决策咨询专委会”的退回意见' }));
    await screen.findByText(/已下载 退回意见-a\.xlsx：问题写在对应单元格的批注中/);
    expect(eng.describeFeedback).toHaveBeenCalledWith(expect.objectContaining({ file: 'a.xlsx' }), [err], '决策咨询专委会');
    expect(host.downloadWorkbook).toHaveBeenCalledWith(spec, '退回意见-a.xlsx');
  });

  test('the drop zone is a keyboard-reachable button and accepts dropped files', () => {
    setup();
    const zone = screen.getByRole('button', { name: '把 .xlsx 文件拖到这里，或按回车选择文件' });
    expect(zone.getAttribute('tabindex')).toBe('0');
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['1'], 'x.xlsx')] } });
    expect(screen.getByText('已选 1 个文件')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '移除 x.xlsx' }));
    expect(screen.queryByText('已选 1 个文件')).toBeNull();
  });

  test('settings: a ceiling typed for a committee goes into settings.ceilings', () => {
    const { onSettings } = setup();
    fireEvent.change(screen.getByLabelText('决策咨询专委会 控制数'), { target: { value: '80' } });
    expect(onSettings).toHaveBeenLastCalledWith(expect.objectContaining({ ceilings: { c2: 80 } }));
  });

  test('next year’s 要点 text: parsed preview with its points, then used', () => {
    const { onCatalog, onSettings } = setup();
    const text = PLAN_OUTLINE_2023.replace(/2023年/g, '2024年');
    fireEvent.change(screen.getByLabelText('粘贴下一年度工作要点全文'), { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: '解析预览' }));
    const region = screen.getByRole('region', { name: '工作要点' });
    expect(within(region).getByText('5 个部分，17 条要点，7 个专委会')).toBeTruthy();
    expect(region.querySelectorAll('li[data-point]')).toHaveLength(17);
    // Each point shows its committees and its measures.
    const p15 = region.querySelector('li[data-point="15"]') as HTMLElement;
    expect(p15.textContent).toContain('提升“老科协奖”和“全国老科技工作者日”影响力（人才与宣传工作专委会、组织建设与服务专委会）');
    expect(within(p15).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '继续开展“老科协奖”评选表彰，扩大奖励规模和覆盖面，在5月30日“全国科技工作者日”公布评选结果并进行表彰。',
      '加强“老科协奖”的相关宣传工作，做好获奖个人和集体的事迹宣传，讲好老科技工作者故事。',
      '在农历九月初九（重阳节）组织开展“全国老科技工作者日”庆祝活动。（组织建设与服务专委会）',
      '全国各地老科协上下联动，组织开展形式多样、内容丰富的主题系列活动。（组织建设与服务专委会）',
    ]);
    fireEvent.click(screen.getByRole('button', { name: '使用此工作要点' }));
    expect(onCatalog).toHaveBeenCalledWith(expect.objectContaining({ year: 2024 }));
    expect(onSettings).toHaveBeenLastCalledWith(expect.objectContaining({ year: 2024, pointCommittees: {} }));
  });

  test('an outline naming no committee: the doubt is shown once, committees are assigned per point and saved with the outline', () => {
    const { onCatalog, onSettings } = setup();
    const text = '某某老科协2024年工作要点\n一、指导思想\n以习近平新时代中国特色社会主义思想为指导。\n二、重点工作\n（一）强化政治引领\n1.深入学习贯彻党的二十大精神。组织开展专题学习。\n2.加强基层党组织建设。推进党支部标准化建设。\n';
    fireEvent.change(screen.getByLabelText('粘贴下一年度工作要点全文'), { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: '解析预览' }));
    const region = screen.getByRole('region', { name: '工作要点' });
    expect(within(region).getAllByText(/全文没有写明任何负责单位/)).toHaveLength(1);
    expect(within(region).getByText('（仅说明文字，无要点）以习近平新时代中国特色社会主义思想为指导。')).toBeTruthy();
    expect(within(region).getByText('【强化政治引领】')).toBeTruthy();
    expect(within(region).getByText('编号层级：部分“一、”，分组 （一），要点“1.”')).toBeTruthy();
    fireEvent.change(within(region).getByLabelText('要点 1 的负责专委会'), { target: { value: '党委' } });
    fireEvent.change(within(region).getByLabelText('要点 2 的负责专委会'), { target: { value: '党委、秘书处' } });
    expect((region.querySelector('li[data-point="2"]') as HTMLElement).textContent).toContain('加强基层党组织建设（党委、秘书处，设置中指定）');
    expect(within(region).queryByText(/全文没有写明任何负责单位/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '使用此工作要点' }));
    expect(onCatalog).toHaveBeenCalledWith(expect.objectContaining({ title: '某某老科协2024年工作要点', committees: [] }));
    expect(onSettings).toHaveBeenLastCalledWith(expect.objectContaining({ year: 2024, pointCommittees: { 1: ['党委'], 2: ['党委', '秘书处'] } }));
  });
});
