/**
 * Declarative description of a workbook. The core builds these; hosts render them:
 * src/hosts/xlsx (files, Node and browser) and src/hosts/office (the live workbook).
 * Plain data only. Addresses are A1 strings without sheet name unless stated.
 */

export interface FontSpec {
  name?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  /** RGB hex without '#', e.g. "C00000". */
  color?: string;
}

export interface StyleSpec {
  font?: FontSpec;
  /** Solid fill, RGB hex without '#'. */
  fill?: string;
  /** Number format code, e.g. "0.00", "yyyy-mm-dd", "@". */
  numFmt?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** Thin border on all sides, RGB hex. */
  border?: string;
  /** Cell protection: false = unlocked input cell. Default true (Excel's default). */
  locked?: boolean;
}

/**
 * A cell value. Strings are ALWAYS text (hosts must write them so that "=x", "+1", "-1", "@x"
 * stay text). Formulas are separate and start without "=".
 */
export type CellValue = string | number | boolean | null;

export interface CellSpec {
  v?: CellValue;
  /** Formula without leading "=", in English function names and A1 style, e.g. "SUM(H2:H9)". */
  f?: string;
  /** Name of a style in WorkbookSpec.styles. */
  s?: string;
  /** A cell note (comment). */
  note?: string;
}

/** A rectangular block of cells written at once (one 2D write in Office.js). */
export interface BlockSpec {
  /** Top-left address, e.g. "A1". */
  at: string;
  rows: (CellSpec | null)[][];
}

/** A style applied to a whole range (format whole ranges, never cell by cell). */
export interface RangeFormatSpec {
  range: string;
  style: string;
}

export interface ColumnSpec {
  /** 1-based column index. */
  index: number;
  width: number;
  hidden?: boolean;
  /** Style for the whole column (e.g. date format, unlocked). */
  style?: string;
}

export interface RowSpec {
  /** 1-based row index. */
  index: number;
  height?: number;
  hidden?: boolean;
  /**
   * The row grows with its text: `height` is only an estimate for tools that do not measure
   * (LibreOffice keeps a stored height), never a fixed height. The xlsx host writes it without
   * customHeight, the Office.js host autofits the row. Rows typed into later grow in Excel, WPS and
   * LibreOffice because their height is not fixed.
   */
  fit?: boolean;
}

export type ValidationSpec =
  | {
      kind: 'list';
      range: string;
      /** A formula source without "=", e.g. "_lists!$A$2:$A$18" or a defined name "要点列表". */
      source: string;
      allowBlank: boolean;
      prompt?: { title: string; text: string };
      error?: { title: string; text: string };
    }
  | {
      kind: 'date';
      range: string;
      /** ISO yyyy-mm-dd, inclusive. */
      min: string;
      max: string;
      allowBlank: boolean;
      prompt?: { title: string; text: string };
      error?: { title: string; text: string };
    }
  | {
      kind: 'decimal';
      range: string;
      min: number;
      max?: number;
      allowBlank: boolean;
      prompt?: { title: string; text: string };
      error?: { title: string; text: string };
    }
  | {
      /** Input message only, any value allowed. */
      kind: 'any';
      range: string;
      prompt: { title: string; text: string };
    };

export interface ConditionalFormatSpec {
  range: string;
  /** Formula without "=", relative to the top-left cell of range. */
  formula: string;
  /** Style name (font/fill used). */
  style: string;
  /** Lower runs first. */
  priority: number;
}

export interface ProtectionSpec {
  /** "" = no password. */
  password: string;
  allowInsertRows: boolean;
  allowDeleteRows: boolean;
  allowFormatColumns: boolean;
  allowSort: boolean;
  allowAutoFilter: boolean;
}

export interface PrintSpec {
  orientation: 'landscape' | 'portrait';
  paper: 'A4';
  /** Rows repeated on every page, e.g. "1:3". */
  titleRows?: string;
  fitToWidth: boolean;
  /** Footer text with &P (page) and &N (pages) codes. */
  footer?: string;
  header?: string;
  printArea?: string;
}

export interface TableSpec {
  name: string;
  /** Range including the header row, e.g. "A3:M200". */
  range: string;
  style?: string;
  showRowStripes?: boolean;
}

export interface ChartSpec {
  kind: 'bar' | 'column' | 'pie';
  title: string;
  /** Category labels range, with sheet, e.g. "'按专委会'!$A$4:$A$10". */
  categories: string;
  /** Values ranges, with sheet. */
  series: { name: string; values: string }[];
  /** Where to place it: top-left cell and size in columns/rows. */
  anchor: { at: string; cols: number; rows: number };
}

export interface SheetSpec {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  tabColor?: string;
  columns: ColumnSpec[];
  rows?: RowSpec[];
  blocks: BlockSpec[];
  formats: RangeFormatSpec[];
  merges: string[];
  /** Number of frozen rows / columns at the top / left. */
  freeze?: { rows: number; cols: number };
  validations: ValidationSpec[];
  conditionalFormats: ConditionalFormatSpec[];
  protection?: ProtectionSpec;
  print?: PrintSpec;
  tables?: TableSpec[];
  charts?: ChartSpec[];
  /** Show gridlines (default true). */
  gridlines?: boolean;
  /** Auto filter range (when not a table). */
  autoFilter?: string;
}

export interface DefinedNameSpec {
  name: string;
  /** Reference with sheet, e.g. "'任务表'!$B$4:$B$203". */
  ref: string;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  styles: Record<string, StyleSpec>;
  names: DefinedNameSpec[];
  properties: { title: string; creator: string; created: string };
}
