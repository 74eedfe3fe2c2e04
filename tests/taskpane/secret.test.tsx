/** @jest-environment jsdom */
/**
 * The secretariat's secret on the page and in the add-in (issue 14): kept in localStorage apart from
 * the settings, made on request, used by 新建工作簿 and by 汇总; the roster shows each file's token.
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createHmac } from 'crypto';
import { TextEncoder as NodeTextEncoder } from 'node:util';
import { webcrypto } from 'node:crypto';
import { defaultCatalog } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/plan/settings';
import type { RawSubmission } from '../../src/core/plan/types';
import type { WorkbookSpec } from '../../src/core/sheets/spec';
import { ClerkPanel } from '../../src/taskpane/ClerkPanel';
import { SecretariatPanel } from '../../src/taskpane/SecretariatPanel';
import { engine as realEngine } from '../../src/taskpane/engine/impl';
import type { Engine, Summary } from '../../src/taskpane/engine';
import type { Host } from '../../src/taskpane/host';
import { loadSecret, newSecret, saveSecret } from '../../src/taskpane/secret';
import { rawSubmission, validLine, validTask } from '../helpers/rawSubmission';

if (!globalThis.TextEncoder) Object.assign(globalThis, { TextEncoder: NodeTextEncoder });
if (!globalThis.crypto?.getRandomValues) Object.assign(globalThis, { crypto: webcrypto });
if (!File.prototype.arrayBuffer)
  File.prototype.arrayBuffer = function (this: File) {
    return new Promise<ArrayBuffer>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result as ArrayBuffer);
      r.readAsArrayBuffer(this);
    });
  };
if (!globalThis.ResizeObserver) Object.assign(globalThis, { ResizeObserver: class { observe(): void {} unobserve(): void {} disconnect(): void {} } });

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { year: 2023, region: '江苏省' });
const SECRET = 'a'.repeat(16) + '-the-secretariat';
const spec: WorkbookSpec = { sheets: [], styles: {}, names: [], properties: { title: '', creator: '', created: '' } };
const token = (secret: string, id: string) => 'v1.' + createHmac('sha256', secret).update(`plan-budget committee token v1\n${id}\n2023\n${catalog.hash}`).digest('hex');

function raw(file: string, meta: Record<string, string>): RawSubmission {
  const r = rawSubmission({ file, committeeId: 'c2', year: 2023, catalogHash: catalog.hash }).task(validTask({ code: 'T001' })).budget(validLine({ taskCode: 'T001', amount: 2 })).build();
  r.meta = { ...r.meta, ...meta };
  return r;
}

function host(files: Record<string, RawSubmission>): Host {
  return {
    kind: 'office',
    notes: [],
    createCommitteeWorkbook: jest.fn(async () => ({ keptRows: 0, notes: [] })),
    readThisWorkbook: jest.fn(),
    currentCommitteeId: jest.fn(async () => null),
    readFile: jest.fn(async (f: { name: string }) => files[f.name]),
    writeSummary: jest.fn(async () => ({ notes: [] })),
    downloadWorkbook: jest.fn(async () => undefined),
  } as unknown as Host;
}

beforeEach(() => localStorage.clear());

test('kept in localStorage under its own key (not with the settings); "" forgets it; a new one is 32 random bytes', () => {
  expect(loadSecret()).toBe('');
  saveSecret(`  ${SECRET} `);
  expect(loadSecret()).toBe(SECRET);
  expect(localStorage.getItem('plan-budget.secret.v1')).toBe(SECRET);
  expect(localStorage.getItem('plan-budget.taskpane.v1') ?? '').not.toContain(SECRET);
  saveSecret('');
  expect(localStorage.getItem('plan-budget.secret.v1')).toBeNull();
  const a = newSecret(), b = newSecret();
  expect(a).toMatch(/^[0-9a-f]{64}$/);
  expect(a).not.toBe(b);
});

test('设置: without a secret the panel offers to make one; with one, it is a password field and no button', () => {
  const onSecret = jest.fn();
  const props = { host: host({}), catalog, settings, lang: 'zh' as const, loadEngine: async () => realEngine as Engine, onSettings: jest.fn(), onCatalog: jest.fn(), onSummary: jest.fn(), summary: null, onSecret };
  const { rerender } = render(<SecretariatPanel {...props} secret="" />);
  expect(screen.getByText(/未设置：工作簿不带令牌/)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '生成新密钥' }));
  expect(onSecret).toHaveBeenCalledWith(expect.stringMatching(/^[0-9a-f]{64}$/));
  rerender(<SecretariatPanel {...props} secret={SECRET} />);
  expect(screen.queryByRole('button', { name: '生成新密钥' })).toBeNull();
  const field = screen.getByLabelText('秘书处密钥') as HTMLInputElement;
  expect(field.type).toBe('password');
  expect(field.value).toBe(SECRET);
});

test('新建工作簿 passes the secret when this machine has one, and not otherwise', async () => {
  const eng = { describeCommitteeWorkbook: jest.fn(() => spec), committeeFileName: (y: number, n: string) => `${y}年工作计划-${n}.xlsx` } as unknown as jest.Mocked<Engine>;
  const h = host({});
  const { unmount } = render(<ClerkPanel host={h} catalog={catalog} settings={settings} secret={SECRET} lang="zh" loadEngine={async () => eng} />);
  fireEvent.change(screen.getByLabelText('选择本专委会'), { target: { value: 'c3' } });
  fireEvent.click(screen.getByRole('button', { name: '在本工作簿中生成计划表' }));
  await waitFor(() => expect(eng.describeCommitteeWorkbook).toHaveBeenCalledWith(catalog, settings, 'c3', SECRET));
  unmount();
  render(<ClerkPanel host={h} catalog={catalog} settings={settings} secret="" lang="zh" loadEngine={async () => eng} />);
  fireEvent.change(screen.getByLabelText('选择本专委会'), { target: { value: 'c3' } });
  fireEvent.click(screen.getByRole('button', { name: '在本工作簿中生成计划表' }));
  await waitFor(() => expect(eng.describeCommitteeWorkbook).toHaveBeenLastCalledWith(catalog, settings, 'c3'));
  // the real engine writes the token into _meta
  const meta = realEngine.describeCommitteeWorkbook(catalog, settings, 'c3', SECRET).sheets.find((s) => s.name === '_meta')!.blocks[0].rows;
  expect(meta.some((r) => r![0]!.v === 'token' && r![1]!.v === token(SECRET, 'c3'))).toBe(true);
});

test('汇总 with the secret (real engine): the forged file is refused, the real one counts, the roster shows each token', async () => {
  const files = {
    'real.xlsx': raw('real.xlsx', { token: token(SECRET, 'c2'), submittedAt: '2023-01-10T08:00:00Z' }),
    'forged.xlsx': raw('forged.xlsx', { token: token(SECRET, 'c3'), submissionVersion: '999', submittedAt: '2023-01-30T08:00:00Z' }),
  };
  const onSummary = jest.fn();
  const props = { host: host(files), catalog, settings, lang: 'zh' as const, loadEngine: async () => realEngine as Engine, onSettings: jest.fn(), onCatalog: jest.fn(), onSummary, onSecret: jest.fn(), secret: SECRET };
  const { rerender } = render(<SecretariatPanel {...props} summary={null} />);
  fireEvent.change(screen.getByTestId('submission-files'), { target: { files: [new File(['1'], 'real.xlsx'), new File(['2'], 'forged.xlsx')] } });
  fireEvent.click(screen.getByRole('button', { name: '汇总到本工作簿' }));
  await waitFor(() => expect(onSummary).toHaveBeenCalled());
  const summary = onSummary.mock.calls[0][0] as Summary;
  const row = (f: string) => summary.roster.find((r) => r.file === f)!;
  expect([row('real.xlsx').status, row('real.xlsx').token!.zh]).toEqual(['submitted', '已验证']);
  expect([row('forged.xlsx').status, row('forged.xlsx').token!.zh]).toEqual(['refused', '令牌不符']);
  expect(row('forged.xlsx').reason!.zh).toContain('自称属于决策咨询专委会（c2）');
  rerender(<SecretariatPanel {...props} summary={summary} />);
  expect(screen.getByText('令牌：已验证')).toBeTruthy();
  expect(screen.getByText('令牌：令牌不符')).toBeTruthy();
});
