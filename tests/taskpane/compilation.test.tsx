/** @jest-environment jsdom */
/**
 * 下载汇编（.docx） in the pane: after a consolidation (real engine) the button is in 汇总 and in
 * 审阅; a click loads the docx chunk and the download receives a .docx (a zip) whose
 * word/document.xml holds the budget total; the file is named by compilationFileName(year).
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import { defaultCatalog } from '../../src/core/catalog';
import { money } from '../../src/core/report/compilation';
import { defaultSettings } from '../../src/core/plan/settings';
import { compilationFileName } from '../../src/i18n/report';
import { App } from '../../src/taskpane/App';
import { docx } from '../../src/taskpane/engine/docx';
import { engine as realEngine } from '../../src/taskpane/engine/impl';
import type { Host } from '../../src/taskpane/host';
import { rawSubmission, validLine, validTask } from '../helpers/rawSubmission';
import { part, zipParts } from '../helpers/zipParts';

if (!globalThis.TextEncoder) Object.assign(globalThis, { TextEncoder: NodeTextEncoder, TextDecoder: NodeTextDecoder });
if (!globalThis.ResizeObserver)
  Object.assign(globalThis, {
    ResizeObserver: class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  });
if (!File.prototype.arrayBuffer)
  File.prototype.arrayBuffer = function (this: File) {
    return new Promise<ArrayBuffer>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result as ArrayBuffer);
      r.readAsArrayBuffer(this);
    });
  };

jest.setTimeout(60_000);

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { year: 2023 });

const submission = () =>
  rawSubmission({ file: '2023年工作计划-决策咨询专委会.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash })
    .task(validTask())
    .task(validTask({ code: 'T002', name: '组织老龄人才资源开发专题调研', start: '2023-04-01', end: '2023-09-30' }))
    .budget(validLine({ amount: 2.5 }))
    .budget(validLine({ taskCode: 'T002', expenseCategory: '调研费', amount: 1234.75 }))
    .build();

test('after 汇总 the 汇编 downloads from 汇总 and from 审阅: a .docx holding the total, loaded on the first click', async () => {
  const saved: { name: string; bytes: Uint8Array }[] = [];
  const host = {
    kind: 'file',
    notes: [],
    createCommitteeWorkbook: jest.fn(),
    readFile: jest.fn(async () => submission()),
    patchFile: jest.fn(),
    downloadWorkbook: jest.fn(),
    writeSummary: jest.fn(async () => ({ notes: [] })),
    saveCopy: jest.fn(async (name: string, bytes?: Uint8Array) => void saved.push({ name, bytes: bytes! })),
  } as unknown as Host;
  const loadDocx = jest.fn(async () => docx);
  render(<App host={host} initialCatalog={catalog} initialSettings={settings} initialTab="secretariat" loadEngine={async () => realEngine} loadDocx={loadDocx} />);
  expect(screen.queryByRole('button', { name: '下载汇编（.docx）' })).toBeNull();

  // 汇总 is a chunk of its own (loaded when its tab is shown).
  fireEvent.change(await screen.findByTestId('submission-files', undefined, { timeout: 20_000 }), { target: { files: [new File(['x'], '2023年工作计划-决策咨询专委会.xlsx')] } });
  fireEvent.click(screen.getByRole('button', { name: /汇总并下载/ }));
  const panel = screen.getByRole('tabpanel');
  const button = await within(panel).findByRole('button', { name: '下载汇编（.docx）' }, { timeout: 20_000 });
  expect(loadDocx).not.toHaveBeenCalled(); // not before the click: the chunk stays out of the first load
  fireEvent.click(button);
  await screen.findByText(`已下载 ${compilationFileName(2023)}。`, undefined, { timeout: 20_000 });
  expect(loadDocx).toHaveBeenCalledTimes(1);
  expect(saved.map((s) => s.name)).toEqual(['2023年度工作计划和预算汇编（送审稿）.docx']);
  const bytes = saved[0].bytes;
  expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // "PK": a zip
  const xml = part(zipParts(bytes), 'word/document.xml');
  expect(xml).toContain(money(2.5 + 1234.75)); // 1,237.25, summed here, not by the code under test
  expect(xml).toContain('1,237.25');

  // The same button in 审阅.
  fireEvent.click(screen.getByRole('tab', { name: '审阅' }));
  await waitFor(() => expect(screen.getAllByRole('button', { name: '下载汇编（.docx）' }).some((b) => !b.closest('[hidden]'))).toBe(true), { timeout: 20_000 });
  const review = screen.getAllByRole('button', { name: '下载汇编（.docx）' }).find((b) => !b.closest('[hidden]'))!;
  fireEvent.click(review);
  await waitFor(() => expect(saved).toHaveLength(2), { timeout: 20_000 });
  expect(saved[1].name).toBe(saved[0].name);
  expect(loadDocx).toHaveBeenCalledTimes(2);
});
