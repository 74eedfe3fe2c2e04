/** How spec values become Office.js input values (text always stays text). */
import type { CellSpec, CellValue } from '../../core/sheets/spec';
import { fitCellText } from '../../core/sheets/cellText';

/**
 * Strings Excel would not keep as typed: formulas (= + - @), numbers, dates, booleans, error
 * literals, a leading apostrophe (eaten as the text prefix), full-width digits and signs.
 */
const COERCIBLE = /^[\s\u3000]*[0-9０-９=＝+＋\-－@'$¥￥(.,#%]/;
const BOOLEAN = /^\s*(true|false)\s*$/i;

/** A string as Office.js input that Excel stores as exactly this text (leading apostrophe when needed). */
export function textInput(s: string): string {
  return COERCIBLE.test(s) || BOOLEAN.test(s) ? `'${s}` : s;
}

/** A spec value as Office.js input. null stays null (= leave the cell as it is). */
export function valueInput(v: CellValue | undefined): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return textInput(fitCellText(v)); // Excel's 32,767 characters per cell
  if (typeof v === 'number') return Number.isFinite(v) ? v : textInput(String(v));
  return v;
}

/** A spec cell as Office.js input for `formulas`/`values`. */
export function cellInput(c: CellSpec | null | undefined): string | number | boolean | null {
  if (!c) return null;
  if (c.f !== undefined && c.f !== '') return `=${c.f.replace(/^=/, '')}`;
  return valueInput(c.v);
}
