/**
 * A document described declaratively (as core/sheets/spec.ts describes workbooks): sections of
 * blocks — paragraphs in a few named styles, tables, page breaks — that a host renders (.docx in
 * src/hosts/docx). Pure data.
 */

/** Paragraph styles of a Chinese official document (GB/T 9704 conventions, see hosts/docx). */
export type ParagraphStyle =
  /** 文件标题: 小标宋/黑体 二号, centred */
  | 'title'
  /** 副标题（送审稿）: 楷体 三号, centred */
  | 'subtitle'
  /** 一级标题 “一、”: 黑体 三号 */
  | 'h1'
  /** 二级标题 “（一）”: 楷体 三号 */
  | 'h2'
  /** 三级标题: 仿宋 三号 加粗 */
  | 'h3'
  /** 正文: 仿宋 三号, first line indented two characters */
  | 'body'
  /** 说明、注: 仿宋 小四 */
  | 'note'
  /** 封面落款、日期: 仿宋 三号, centred */
  | 'center';

export interface RunSpec {
  text: string;
  bold?: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  style: ParagraphStyle;
  runs: RunSpec[];
  pageBreakBefore?: boolean;
  /** Blank space before the paragraph, in lines (cover layout). */
  spaceBeforeLines?: number;
}

export type CellAlign = 'left' | 'center' | 'right';

export interface TableBlock {
  kind: 'table';
  headers: string[];
  /** Relative column widths (any scale; the renderer fits them to the text width). */
  widths: number[];
  align: CellAlign[];
  rows: { cells: string[]; emphasis?: 'subtotal' | 'total' }[];
}

export type DocBlock = ParagraphBlock | TableBlock;

export interface DocSectionSpec {
  blocks: DocBlock[];
  /** Page numbers “— 1 —” centred in the footer, counted from 1 in this section. */
  pageNumbers: boolean;
}

export interface DocumentSpec {
  title: string;
  creator: string;
  /** ISO time of the content (the summary's time). */
  created: string;
  sections: DocSectionSpec[];
}

export const para = (style: ParagraphStyle, text: string, extra: Partial<ParagraphBlock> = {}): ParagraphBlock => ({ kind: 'paragraph', style, runs: [{ text }], ...extra });
