/** Amounts and numbers of 预算明细: unreadable/approximate, negative, zero, over-precise, converted, price × quantity × times ≠ amount; list values. */
import { amountReading, decimalsOf, tidy } from '../../plan/normalise';
import type { BudgetUnit } from '../../plan/types';
import { defaultMaxLineAmount } from '../../plan/settings';
import type { BudgetLine, Milestone } from '../../plan/types';
import { BUDGET_COL, CELL_EMPTY, CELL_NOTABLE, CELL_UNREADABLE, cellStatus, recordOf, RowRecord } from '../../plan/rows';
import { makeFinding } from '../codes';
import { MAX_AMOUNT } from '../../limits';
import { at, fmt, header, writeFix } from './context';
import type { RuleContext } from './context';

const AMOUNT_KEYS = ['unitPrice', 'amount'] as const;
const NUMBER_KEYS = ['quantity', 'times'] as const;
const AMOUNT_COLS = AMOUNT_KEYS.map((k) => BUDGET_COL.get(k)!);
const NUMBER_COLS = NUMBER_KEYS.map((k) => BUDGET_COL.get(k)!);
const TIMES_COL = BUDGET_COL.get('times')!;
const CELLS_MASK = [...AMOUNT_COLS, ...NUMBER_COLS].reduce((m, i) => m | (1 << i), 0);
const AMOUNT_HEADER = header('budget', 'amount');

/** checkAmounts' settings for one run. */
export interface AmountState {
  unit: BudgetUnit;
  unitEn: string;
  /** settings.maxLineAmount (in unit; default 500 万元), Infinity when 0 (check off). */
  maxLine: number;
  /** 控制数 by committee id (in unit). */
  ceilings: Record<string, number>;
  decimals: number;
  tolerance: number;
  categories: Set<string>;
  sources: Set<string>;
  types: Set<string>;
}

function maxLineOf(max: number | undefined, unit: BudgetUnit): number {
  if (max === undefined || max === null || !Number.isFinite(max)) return defaultMaxLineAmount(unit);
  return max > 0 ? max : Infinity;
}

export function amountState(ctx: RuleContext): AmountState {
  const { settings } = ctx;
  return {
    unit: settings.budgetUnit,
    unitEn: settings.budgetUnit === '元' ? 'yuan' : '10k yuan',
    maxLine: maxLineOf(settings.maxLineAmount, settings.budgetUnit),
    ceilings: settings.ceilings ?? {},
    decimals: settings.amountDecimals,
    tolerance: 0.5 * 10 ** -settings.amountDecimals,
    categories: new Set(settings.expenseCategories),
    sources: new Set(settings.fundingSources),
    types: new Set(settings.deliverableTypes),
  };
}

export function checkAmounts(ctx: RuleContext): void {
  const st = amountState(ctx);
  const lines = ctx.submission.budgetLines;
  for (let i = 0; i < lines.length; i++) amountsOfLine(ctx, st, lines[i]);
  const milestones = ctx.milestones;
  for (let i = 0; i < milestones.length; i++) typeOfMilestone(ctx, st, milestones[i]);
}

export function amountsOfLine(ctx: RuleContext, st: AmountState, l: BudgetLine): void {
  const { findings } = ctx;
  const { unit, decimals, tolerance, categories, sources } = st;
  // A compact line whose price, quantity, times and amount are read without a notable flag skips both loops below.
  const skip = l instanceof RowRecord && l.compact && ((l.unreadableMask | l.notableMask) & CELLS_MASK) === 0;
  if (!skip) for (let k = 0; k < AMOUNT_KEYS.length; k++) {
    const key = AMOUNT_KEYS[k];
    const s = cellStatus(l, key, AMOUNT_COLS[k]);
    if (s & CELL_EMPTY) continue;
    // A readable amount without notable flags: neither reformatted, converted nor negative.
    if (!(s & (CELL_UNREADABLE | CELL_NOTABLE))) continue;
    const f = recordOf(l, key)!;
    if (f.unreadable) {
      const approx = f.flags && (f.flags.includes('approximate') || f.flags.includes('range'));
      findings.push(makeFinding(approx ? 'amount.approximate' : 'amount.unreadable', at(l, key), { ...header('budget', key), note: f.note, unit }));
      continue;
    }
    const v = f.value as number;
    if (typeof f.raw === 'string' && f.flags) {
      const text = fmt(v);
      if (f.flags.includes('unitConverted')) {
        const how = amountReading(f.flags, unit);
        const h = header('budget', key);
        const params = { header: h.header, headerEn: h.headerEn, value: text, unit, unitEn: st.unitEn, how: how.zh, howEn: how.en };
        findings.push(makeFinding('amount.converted', at(l, key), params, writeFix(v, text)));
      }
      else if (f.flags.includes('reformatted') || f.flags.includes('fullWidth')) findings.push(makeFinding('amount.reformatted', at(l, key), { value: text }, writeFix(v, text)));
    }
    if (v < 0) findings.push(makeFinding('amount.negative', at(l, key), { ...header('budget', key), value: fmt(v) }));
  }
  // The line's amount (cell or computed): out of range, zero, precision.
  if (l.amountOutOfRange !== undefined) findings.push(makeFinding('amount.outOfRange', at(l, 'amount'), { ...AMOUNT_HEADER, value: String(l.amountOutOfRange), max: MAX_AMOUNT.toLocaleString('en-US'), unit }));
  if (l.amount !== null) {
    const h = AMOUNT_HEADER;
    if (l.amount === 0) findings.push(makeFinding('amount.zero', at(l, 'amount'), h));
    else if (l.amountSource === 'computed' && l.amount < 0) findings.push(makeFinding('amount.negative', at(l, 'amount'), { ...h, value: fmt(l.amount) }));
    if (decimalsOf(l.amount) > decimals) findings.push(makeFinding('amount.precision', at(l, 'amount'), { ...h, value: fmt(l.amount, 12), decimals, unit }));
    implausible(ctx, st, l, l.amount);
  }
  if (!skip) for (let k = 0; k < NUMBER_KEYS.length; k++) {
    const key = NUMBER_KEYS[k];
    const s = cellStatus(l, key, NUMBER_COLS[k]);
    if (s & CELL_EMPTY) continue;
    if (!(s & (CELL_UNREADABLE | CELL_NOTABLE))) continue; // readable, not negative
    const f = recordOf(l, key)!;
    if (f.unreadable) findings.push(makeFinding('number.unreadable', at(l, key), { ...header('budget', key), note: f.note }));
    else if ((f.value as number) < 0) findings.push(makeFinding('number.negative', at(l, key), { ...header('budget', key), value: f.value }));
  }
  checkMismatch(ctx, l, tolerance);
  if (l.expenseCategory && categories.size && !categories.has(l.expenseCategory)) findings.push(makeFinding('budget.category.unknown', at(l, 'expenseCategory')));
  if (l.fundingSource && sources.size && !sources.has(l.fundingSource)) findings.push(makeFinding('budget.source.unknown', at(l, 'fundingSource')));
}

/** A line amount above the committee's 控制数 or above settings.maxLineAmount: a warning naming the value. */
function implausible(ctx: RuleContext, st: AmountState, l: BudgetLine, amount: number): void {
  if (!(amount > 0)) return;
  const task = ctx.taskIndex.first(l.taskCode);
  const cid = (task && task.committeeId) || ctx.submission.committeeId;
  const ceiling = cid ? st.ceilings[cid] : undefined;
  const tolerance = st.tolerance;
  let limit: { zh: string; en: string; max: number } | null = null;
  if (ceiling !== undefined && ceiling !== null && Number.isFinite(ceiling) && amount > ceiling + tolerance) {
    const name = ctx.catalog.committees.find((c) => c.id === cid)?.name ?? cid;
    limit = { zh: `${name}的控制数`, en: `the ceiling of ${name}`, max: ceiling };
  } else if (amount > st.maxLine + tolerance) limit = { zh: '单行金额上限', en: 'the line limit (maxLineAmount)', max: st.maxLine };
  if (!limit) return;
  ctx.findings.push(makeFinding('amount.implausible', at(l, 'amount'), { ...AMOUNT_HEADER, value: fmt(amount), unit: st.unit, unitEn: st.unitEn, limit: limit.zh, limitEn: limit.en, max: fmt(limit.max) }));
}

export function typeOfMilestone(ctx: RuleContext, st: AmountState, m: Milestone): void {
  if (m.deliverableType && st.types.size && !st.types.has(m.deliverableType)) ctx.findings.push(makeFinding('milestone.type.unknown', at(m, 'deliverableType')));
}

function checkMismatch(ctx: RuleContext, l: BudgetLine, tolerance: number): void {
  if (l.amountSource !== 'cell' || l.unitPrice === null || l.quantity === null) return;
  if (cellStatus(l, 'times', TIMES_COL) & CELL_UNREADABLE) return;
  const computed = tidy(l.unitPrice * l.quantity * (l.times ?? 1));
  if (Math.abs(computed - (l.amount as number)) > tolerance) {
    ctx.findings.push(makeFinding('budget.amount.mismatch', at(l, 'amount'), { amount: fmt(l.amount as number), computed: fmt(computed) }));
  }
}
