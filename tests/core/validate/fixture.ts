/** The base fixture of the rule tests: a clean submission of 决策咨询专委会 (c2) covering its points 2, 4, 5, 6. */
import { defaultCatalog } from '../../../src/core/catalog';
import { defaultSettings } from '../../../src/core/plan/settings';
import type { Settings } from '../../../src/core/plan/types';
import { rawSubmission, validLine, validMilestone, validTask } from '../../helpers/rawSubmission';
import type { Cells, RawSubmissionBuilder } from '../../helpers/rawSubmission';

export const catalog = defaultCatalog();
export const settings: Settings = defaultSettings(catalog, { region: '江苏省', ceilings: { c2: 50 } });

export const BASE_TASKS: Cells[] = [
  validTask(),
  validTask({
    code: 'T002',
    point: '2 做好顶层设计',
    name: '编制老科协事业发展行动计划',
    content: '编制实施老科协事业发展行动计划（2023-2027年），研究出台老科协组织深化改革的实施方案',
    start: '2023-02-01',
    end: '2023-09-30',
  }),
  validTask({
    code: 'T003',
    point: '5 加强老科协智库体系建设',
    name: '成立老科协智库理事会',
    content: '成立智库理事会和专家委员会，制定章程，建好专家库、选题库、成果库',
    start: '2023-04-01',
    end: '2023-12-31',
  }),
  validTask({
    code: 'T004',
    point: '6 指导单位会员开展决策咨询工作',
    name: '指导单位会员开展决策咨询',
    content: '鼓励和支持单位会员参加高端智库工作，联合各地老科协开展老科技工作者状况抽样调查',
    start: '2023-05-01',
    end: '2023-10-31',
  }),
];

export const BASE_LINES: Cells[] = [
  validLine(),
  validLine({ taskCode: 'T002', expenseCategory: '会议费', amount: 3 }),
  validLine({ taskCode: 'T003', expenseCategory: '会议费', unitPrice: 0.5, quantity: 2, times: 2, amount: 2 }),
  validLine({ taskCode: 'T004', expenseCategory: '调研费', amount: 1.5 }),
];

export const BASE_MILESTONES: Cells[] = [validMilestone(), validMilestone({ taskCode: 'T003', date: '2023-12-15', deliverableType: '制度文件', deliverable: '智库理事会章程' })];

export interface Patch {
  tasks?: (cells: Cells[]) => Cells[];
  lines?: (cells: Cells[]) => Cells[];
  milestones?: (cells: Cells[]) => Cells[];
  meta?: { committeeId?: string; year?: number | string; catalogHash?: string };
}

/** The base fixture with changes applied. */
export function fixture(patch: Patch = {}): RawSubmissionBuilder {
  const b = rawSubmission({ file: '2023年工作计划-决策咨询专委会.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash, ...patch.meta });
  const tasks = (patch.tasks ?? ((x) => x))(BASE_TASKS.map((c) => ({ ...c })));
  const lines = (patch.lines ?? ((x) => x))(BASE_LINES.map((c) => ({ ...c })));
  const ms = (patch.milestones ?? ((x) => x))(BASE_MILESTONES.map((c) => ({ ...c })));
  for (const t of tasks) b.task(t);
  for (const l of lines) b.budget(l);
  for (const m of ms) b.milestone(m);
  return b;
}
