/**
 * The text of formulas (<f>…</f>) in a sheet's bytes, decoded as sheetXml does (UTF-8, then
 * entities and _xHHHH_ escapes), for a sheet whose columns hold one formula filled down.
 *
 * Decoding each formula (a few hundred bytes, a dozen &quot; and &apos;) was most of the cost of a
 * cell. The formula of a column is remembered as a template: its decoded text cut at every run of
 * digits that spells its own row ("$A4", "IF(LEN($F4)…"). The next formula of the column whose bytes
 * are the template's, its row spelled where the template's row was, is the template's text with
 * that row put in; any other is decoded in full and becomes the column's template.
 *
 * Exact: the bytes outside the row digits are the same bytes, and decoding them piece by piece
 * gives the same text as decoding the whole — the pieces are cut at ASCII digits (never inside a
 * UTF-8 character), no named entity has a digit, and a formula with a numeric reference (&#…;) or
 * an _xHHHH_ escape, where digits could be inside one, is never made a template. Pure.
 */
import { decodeXml } from './xmlText';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const isDigit = (k: number) => k >= 48 && k <= 57;

interface Template {
  /** Where the template's bytes are in the sheet, and its row. */
  from: number;
  to: number;
  row: number;
  /** Start of each run of row digits in the bytes (ascending), each String(row).length long. */
  slots: number[];
  /** Decoded text between the runs (slots.length + 1 pieces). */
  pieces: string[];
}

export class FormulaTexts {
  /** The template of each column (by column number). */
  private readonly templates: (Template | undefined)[] = [];

  constructor(private readonly b: Uint8Array) {}

  /** decodeXml of the UTF-8 text b[from, to): the formula of the cell at `col`, `row`. */
  text(col: number, row: number, from: number, to: number): string {
    const t = this.templates[col];
    if (t !== undefined && this.fits(t, row, from, to)) return fill(t.pieces, String(row));
    const made = this.template(row, from, to);
    if (col < 16_385) this.templates[col] = made ?? undefined;
    return made ? fill(made.pieces, String(row)) : decodeXml(utf8.decode(this.b.subarray(from, to)));
  }

  /** Whether b[from, to) is t's bytes with `row` spelled in its slots (and nothing else changed). */
  private fits(t: Template, row: number, from: number, to: number): boolean {
    const b = this.b;
    const was = String(t.row).length;
    const spelled = String(row);
    const now = spelled.length;
    if (to - from !== t.to - t.from + t.slots.length * (now - was)) return false;
    let i = t.from, j = from;
    for (let m = 0; m <= t.slots.length; m++) {
      const end = m < t.slots.length ? t.slots[m] : t.to;
      // the same bytes up to the slot
      while (i < end) if (b[i++] !== b[j++]) return false;
      if (m === t.slots.length) break;
      // the row's digits, a whole run
      for (let k = 0; k < now; k++) if (b[j + k] !== spelled.charCodeAt(k)) return false;
      i += was;
      j += now;
      if (j < to && isDigit(b[j])) return false;
    }
    return true;
  }

  /** b[from, to) as a template for `row`; null when it may not be one (numeric references, _x escapes). */
  private template(row: number, from: number, to: number): Template | null {
    const b = this.b;
    const spelled = String(row);
    const len = spelled.length;
    const slots: number[] = [];
    for (let i = from; i < to; i++) {
      const k = b[i];
      if ((k === 38 && b[i + 1] === 35 && i + 1 < to) || (k === 95 && b[i + 1] === 120 && i + 1 < to)) return null; // &# or _x
      if (!isDigit(k) || (i > from && isDigit(b[i - 1]))) continue;
      let e = i;
      while (e < to && isDigit(b[e])) e++;
      if (e - i === len) {
        let k2 = 0;
        while (k2 < len && b[i + k2] === spelled.charCodeAt(k2)) k2++;
        if (k2 === len) slots.push(i);
      }
      i = e - 1;
    }
    const pieces: string[] = [];
    let at = from;
    for (const s of slots) {
      pieces.push(piece(b, at, s));
      at = s + len;
    }
    pieces.push(piece(b, at, to));
    return { from, to, row, slots, pieces };
  }
}

function piece(b: Uint8Array, from: number, to: number): string {
  return to > from ? decodeXml(utf8.decode(b.subarray(from, to))) : '';
}

function fill(pieces: string[], row: string): string {
  let s = pieces[0];
  for (let m = 1; m < pieces.length; m++) s += row + pieces[m];
  return s;
}
