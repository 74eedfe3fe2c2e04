/** A checked submission of committee c2 with n tasks and n budget lines (made by code). */
import type { Catalog } from '../../src/core/catalog/types';
import type { BudgetLine, Task } from '../../src/core/plan/types';
import type { Checked } from '../../src/taskpane/engine';

export function bigSubmission(catalog: Catalog, n: number): Checked {
  const meta = { templateVersion: '1.0', year: '2023', committeeId: 'c2', catalogHash: catalog.hash };
  const tasks: Task[] = [];
  const lines: BudgetLine[] = [];
  for (let i = 1; i <= n; i++) {
    const code = `T${String(i).padStart(5, '0')}`;
    tasks.push({ code, point: 4 + (i % 3), name: `任务${i}`, content: '组织专家开展调研，形成报告', committeeId: 'c2', committeeText: '决策咨询专委会', owner: '张三', partners: '', start: '2023-03-01', end: '2023-11-30', kpi: '报告 1 份', remarks: '', draft: false, declaredTotal: null, milestones: [], source: { file: 'big.xlsx', sheet: '任务表', row: 3 + i }, fields: {} });
    lines.push({ taskCode: code, expenseCategory: '会议费', fundingSource: '财政拨款', unitPrice: null, quantity: null, times: null, amount: 1.5, basis: '', source: { file: 'big.xlsx', sheet: '预算明细', row: 3 + i }, fields: {} });
  }
  return {
    file: 'big.xlsx',
    bytes: new Uint8Array([n % 256]),
    raw: { file: 'big.xlsx', meta, tasks: [], budgetLines: [], milestones: [], readFindings: [] },
    submission: { file: 'big.xlsx', meta, committeeId: 'c2', tasks, budgetLines: lines, orphanMilestones: [] },
    findings: [],
  };
}

