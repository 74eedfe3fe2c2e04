/**
 * Numbering of official documents (公文): 第一章 / 一、 / 第一条 / （一） / 1. 1、 / （1） / ①.
 * A level is a kind of numbering; the document's outline is the nesting of these levels in this order.
 */
import { chineseNumeralToInt } from '../util/numerals';

export type Level = 'chapter' | 'cn' | 'article' | 'cnParen' | 'arabic' | 'arabicParen' | 'circled';
export const LEVEL_ORDER: Level[] = ['chapter', 'cn', 'article', 'cnParen', 'arabic', 'arabicParen', 'circled'];
/** How a level is printed, for messages: “（一）”. */
export const LEVEL_LABEL: Record<Level, string> = {
  chapter: '第一章', cn: '一、', article: '第一条', cnParen: '（一）', arabic: '1.', arabicParen: '（1）', circled: '①',
};

const CN = '[一二三四五六七八九十百零〇两]+';
const DIGITS = '[0-9０-９]+';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PATTERNS: Record<Level, RegExp> = {
  chapter: new RegExp(`^第\\s*(${CN}|${DIGITS})\\s*章\\s*[、.．:：]?\\s*(.*)$`),
  cn: new RegExp(`^(${CN})\\s*[、，,.．]\\s*(.*)$`),
  article: new RegExp(`^第\\s*(${CN}|${DIGITS})\\s*条\\s*[、.．:：]?\\s*(.*)$`),
  cnParen: new RegExp(`^[（(]\\s*(${CN})\\s*[)）]\\s*[、.．]?\\s*(.*)$`),
  // "2023年…" must not read as point 2023: arabic numbers need a separator right after.
  arabic: new RegExp(`^(${DIGITS})\\s*(?:[.．、，,](?![0-9０-９])|\\s)\\s*(.*)$`),
  arabicParen: new RegExp(`^[（(]\\s*(${DIGITS})\\s*[)）]\\s*[、.．]?\\s*(.*)$`),
  circled: new RegExp(`^([${CIRCLED}])\\s*(.*)$`),
};

export interface Numbered {
  level: Level;
  n: number;
  rest: string;
}

export function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

function numberOf(level: Level, token: string): number {
  if (level === 'circled') return CIRCLED.indexOf(token) + 1;
  const t = toHalfWidthDigits(token);
  if (/^[0-9]+$/.test(t)) return parseInt(t, 10);
  return chineseNumeralToInt(token);
}

/** The numbering at the start of a line, or null. The text after the number must not be empty. */
export function matchNumbered(text: string): Numbered | null {
  for (const level of LEVEL_ORDER) {
    const m = PATTERNS[level].exec(text);
    if (m && m[2].trim() !== '') {
      const n = numberOf(level, m[1]);
      if (!Number.isFinite(n) || n <= 0 || n > 999) continue;
      return { level, n, rest: m[2].trim() };
    }
  }
  return null;
}

export const rankOf = (level: Level): number => LEVEL_ORDER.indexOf(level);
