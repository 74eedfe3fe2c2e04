/** Settings with sensible defaults for a Chinese 社会团体 (all editable). */
import type { Catalog } from '../catalog/types';
import type { BudgetUnit, Settings } from './types';

export const DEFAULT_EXPENSE_CATEGORIES = [
  '会议费', '培训费', '差旅费', '劳务费', '专家咨询费', '印刷出版费', '宣传费', '调研费', '委托业务费', '活动组织费', '奖励表彰费', '设备购置费', '其他',
];
export const DEFAULT_FUNDING_SOURCES = ['财政拨款', '上级补助', '会费收入', '社会捐赠', '服务收入', '自筹', '其他'];
export const DEFAULT_DELIVERABLE_TYPES = [
  '研究报告', '决策咨询专报', '论文', '专著', '会议', '培训', '活动', '制度文件', '调查报告', '宣传报道', '出版物', '其他',
];

/**
 * settings.maxLineAmount when it is not set: 500 万元 in the plan's unit (left unset in the defaults so that
 * changing budgetUnit changes it too).
 */
export function defaultMaxLineAmount(unit: BudgetUnit): number {
  return unit === '元' ? 5_000_000 : 500;
}

export function defaultSettings(catalog: Pick<Catalog, 'year' | 'committees'>, overrides: Partial<Settings> = {}): Settings {
  const year = overrides.year ?? catalog.year ?? new Date().getFullYear();
  return {
    organisation: '省老科协',
    // No default: the outline's “**” is a real place, asked for before generating (needsRegion).
    region: '',
    year,
    budgetUnit: '万元',
    ceilings: {},
    expenseCategories: [...DEFAULT_EXPENSE_CATEGORIES],
    fundingSources: [...DEFAULT_FUNDING_SOURCES],
    deliverableTypes: [...DEFAULT_DELIVERABLE_TYPES],
    deadline: '',
    contact: '',
    protectionPassword: '',
    amountDecimals: overrides.budgetUnit === '元' ? 2 : 4,
    ...overrides,
  };
}
