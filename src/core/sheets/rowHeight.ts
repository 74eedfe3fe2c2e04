/**
 * How tall a row must be to show its wrapped text: an estimate from the text, the column widths
 * and the font size. Pure.
 *
 * Why an estimate at all: Excel and WPS fit a row to its wrapped text themselves when the row's
 * height is not fixed (no customHeight), but LibreOffice keeps the height stored in the file and
 * never measures on load — a row written without a height stays one line high and cuts the text
 * on screen and on paper. So rows whose text we write get this estimate, stored as a height that
 * is NOT fixed: LibreOffice shows it, Excel and WPS may re-measure, and every tool still grows the
 * row when a clerk types more (see RowSpec.fit).
 */

/** Pixels of one Excel column-width unit (maximum digit width of the default font, Calibri 11). */
const PX_PER_WIDTH = 7;
/** Cell padding, pixels (left + right). */
const PADDING_PX = 6;
/** Excel's highest row height, points. */
export const MAX_ROW_HEIGHT = 409;

/** Width of one character in ems: CJK and full-width forms are one em, Latin letters and digits about half. */
function charEms(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0x2e80 && c <= 0x9fff) return 1; // CJK radicals … unified ideographs
  if (c >= 0xf900 && c <= 0xfaff) return 1;
  if (c >= 0xff00 && c <= 0xffef) return 1; // full-width forms （，：）
  if (c >= 0x3000 && c <= 0x303f) return 1; // CJK punctuation 。、《》
  if (c >= 0x2010 && c <= 0x2027) return 1; // “ ” … — in a CJK font
  return 0.55;
}

/**
 * Lines a text takes in a column `width` characters wide (Excel width units) at `fontSize` points,
 * wrapped. Explicit line breaks count. A 5 % margin covers line-breaking rules (no 。 at a line
 * start) and font differences between Excel, WPS and LibreOffice.
 */
export function wrappedLines(text: string, width: number, fontSize: number): number {
  if (!text) return 0;
  const emPx = (fontSize * 96) / 72;
  const linePx = Math.max(emPx, (width * PX_PER_WIDTH + 5 - PADDING_PX) * 0.95);
  let lines = 0;
  for (const para of text.split(/\r?\n/)) {
    let px = 0;
    for (const ch of para) px += charEms(ch) * emPx;
    lines += Math.max(1, Math.ceil(px / linePx));
  }
  return lines;
}

/** Points per text line at a font size (CJK faces need about 1.35 × the size). */
export function lineHeight(fontSize: number): number {
  return Math.ceil(fontSize * 1.35 * 4) / 4;
}

/**
 * Height in points for a row showing `texts[i]` in a column `widths[i]` wide, or undefined when
 * one line is enough (the default height then fits).
 */
export function rowHeightFor(texts: (string | undefined)[], widths: number[], fontSize: number): number | undefined {
  let lines = 1;
  texts.forEach((t, i) => {
    if (t) lines = Math.max(lines, wrappedLines(t, widths[i], fontSize));
  });
  if (lines <= 1) return undefined;
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * lineHeight(fontSize) + 4));
}
