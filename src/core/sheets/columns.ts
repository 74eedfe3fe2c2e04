/**
 * Columns of the committee workbook's data sheets, by stable key.
 * The key is what readers map first; headers (and their aliases) second.
 * Order here is the order in the sheet.
 */

export type ColumnType = 'text' | 'code' | 'point' | 'committee' | 'date' | 'amount' | 'number' | 'list' | 'flag' | 'formula';

export interface ColumnDef {
  key: string;
  header: { zh: string; en: string };
  /** Other header spellings accepted when reading (compared after removing spaces and brackets). */
  aliases: string[];
  type: ColumnType;
  /** Width in characters (Excel column width). */
  width: number;
  required: boolean;
  /** Input message shown when the cell is selected (数据验证 输入信息). */
  help: { zh: string; en: string };
}

const c = (
  key: string,
  zh: string,
  en: string,
  type: ColumnType,
  width: number,
  required: boolean,
  help: string,
  helpEn: string,
  aliases: string[] = [],
): ColumnDef => ({ key, header: { zh, en }, aliases, type, width, required, help: { zh: help, en: helpEn } });

export const SHEET_NAMES = {
  guide: '填报说明',
  tasks: '任务表',
  budget: '预算明细',
  milestones: '里程碑',
  check: '校验',
  lists: '_lists',
  meta: '_meta',
} as const;

/** 任务表 columns. */
export const TASK_COLUMNS: ColumnDef[] = [
  c('code', '任务编号', 'Task code', 'code', 10, true, '系统编号，勿改。预算明细与里程碑用它关联任务。', 'Generated code; do not change. Budget lines and milestones refer to it.', ['编号', '序号']),
  c('point', '要点', 'Work point', 'point', 24, true, '从下拉列表选择本任务落实的要点（如“4 凝练决策咨询重点课题”）。', 'Pick the work point this task carries out.', ['工作要点', '所属要点', '要点编号']),
  c('name', '任务名称', 'Task name', 'text', 30, true, '简明写出任务名称，不超过 40 字。', 'Short task name, at most 40 characters.', ['任务', '名称', '工作任务']),
  c('content', '工作内容与目标', 'Content and goal', 'text', 44, true, '写明做什么、达到什么目标。', 'What will be done and what it achieves.', ['工作内容', '内容', '目标', '主要内容']),
  c('committee', '责任专委会', 'Committee', 'committee', 20, true, '从下拉列表选择负责实施的专委会。', 'Pick the committee that carries it out.', ['专委会', '负责专委会', '责任单位']),
  c('owner', '负责人', 'Owner', 'text', 10, true, '填写负责人姓名。', 'Name of the person responsible.', ['责任人']),
  c('partners', '协办单位', 'Partners', 'text', 16, false, '可选：配合实施的单位或专委会。', 'Optional: partner units.', ['配合单位', '协作单位']),
  c('start', '开始日期', 'Start date', 'date', 12, true, '填写计划年度内的日期，如 2023-03-01。', 'A date within the plan year, e.g. 2023-03-01.', ['开始时间', '起始日期']),
  c('end', '完成日期', 'End date', 'date', 12, true, '填写计划年度内的日期，不早于开始日期。', 'A date within the plan year, not before the start.', ['结束日期', '完成时间', '截止日期']),
  c('kpi', '考核指标', 'KPI target', 'text', 20, false, '可量化的目标，如“举办培训 3 期，培训 300 人次”。', 'A measurable target.', ['绩效指标', '指标']),
  c('budgetTotal', '预算合计', 'Budget total', 'formula', 12, false, '自动汇总本任务在“预算明细”中的金额，勿填。', 'Sum of this task\'s budget lines; calculated.', ['预算', '经费合计', '预算金额']),
  c('draft', '草稿', 'Draft', 'flag', 8, false, '“草稿”行是按要点举措预拟的任务：保留请清空此格，不需要请删除整行内容。', 'Draft rows were pre-filled from the measures: clear this cell to keep, or clear the row.', ['状态']),
  c('remarks', '备注', 'Remarks', 'text', 20, false, '可选。', 'Optional.', ['说明']),
];

/** 预算明细 columns. */
export const BUDGET_COLUMNS: ColumnDef[] = [
  c('taskCode', '任务编号', 'Task code', 'code', 10, true, '从下拉列表选择任务编号。', 'Pick the task code.', ['任务', '编号']),
  c('taskName', '任务名称', 'Task name', 'formula', 28, false, '按任务编号自动显示，勿填。', 'Shown from the task code; calculated.', []),
  c('expenseCategory', '经费科目', 'Expense category', 'list', 14, true, '从下拉列表选择经费科目。', 'Pick the expense category.', ['科目', '支出科目']),
  c('fundingSource', '经费来源', 'Funding source', 'list', 14, true, '从下拉列表选择经费来源。', 'Pick the funding source.', ['来源', '资金来源']),
  c('unitPrice', '单价', 'Unit price', 'amount', 10, false, '单价（与数量、次数相乘得金额）。只填一个“金额”时可留空。', 'Unit price (× quantity × times = amount).', ['单价（万元）', '单价（元）']),
  c('quantity', '数量', 'Quantity', 'number', 8, false, '数量，如人数、场次。', 'Quantity.', []),
  c('times', '次数', 'Times', 'number', 8, false, '次数，默认 1。', 'Times, default 1.', ['频次']),
  c('amount', '金额', 'Amount', 'amount', 12, true, '单价×数量×次数自动计算；没有单价时直接填金额。', 'unit price × quantity × times, or a plain amount.', ['金额（万元）', '金额（元）', '预算金额']),
  c('basis', '测算依据', 'Basis of calculation', 'text', 30, false, '写明测算依据或标准。', 'How the amount was calculated.', ['依据', '计算依据']),
];

/** 里程碑 columns. */
export const MILESTONE_COLUMNS: ColumnDef[] = [
  c('taskCode', '任务编号', 'Task code', 'code', 10, true, '从下拉列表选择任务编号。', 'Pick the task code.', ['任务', '编号']),
  c('taskName', '任务名称', 'Task name', 'formula', 28, false, '按任务编号自动显示，勿填。', 'Shown from the task code; calculated.', []),
  c('date', '日期', 'Date', 'date', 12, true, '里程碑日期，应在任务起止日期之内。', 'Milestone date, within the task\'s dates.', ['时间', '节点日期']),
  c('deliverableType', '成果形式', 'Deliverable type', 'list', 14, true, '从下拉列表选择成果形式。', 'Pick the deliverable type.', ['成果类型']),
  c('deliverable', '成果说明', 'Deliverable', 'text', 36, true, '写明交付的成果。', 'What is delivered.', ['成果', '交付成果', '里程碑']),
];

export const COLUMNS_BY_SHEET = {
  tasks: TASK_COLUMNS,
  budget: BUDGET_COLUMNS,
  milestones: MILESTONE_COLUMNS,
} as const;

/** Normalise a header for alias matching: no spaces, half-width brackets, lower case. */
export function headerKey(text: string): string {
  return String(text)
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（(].*?[)）]/g, '')
    .replace(/[*＊:：]/g, '')
    .toLowerCase();
}
