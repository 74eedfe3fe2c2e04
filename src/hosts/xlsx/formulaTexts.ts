/**
 * The text of formulas (<f>…</f>) in a sheet's bytes, decoded as sheetXml does (UTF-8, then entities
 * and _xHHHH_ escapes). Pure.
 */
import { decodeXml } from './xmlText';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export class FormulaTexts {
  constructor(private readonly b: Uint8Array) {}

  /** decodeXml of the UTF-8 text b[from, to), the formula of the cell at `col`, `row`. */
  text(col: number, row: number, from: number, to: number): string {
    return decodeXml(utf8.decode(this.b.subarray(from, to)));
  }
}
