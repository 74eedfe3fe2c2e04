/**
 * The settings file of the CLI (.json or .yaml), documented in docs/CLI.md:
 *
 *   organisation: 江苏省老科协      # 单位名称
 *   region: 江苏省                  # 工作要点中 ** 代表的地区
 *   year: 2023                      # 计划年度
 *   budgetUnit: 万元                # 万元 or 元
 *   ceilings: { 决策咨询专委会: 30 } # 控制数 by committee name (or id c1…c7)
 *   expenseCategories / fundingSources / deliverableTypes: lists
 *   deadline: 2023-01-31            # 报送截止日期
 *   contact: 秘书处 张三 025-12345678
 *   password: ""                    # 工作表保护密码 (empty = protected without a password)
 *   maxLineAmount: 500              # 单行金额上限 in budgetUnit (default 500 万元; 0 = off)
 *   catalog: 工作要点.txt            # optional: plan outline (.txt) or catalog.json, relative to this file
 *   pointCommittees: { 1: 党委, 2: [决策咨询专委会, 秘书处] }  # 要点负责专委会: point → committees (lead first),
 *                                   # for outlines that name no unit; a name not in the outline adds a committee
 *   limits: { rows: 800000 }        # optional: reading limits (src/core/limits.ts) raised or lowered
 *   secretFile: 密钥.txt             # optional: the secretariat's secret (src/cli/secret.ts), relative to this file
 *   secret: …                       # optional: the secret itself (≥ 16 characters); keep such a file private
 */
import { parse as parseYaml } from 'yaml';
import type { Catalog } from '../core/catalog/types';
import type { BudgetUnit, Settings } from '../core/plan/types';
import { defaultSettings } from '../core/plan/settings';
import { DEFAULT_LIMITS, LIMIT_TEXT } from '../core/limits';
import type { ReadLimits } from '../core/limits';

export interface SettingsFile {
  organisation?: string;
  region?: string;
  year?: number;
  budgetUnit?: BudgetUnit;
  ceilings?: Record<string, number>;
  expenseCategories?: string[];
  fundingSources?: string[];
  deliverableTypes?: string[];
  deadline?: string;
  contact?: string;
  password?: string;
  amountDecimals?: number;
  maxLineAmount?: number;
  catalog?: string;
  pointCommittees?: Record<string, string[]>;
  limits?: Partial<ReadLimits>;
  /** The secretariat's secret itself (src/cli/secret.ts). */
  secret?: string;
  /** Where the secretariat's secret is kept (made absolute against the settings file's folder by the context). */
  secretFile?: string;
}

/** A settings file problem: zh as the message, en for --lang en. */
export class SettingsError extends Error {
  constructor(message: string, readonly en: string = message) {
    super(message);
  }
}

const KNOWN = new Set(['organisation', 'organization', 'region', 'year', 'budgetUnit', 'ceilings', 'expenseCategories', 'fundingSources', 'deliverableTypes', 'deadline', 'contact', 'password', 'protectionPassword', 'amountDecimals', 'maxLineAmount', 'catalog', 'pointCommittees', 'limits', 'secret', 'secretFile']);

/** Parse the text of a settings file (JSON or YAML; YAML is a superset of JSON). */
export function parseSettingsText(text: string): SettingsFile {
  let data: unknown;
  try {
    data = parseYaml(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new SettingsError((e as Error).message.split('\n')[0]);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new SettingsError('顶层应为键值对（“设置项: 值”）', 'top level must be a mapping');
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KNOWN.has(k)) throw new SettingsError(`未知设置项“${k}”`, `unknown key "${k}"`);
  const str = (k: string) => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v !== 'string' && typeof v !== 'number') throw new SettingsError(`“${k}”应为文本`, `"${k}" must be text`);
    return String(v);
  };
  const list = (k: string) => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !x.trim())) throw new SettingsError(`“${k}”应为文本列表`, `"${k}" must be a list of text`);
    return (v as string[]).map((x) => x.trim());
  };
  const out: SettingsFile = {};
  const org = str('organisation') ?? str('organization');
  if (org !== undefined) out.organisation = org;
  const region = str('region');
  if (region !== undefined) out.region = region;
  if (o.year !== undefined) {
    const y = Number(o.year);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new SettingsError('“year”应为年份，如 2023', '"year" must be a year such as 2023');
    out.year = y;
  }
  if (o.budgetUnit !== undefined) {
    if (o.budgetUnit !== '万元' && o.budgetUnit !== '元') throw new SettingsError('“budgetUnit”只能是 万元 或 元', '"budgetUnit" must be 万元 or 元');
    out.budgetUnit = o.budgetUnit;
  }
  if (o.ceilings !== undefined && o.ceilings !== null) {
    if (typeof o.ceilings !== 'object' || Array.isArray(o.ceilings)) throw new SettingsError('“ceilings”应为“专委会: 金额”的键值对', '"ceilings" must map committee to amount');
    const c: Record<string, number> = {};
    for (const [k, v] of Object.entries(o.ceilings as Record<string, unknown>)) {
      const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
      if (!Number.isFinite(n) || n < 0) throw new SettingsError(`控制数“${k}: ${String(v)}”应为不小于 0 的数字`, `ceiling "${k}: ${String(v)}" must be a number ≥ 0`);
      c[k] = n;
    }
    out.ceilings = c;
  }
  for (const k of ['expenseCategories', 'fundingSources', 'deliverableTypes'] as const) {
    const v = list(k);
    if (v) out[k] = v;
  }
  const deadline = str('deadline');
  if (deadline !== undefined) {
    if (deadline && !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) throw new SettingsError('“deadline”应为 yyyy-mm-dd 形式的日期，如 2023-03-31', '"deadline" must be yyyy-mm-dd');
    out.deadline = deadline;
  }
  const contact = str('contact');
  if (contact !== undefined) out.contact = contact;
  const pw = str('password') ?? str('protectionPassword');
  if (pw !== undefined) out.password = pw;
  if (o.amountDecimals !== undefined) out.amountDecimals = Number(o.amountDecimals);
  if (o.maxLineAmount !== undefined && o.maxLineAmount !== null) {
    const n = typeof o.maxLineAmount === 'number' ? o.maxLineAmount : Number(String(o.maxLineAmount).replace(/,/g, ''));
    if (!Number.isFinite(n) || n < 0) throw new SettingsError(`“maxLineAmount: ${String(o.maxLineAmount)}”应为不小于 0 的数字，单位同 budgetUnit`, `"maxLineAmount: ${String(o.maxLineAmount)}" must be a number ≥ 0 (unit: budgetUnit)`);
    out.maxLineAmount = n;
  }
  const cat = str('catalog');
  if (cat) out.catalog = cat;
  if (o.pointCommittees !== undefined && o.pointCommittees !== null) {
    const bad = () => new SettingsError('“pointCommittees”应为“要点编号: 专委会（或专委会列表）”的键值对 (must map point number to committee names)');
    if (typeof o.pointCommittees !== 'object' || Array.isArray(o.pointCommittees)) throw bad();
    const pc: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(o.pointCommittees as Record<string, unknown>)) {
      if (!/^\s*[0-9]+\s*$/.test(k)) throw bad();
      const names = typeof v === 'string' ? v.split(/[、，,；;]/) : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
      if (!names) throw bad();
      const clean = names.map((x) => x.trim()).filter(Boolean);
      if (!clean.length) throw bad();
      pc[k.trim()] = clean;
    }
    out.pointCommittees = pc;
  }
  if (o.limits !== undefined && o.limits !== null) {
    if (typeof o.limits !== 'object' || Array.isArray(o.limits)) throw new SettingsError('“limits”应为“上限名: 数值”的键值对 (must map limit names to numbers)');
    const lim: Partial<ReadLimits> = {};
    for (const [k, v] of Object.entries(o.limits as Record<string, unknown>)) {
      if (!(k in DEFAULT_LIMITS)) throw new SettingsError(`未知的读取上限“${k}” (unknown limit)；可用：${Object.keys(DEFAULT_LIMITS).join('、')}`);
      const n = typeof v === 'number' ? v : Number(String(v).replace(/[,_]/g, ''));
      if (!Number.isFinite(n) || n <= 0) throw new SettingsError(`读取上限“${k}”（${LIMIT_TEXT[k as keyof ReadLimits].zh}）应为大于 0 的数字 (must be a number above 0)`);
      lim[k as keyof ReadLimits] = n;
    }
    out.limits = lim;
  }
  const secret = str('secret');
  if (secret !== undefined && secret.trim()) {
    if (secret.trim().length < 16) throw new SettingsError('“secret”至少 16 个字符 (must be at least 16 characters)');
    out.secret = secret.trim();
  }
  const secretFile = str('secretFile');
  if (secretFile) out.secretFile = secretFile;
  return out;
}

/** Settings from a settings file and the catalog (ceilings by committee name or id → by id). */
export function settingsFrom(file: SettingsFile, catalog: Catalog): Settings {
  const ceilings: Record<string, number> = {};
  for (const [k, v] of Object.entries(file.ceilings ?? {})) {
    const key = k.trim();
    const c = catalog.committees.find((x) => x.id === key || x.name === key || x.fullName.replace('{{region}}', file.region ?? '') === key || x.fullName.endsWith(key));
    if (!c) throw new SettingsError(`控制数中的专委会“${k}”不在工作要点中；可用：${catalog.committees.map((x) => x.name).join('、')}`, `unknown committee "${k}" in ceilings; known: ${catalog.committees.map((x) => x.name).join(', ')}`);
    ceilings[c.id] = v;
  }
  const overrides: Partial<Settings> = { ceilings };
  if (file.organisation !== undefined) overrides.organisation = file.organisation;
  if (file.region !== undefined) overrides.region = file.region;
  if (file.year !== undefined) overrides.year = file.year;
  if (file.budgetUnit !== undefined) overrides.budgetUnit = file.budgetUnit;
  if (file.expenseCategories) overrides.expenseCategories = file.expenseCategories;
  if (file.fundingSources) overrides.fundingSources = file.fundingSources;
  if (file.deliverableTypes) overrides.deliverableTypes = file.deliverableTypes;
  if (file.deadline !== undefined) overrides.deadline = file.deadline;
  if (file.contact !== undefined) overrides.contact = file.contact;
  if (file.password !== undefined) overrides.protectionPassword = file.password;
  if (file.amountDecimals !== undefined) overrides.amountDecimals = file.amountDecimals;
  if (file.maxLineAmount !== undefined) overrides.maxLineAmount = file.maxLineAmount;
  if (file.pointCommittees) overrides.pointCommittees = file.pointCommittees;
  if (file.limits) overrides.limits = file.limits;
  return defaultSettings(catalog, overrides);
}
