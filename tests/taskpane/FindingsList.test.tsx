/** @jest-environment jsdom */
import * as React from 'react';
import { fireEvent, render, screen, within, waitFor } from '@testing-library/react';
import type { Finding } from '../../src/core/validate/types';
import { FindingsList } from '../../src/taskpane/FindingsList';

const f = (over: Partial<Finding>): Finding => ({
  severity: 'error',
  code: 'x',
  message: { zh: '问题', en: 'problem' },
  file: '',
  sheet: '任务表',
  row: 5,
  column: 'C',
  columnKey: 'name',
  raw: null,
  fix: null,
  ...over,
});

const findings: Finding[] = [
  f({ code: 'amount', sheet: '预算明细', row: 7, column: 'H', raw: '1,200', message: { zh: '金额写法不规范', en: 'Amount format' }, autoFix: { value: 1200, label: { zh: '改为 1200', en: 'Change to 1200' } } }),
  f({ severity: 'warning', code: 'dup', message: { zh: '任务重复', en: 'Duplicate task' } }),
  f({ severity: 'info', code: 'cov', message: { zh: '要点无任务', en: 'Point without task' }, row: 0, column: '', sheet: '' }),
  f({ code: 'req', message: { zh: '负责人不能为空', en: 'Owner is required' } }),
];

test('groups by severity with counts; errors-only hides warnings and notes', () => {
  render(<FindingsList findings={findings} lang="zh" />);
  expect(screen.getByText('2 个错误，1 个警告，1 个提示')).toBeTruthy();
  expect(within(screen.getByRole('list', { name: '错误' })).getAllByRole('listitem')).toHaveLength(2);
  expect(within(screen.getByRole('list', { name: '警告' })).getAllByRole('listitem')).toHaveLength(1);
  fireEvent.click(screen.getByRole('switch', { name: '只看错误' }));
  expect(screen.queryByRole('list', { name: '警告' })).toBeNull();
  expect(screen.queryByRole('list', { name: '提示' })).toBeNull();
  expect(within(screen.getByRole('list', { name: '错误' })).getAllByRole('listitem')).toHaveLength(2);
});

test('clicking a finding selects its cell', () => {
  const onSelect = jest.fn();
  render(<FindingsList findings={findings} lang="zh" onSelect={onSelect} />);
  fireEvent.click(screen.getByRole('button', { name: '转到单元格 预算明细 › H7' }));
  expect(onSelect).toHaveBeenCalledWith(findings[0]);
  // A workbook-level finding has no cell to go to.
  expect(screen.queryByRole('button', { name: /转到单元格 —/ })).toBeNull();
});

test('a safe fix shows the change first and applies only on 应用', async () => {
  const onFix = jest.fn(async () => undefined);
  render(<FindingsList findings={findings} lang="zh" onFix={onFix} />);
  fireEvent.click(screen.getByRole('button', { name: '修正… 预算明细 › H7' }));
  expect(screen.getByText('将 预算明细 › H7 从「1,200」改为「1200」？')).toBeTruthy();
  expect(onFix).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole('button', { name: '取消' }));
  expect(screen.queryByText(/改为「1200」/)).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: '修正… 预算明细 › H7' }));
  fireEvent.click(screen.getByRole('button', { name: '应用' }));
  await waitFor(() => expect(onFix).toHaveBeenCalledWith(findings[0]));
  await screen.findByText('已修改 预算明细 › H7，请重新校验。');
});

test('in file mode the fix is described, not applied; English text', () => {
  render(<FindingsList findings={findings} lang="en" />);
  expect(screen.queryByRole('button', { name: /Fix/ })).toBeNull();
  expect(screen.getByText(/In file mode, change it in the workbook: Change to 1200/)).toBeTruthy();
  expect(screen.getByText('2 errors, 1 warnings, 1 notes')).toBeTruthy();
});
