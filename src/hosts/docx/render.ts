/**
 * Render a DocumentSpec (core/report/spec.ts) to .docx bytes with the `docx` library, in the manner
 * of a Chinese official document (GB/T 9704): A4, margins 37/35/28/26 mm, body 仿宋 三号 on a fixed
 * 28 pt line, 一级标题 黑体, 二级标题 楷体, page numbers “— 1 —” in 宋体 四号 centred in the footer.
 * Latin text and digits use Times New Roman. Bytes out, no fs: runs in Node and in the browser.
 */
import { AlignmentType, BorderStyle, convertMillimetersToTwip, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import type { CellAlign, DocBlock, DocumentSpec, ParagraphBlock, ParagraphStyle, TableBlock } from '../../core/report/spec';

const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ eastAsia, ascii: LATIN, hAnsi: LATIN, cs: LATIN });

/** Half-points. 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21 } as const;
/** Fixed line of the body text (28 pt), in twips. */
const LINE = 560;

const STYLE: Record<ParagraphStyle, { font: string; size: number; bold?: boolean; align: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: number; line: number }> = {
  title: { font: '黑体', size: SIZE.er, align: AlignmentType.CENTER, line: 720 },
  subtitle: { font: '楷体', size: SIZE.san, align: AlignmentType.CENTER, line: LINE },
  h1: { font: '黑体', size: SIZE.san, align: AlignmentType.LEFT, indent: 640, line: LINE },
  h2: { font: '楷体', size: SIZE.san, align: AlignmentType.LEFT, indent: 640, line: LINE },
  h3: { font: '仿宋', size: SIZE.san, bold: true, align: AlignmentType.LEFT, indent: 640, line: LINE },
  body: { font: '仿宋', size: SIZE.san, align: AlignmentType.JUSTIFIED, indent: 640, line: LINE },
  note: { font: '仿宋', size: SIZE.xiaosi, align: AlignmentType.LEFT, indent: 480, line: 400 },
  center: { font: '仿宋', size: SIZE.san, align: AlignmentType.CENTER, line: LINE },
};

/** Text width of A4 less the side margins (210 − 28 − 26 mm), in twips. */
const TEXT_WIDTH = convertMillimetersToTwip(210 - 28 - 26);

function paragraph(b: ParagraphBlock): Paragraph {
  const s = STYLE[b.style];
  return new Paragraph({
    alignment: s.align,
    pageBreakBefore: b.pageBreakBefore,
    keepNext: b.style === 'h1' || b.style === 'h2' || b.style === 'h3',
    indent: s.indent ? { firstLine: s.indent } : undefined,
    spacing: { line: s.line, lineRule: LineRuleType.EXACT, before: (b.spaceBeforeLines ?? 0) * LINE },
    children: b.runs.map((r) => new TextRun({ text: r.text, bold: r.bold ?? s.bold, font: font(s.font), size: s.size })),
  });
}

const ALIGN: Record<CellAlign, (typeof AlignmentType)[keyof typeof AlignmentType]> = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function cell(text: string, width: number, align: CellAlign, opts: { header?: boolean; emphasis?: 'subtotal' | 'total' } = {}): TableCell {
  const bold = !!opts.header || !!opts.emphasis;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    shading: opts.header ? { type: ShadingType.CLEAR, fill: 'D9D9D9', color: 'auto' } : opts.emphasis ? { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } : undefined,
    margins: { left: 57, right: 57, top: 30, bottom: 30 },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
    children: String(text)
      .split('\n')
      .map((line) => new Paragraph({ alignment: opts.header ? AlignmentType.CENTER : ALIGN[align], spacing: { line: 300, lineRule: LineRuleType.AT_LEAST }, children: [new TextRun({ text: line, bold, font: font(opts.header ? '黑体' : '仿宋'), size: SIZE.wu })] })),
  });
}

function table(b: TableBlock): Table {
  const total = b.widths.reduce((s, w) => s + w, 0) || 1;
  const widths = b.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.headers.map((h, i) => cell(h, widths[i], 'center', { header: true })) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.cells.map((c, i) => cell(c, widths[i], b.align[i] ?? 'left', { emphasis: r.emphasis })) })),
    ],
  });
}

/** A table is followed by a small gap, so that the next heading does not touch it. */
function children(blocks: DocBlock[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') out.push(paragraph(b));
    else {
      out.push(table(b));
      out.push(new Paragraph({ spacing: { line: 240, lineRule: LineRuleType.EXACT }, children: [] }));
    }
  }
  return out;
}

const pageFooter = () =>
  new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: SIZE.si })] })],
  });

/** The .docx bytes of a document description. */
export async function renderDocument(spec: DocumentSpec): Promise<Uint8Array> {
  const doc = new Document({
    creator: spec.creator,
    title: spec.title,
    styles: { default: { document: { run: { font: font('仿宋'), size: SIZE.san } } } },
    sections: spec.sections.map((s) => ({
      properties: {
        page: {
          size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
          margin: { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26), footer: convertMillimetersToTwip(25) },
          pageNumbers: s.pageNumbers ? { start: 1 } : undefined,
        },
      },
      footers: s.pageNumbers ? { default: pageFooter() } : undefined,
      children: children(s.blocks),
    })),
  });
  const buf = await Packer.toArrayBuffer(doc);
  return new Uint8Array(buf);
}
