/**
 * What every normaliser shares: the Normalised record builder, blank cells, xlsx cell objects
 * (formula results, rich text, errors), full-width → half-width, error values, notes.
 */
import type { Normalised } from '../types';

export function make<T>(value: T | null, raw: unknown, empty: boolean, unreadable: boolean, note: string, flags?: string[]): Normalised<T> {
  return { value, raw, empty, unreadable, note, flags: flags && flags.length ? (flags.length > 1 ? [...new Set(flags)] : flags) : undefined };
}

const EMPTY_RE = /^[\s\u3000\u00a0\u200b\ufeff]*$/;

/** True for null, undefined, "" and whitespace-only strings. */
export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'string') {
    if (raw.length === 0) return true;
    // Fast path: a first character that is printable ASCII or a CJK ideograph is not white space.
    const c = raw.charCodeAt(0);
    if ((c > 32 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
    return EMPTY_RE.test(raw);
  }
  return false;
}

export interface Unwrapped {
  v: unknown;
  formulaNoValue: boolean;
  error: string | null;
}

/**
 * Flatten the cell objects xlsx libraries return ({formula, result}, {richText}, {text, hyperlink},
 * {error}). Plain values pass through.
 */
const PRIMITIVE: Unwrapped = { v: null, formulaNoValue: false, error: null };
export const FORMULA_NO_VALUE_FLAGS = ['formulaNoValue'];
/** A formula without a cached value: one shared, frozen answer. */
export const FORMULA_NO_VALUE: Unwrapped = Object.freeze({ v: null, formulaNoValue: true, error: null });

export function unwrapCell(raw: unknown): Unwrapped {
  if (raw === null || typeof raw !== 'object' || raw instanceof Date) {
    // Hot path: one shared record, read immediately by the caller (single-threaded, no re-entry before use).
    PRIMITIVE.v = raw;
    return PRIMITIVE;
  }
  const o = raw as Record<string, unknown>;
  try {
    if (Array.isArray(o.richText)) {
      return { v: (o.richText as { text?: unknown }[]).map((r) => (r && typeof r.text === 'string' ? r.text : '')).join(''), formulaNoValue: false, error: null };
    }
    if ('result' in o && o.result !== undefined) {
      const inner = unwrapCell(o.result);
      return inner;
    }
    if ('formula' in o || 'sharedFormula' in o) return FORMULA_NO_VALUE;
    if ('error' in o) return { v: null, formulaNoValue: false, error: String(o.error) };
    if ('text' in o) return { v: typeof o.text === 'string' ? o.text : String(o.text), formulaNoValue: false, error: null };
    if ('value' in o) return unwrapCell(o.value);
  } catch {
    /* fall through */
  }
  return { v: raw, formulaNoValue: false, error: null };
}

const ASCII_RE = /^[\x20-\x7e]*$/;
const DASHES_RE = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/** Full-width → half-width (NFKC) and dash/minus variants → "-". Returns the text and whether it changed. */
export function toHalfWidth(s: string): { text: string; changed: boolean } {
  if (ASCII_RE.test(s)) return { text: s, changed: false };
  let t: string;
  try {
    t = s.normalize('NFKC');
  } catch {
    t = s;
  }
  t = t.replace(DASHES_RE, '-');
  return { text: t, changed: t !== s };
}

/** Strings the spreadsheet shows for formula errors. */
export const ERROR_VALUES = /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

export function describe(raw: unknown): string {
  if (typeof raw === 'string') return raw.length > 40 ? raw.slice(0, 40) + '…' : raw;
  if (raw instanceof Date) return isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
  try {
    return String(raw);
  } catch {
    return '?';
  }
}

export function joinNotes(notes: string[]): string {
  return notes.filter(Boolean).join('；');
}
