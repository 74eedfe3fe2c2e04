/**
 * Limits on what is read from one workbook, stated before the work and enforced while it is done:
 * a file past one is refused with a message naming the limit and the value found (never a crash,
 * an out-of-memory abort or a run that does not end). Defaults fit the largest real plan with a
 * wide margin (a 100,000-task stress workbook reads well within every one of them); each can be
 * overridden in the settings (`limits:` in the CLI's settings file). Pure.
 */
import type { Message } from './validate/types';
import { EXCEL_CELL_TEXT_MAX } from './sheets/cellText';

/**
 * Largest budget amount (in the budget unit, absolute value) that is added up: beyond it, 4 decimals
 * are no longer exact in a double, and a few such lines (1e308) would make a total of Infinity.
 * A line past it is an error (amount.outOfRange) and is left out of every total.
 */
export const MAX_AMOUNT = 1e12;

/** Excel's own grid and cell-text limits. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;
export const EXCEL_CELL_TEXT = EXCEL_CELL_TEXT_MAX;

/** Text cut to Excel's 32,767 characters (never inside a surrogate pair); writers use core/sheets/cellText's fitCellText. */
function cutCellText(s: string): string {
  if (s.length <= EXCEL_CELL_TEXT) return s;
  const c = s.charCodeAt(EXCEL_CELL_TEXT - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? EXCEL_CELL_TEXT - 1 : EXCEL_CELL_TEXT);
}

/** Text in pieces that each fit a cell (the full text of an over-long cell, kept over several cells). */
export function cellTextPieces(s: string): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest.length > EXCEL_CELL_TEXT) {
    const piece = cutCellText(rest);
    out.push(piece);
    rest = rest.slice(piece.length);
  }
  out.push(rest);
  return out;
}

export interface ReadLimits {
  /** Zip entries in one file (a plan workbook has about 20). */
  zipEntries: number;
  /** Uncompressed bytes of one zip part (a 100,000-task sheet is ~60 MB). */
  partBytes: number;
  /** Uncompressed bytes of all the parts of one file. */
  totalBytes: number;
  /** Uncompressed ÷ compressed bytes of one part, checked on parts of 1 MiB and more (a zip bomb is ~1000:1). */
  compressionRatio: number;
  /** Last row holding a value, per sheet (Excel's grid: 1,048,576). */
  rows: number;
  /** Last column holding a value, per sheet (Excel's grid: 16,384 = XFD). */
  columns: number;
  /** Entries of the shared-strings table. */
  sharedStrings: number;
  /** Merged ranges of one sheet. */
  mergedRanges: number;
  /** Memory of one reader process of the CLI (MB): its heap limit, and on Linux its resident memory above its start; a file that needs more is refused. */
  readerMemoryMB: number;
  /** Seconds one file may take to read and check in a reader process of the CLI (the reader is killed past them). */
  fileSeconds: number;
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  zipEntries: 10_000,
  partBytes: 256 * 1024 * 1024,
  totalBytes: 512 * 1024 * 1024,
  compressionRatio: 500,
  rows: 500_000,
  columns: 1_000,
  sharedStrings: 2_000_000,
  mergedRanges: 100_000,
  readerMemoryMB: 1024,
  fileSeconds: 60,
});

/** Smallest part (uncompressed bytes) whose compression ratio is checked. */
export const RATIO_MIN_BYTES = 1024 * 1024;

export type LimitName = keyof ReadLimits;

/** The limits in force: defaults, with the settings' overrides (positive numbers only). */
export function limitsOf(overrides?: Partial<ReadLimits> | null): ReadLimits {
  const out: ReadLimits = { ...DEFAULT_LIMITS };
  if (overrides) for (const k of Object.keys(DEFAULT_LIMITS) as LimitName[]) {
    const v = overrides[k];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[k] = v;
  }
  return out;
}

/** What each limit is called, and the unit its values are counted in. */
export const LIMIT_TEXT: Record<LimitName, { zh: string; en: string; unitZh: string; unitEn: string }> = {
  zipEntries: { zh: '压缩包条目数', en: 'zip entries', unitZh: '个', unitEn: 'entries' },
  partBytes: { zh: '单个部件解压后大小', en: 'uncompressed size of one part', unitZh: '字节', unitEn: 'bytes' },
  totalBytes: { zh: '文件解压后总大小', en: 'uncompressed size of the file', unitZh: '字节', unitEn: 'bytes' },
  compressionRatio: { zh: '压缩比', en: 'compression ratio', unitZh: ':1', unitEn: ':1' },
  rows: { zh: '工作表行数', en: 'rows of a sheet', unitZh: '行', unitEn: 'rows' },
  columns: { zh: '工作表列数', en: 'columns of a sheet', unitZh: '列', unitEn: 'columns' },
  sharedStrings: { zh: '共享字符串条数', en: 'shared strings', unitZh: '条', unitEn: 'strings' },
  mergedRanges: { zh: '合并单元格区域数', en: 'merged ranges of a sheet', unitZh: '个', unitEn: 'ranges' },
  readerMemoryMB: { zh: '读取内存', en: 'reader memory', unitZh: ' MB', unitEn: ' MB' },
  fileSeconds: { zh: '读取时间', en: 'reading time', unitZh: ' 秒', unitEn: ' s' },
};

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));

/** A limit was passed: thrown by readers, turned into a refusal naming the limit and the value found. */
export class LimitExceeded extends Error {
  constructor(
    readonly limit: LimitName,
    /** The value found (at least this much: reading stops at the limit). */
    readonly found: number,
    readonly max: number,
    /** Where: a part path or sheet name. */
    readonly where = '',
    /** True when `found` is a lower bound (reading stopped there). */
    readonly atLeast = false,
  ) {
    super(`limit ${limit}: ${found} > ${max}${where ? ` (${where})` : ''}`);
    this.name = 'LimitExceeded';
  }

  /** zh/en: which limit, its value, and what was found. */
  text(): Message {
    const t = LIMIT_TEXT[this.limit];
    const unitZh = t.unitZh.startsWith(':') || t.unitZh.startsWith(' ') ? t.unitZh : ` ${t.unitZh}`;
    const unitEn = t.unitEn.startsWith(':') || t.unitEn.startsWith(' ') ? t.unitEn : ` ${t.unitEn}`;
    const whereZh = this.where ? `（${this.where}）` : '';
    const whereEn = this.where ? ` (${this.where})` : '';
    return {
      zh: `超出读取上限“${t.zh}”：上限 ${fmt(this.max)}${unitZh}，本文件${whereZh}${this.atLeast ? '至少' : '为'} ${fmt(this.found)}${unitZh}`,
      en: `over the reading limit "${t.en}": the limit is ${fmt(this.max)}${unitEn}, this file${whereEn} has ${this.atLeast ? 'at least ' : ''}${fmt(this.found)}${unitEn}`,
    };
  }
}
