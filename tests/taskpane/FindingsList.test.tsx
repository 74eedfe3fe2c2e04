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

test('grouped by sheet with counts, errors first; errors-only hides warnings and notes', () => {
  render(<FindingsList findings={findings} lang="zh" />);
  expect(screen.getByText('2 个错误，1 个警告，1 个提示')).toBeTruthy();
  const tasks = within(screen.getByRole('list', { name: '任务表' })).getAllByRole('listitem');
  expect(tasks.map((li) => li.getAttribute('data-severity'))).toEqual(['error', 'warning']);
  expect(within(screen.getByRole('list', { name: '预算明细' })).getAllByRole('listitem')).toHaveLength(1);
  // A finding about the whole file has its own group, first.
  const lists = screen.getAllByRole('list').map((l) => l.getAttribute('aria-label'));
  expect(lists).toEqual(['整个文件', '预算明细', '任务表']);
  expect(screen.getByRole('heading', { name: '任务表（2）' })).toBeTruthy();
  fireEvent.click(screen.getByRole('switch', { name: '只看错误' }));
  expect(within(screen.getByRole('list', { name: '任务表' })).getAllByRole('listitem')).toHaveLength(1);
  expect(screen.queryByRole('list', { name: '整个文件' })).toBeNull();
});

test('the file name once per group, then its sheets; the cell reference on the line of the problem', () => {
  const many: Finding[] = [
    f({ file: 'a.xlsx', row: 9, column: 'F', message: { zh: '负责人不能为空', en: 'Owner is required' } }),
    f({ file: 'b.xlsx', sheet: '里程碑', row: 4, column: 'C', severity: 'warning', message: { zh: '日期晚于任务完成日期', en: 'After the task end' } }),
    f({ file: 'a.xlsx', row: 5, column: 'F', message: { zh: '负责人不能为空', en: 'Owner is required' } }),
    f({ file: 'a.xlsx', sheet: '预算明细', row: 6, column: '', severity: 'warning', message: { zh: '整行无法识别', en: 'Row unreadable' } }),
  ];
  render(<FindingsList findings={many} lang="zh" />);
  expect(screen.getAllByText('a.xlsx')).toHaveLength(1);
  expect(screen.getAllByText('b.xlsx')).toHaveLength(1);
  const a = screen.getByRole('group', { name: 'a.xlsx' });
  expect(within(a).getAllByRole('list').map((l) => l.getAttribute('aria-label'))).toEqual(['任务表', '预算明细']);
  const rows = within(within(a).getByRole('list', { name: '任务表' })).getAllByRole('listitem');
  // by row inside a sheet; severity, cell and problem read as one line
  expect(rows.map((li) => li.firstElementChild!.textContent)).toEqual(['错误F5负责人不能为空', '错误F9负责人不能为空']);
  expect(within(a).getByRole('list', { name: '预算明细' }).textContent).toContain('第 6 行整行无法识别');
  expect(within(screen.getByRole('group', { name: 'b.xlsx' })).getByRole('list', { name: '里程碑' }).textContent).toContain('C4日期晚于任务完成日期');
});

test('focusFirstError moves the focus to the first error, also when it is not the first finding', () => {
  const { rerender } = render(<FindingsList findings={findings} lang="zh" />);
  expect(document.activeElement).toBe(document.body);
  rerender(<FindingsList findings={findings} lang="zh" focusFirstError={1} />);
  const first = within(screen.getByRole('list', { name: '预算明细' })).getAllByRole('listitem')[0];
  expect(document.activeElement).toBe(first);
  expect(first.textContent).toContain('金额写法不规范');
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
