/** A1 addressing shared by the workbook descriptions and both hosts. */

/** 1-based column index → letters: 1 → "A", 27 → "AA". */
export function columnLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
