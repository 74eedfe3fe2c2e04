/**
 * A fast path for writing large workbooks (the summary of hundreds of submissions): excelts renders
 * everything except the cells of the named large sheets (so styles, column widths, conditional
 * formats, filters, print setup, charts stay excelts'), then this module writes those sheets'
 * <sheetData> itself, straight from the WorkbookSpec, and re-zips the parts with the web-standard
 * CompressionStream. No fs, no Node built-ins: runs in Node ≥ 20 and browsers.
 *
 * Strings are written as shared strings (t="s", appended after excelts' own), never as formulas,
 * whatever they start with; formulas only come from CellSpec.f. Shared rather than inline strings by
 * measurement: inline strings (each cell's text UTF-8-encoded where it stands) took more CPU on the
 * 200-file bench summary (6.5–8.6 s against 5.5–6.3 s per render) and made it 10 % larger. Tables of the large sheets become auto filters.
 *
 * The pieces: zipParts.ts (unzip, compressors, zip), byteSink.ts (UTF-8 bytes into chunks),
 * sheetData.ts (the cells of a large sheet); this file puts them together.
 */
import type { WorkbookSpec } from '../../core/sheets/spec';
import { fitCellText } from '../../core/sheets/cellText';
import { ByteSink, ChunkPool, xmlText } from './byteSink';
import { colLetter, Strings, styleTags, usedRange, writeSheetData } from './sheetData';
import type { RowSource, StyleTags } from './sheetData';
import { streamCompressor, unzip, zip } from './zipParts';
import type { PartCompressor } from './zipParts';

export { crc32Update, streamCompressor } from './zipParts';
export type { PartCompressor } from './zipParts';
export type { RowSource } from './sheetData';
export { xmlText } from './byteSink';

const PROBE = '_styles';

/** Map sheet name → part path, from workbook.xml and its rels. */
function sheetParts(files: Map<string, Uint8Array>): Map<string, string> {
  const dec = new TextDecoder();
  const wb = dec.decode(files.get('xl/workbook.xml'));
  const rels = dec.decode(files.get('xl/_rels/workbook.xml.rels'));
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const t = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : 'xl/' + t);
  }
  const out = new Map<string, string>();
  const unesc = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const rid = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name && rid && target.has(rid)) out.set(unesc(name), target.get(rid)!);
  }
  return out;
}

export interface FastWriteOptions {
  /**
   * A compressor per zip part, fed as the part is written (e.g. Node's zlib, chunks deflated in its
   * thread pool while the next ones are written); default streamCompressor (CompressionStream).
   */
  compressor?: () => PartCompressor;
  /** Blocks of the large sheets made on demand, by sheet name, written after the sheet's own blocks. */
  lazy?: Map<string, RowSource[]>;
}

/**
 * Render `spec` with `render` (the excelts host), writing the cells of the `large` sheets here.
 * The result has one more very hidden sheet, "_styles" (the style probe: one cell per style name).
 */
export async function renderWorkbookFast(spec: WorkbookSpec, large: string[], render: (spec: WorkbookSpec) => Promise<Uint8Array>, options: FastWriteOptions = {}): Promise<Uint8Array> {
  const big = new Set(large);
  const names = Object.keys(spec.styles);
  const newPart = options.compressor ?? streamCompressor;
  const light: WorkbookSpec = {
    ...spec,
    sheets: [
      ...spec.sheets.map((s) => {
        if (!big.has(s.name)) return s;
        const filter = s.autoFilter ?? (s.tables && s.tables.length ? s.tables[0].range : undefined);
        return { ...s, blocks: [], rows: [], tables: [], autoFilter: filter };
      }),
      { name: PROBE, state: 'veryHidden', columns: [], blocks: [{ at: 'A1', rows: names.map((n) => [{ v: n, s: n }]) }], formats: [], merges: [], validations: [], conditionalFormats: [] },
    ],
  };
  const entries = await unzip(await render(light));
  const files = new Map(entries.map((e) => [e.name, e.data]));
  const parts = sheetParts(files);
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  // Style name → its cell markup (cellXfs index from the probe sheet).
  const styles = new Map<string, StyleTags>();
  const probe = dec.decode(files.get(parts.get(PROBE)!));
  for (const m of probe.matchAll(/<c\b([^>]*?)\/?>/g)) {
    const r = /\br="A(\d+)"/.exec(m[1]);
    if (!r) continue;
    const s = /\bs="(\d+)"/.exec(m[1]);
    const idx = s ? Number(s[1]) : 0;
    styles.set(names[Number(r[1]) - 1], styleTags(idx));
  }
  const sstXml = files.has('xl/sharedStrings.xml') ? dec.decode(files.get('xl/sharedStrings.xml')) : null;
  const sstBase = sstXml ? (sstXml.match(/<si>|<si\/>/g) ?? []).length : 0;
  const strings = new Strings(sstBase);
  // The 1 MB chunks of every part, reused once compressed.
  const pool = new ChunkPool();
  const out: { name: string; part: Promise<{ data: Uint8Array[]; crc: number; size: number }> }[] = [];
  const whole = (name: string, data: Uint8Array) => {
    const c = newPart();
    c.write(data);
    out.push({ name, part: c.end() });
  };
  for (const e of entries) {
    if (e.name === 'xl/sharedStrings.xml') continue;
    const sheet = spec.sheets.find((s) => big.has(s.name) && parts.get(s.name) === e.name);
    if (!sheet) {
      let data = e.data;
      // Register the new shared strings part when excelts wrote none.
      if (!sstXml && e.name === '[Content_Types].xml') data = enc.encode(dec.decode(data).replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'));
      if (!sstXml && e.name === 'xl/_rels/workbook.xml.rels') data = enc.encode(dec.decode(data).replace('</Relationships>', '<Relationship Id="rIdFastSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'));
      whole(e.name, data);
      continue;
    }
    const xml = dec.decode(e.data);
    const m = /<sheetData\s*\/>|<sheetData\b[^>]*>[\s\S]*?<\/sheetData>/.exec(xml);
    if (!m) throw new Error(`fastWrite: no sheetData in ${e.name}`);
    const lazy = options.lazy?.get(sheet.name) ?? [];
    const range = usedRange(sheet, lazy);
    const c = newPart();
    const head = xml.slice(0, m.index).replace(/<dimension ref="[^"]*"\s*\/>/, `<dimension ref="A1:${colLetter(range.lastCol)}${range.lastRow}"/>`);
    c.write(enc.encode(head));
    // Rows go to the compressor chunk by chunk as they are written.
    const sink = new ByteSink((chunk, release) => c.write(chunk, release), pool);
    writeSheetData(sink, sheet, lazy, styles, strings);
    sink.text(xml.slice(m.index + m[0].length));
    sink.end();
    out.push({ name: e.name, part: c.end() });
  }
  // Shared strings: excelts' first, then ours.
  const total = sstBase + strings.added.length;
  const headEnd = sstXml ? sstXml.indexOf('>', sstXml.indexOf('<sst')) + 1 : 0;
  const sstHead = sstXml
    ? sstXml.slice(0, headEnd).replace(/\scount="\d+"/, '').replace(/\suniqueCount="\d+"/, '').replace(/>$/, ` count="${total}" uniqueCount="${total}">`)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${total}" uniqueCount="${total}">`;
  const sstBody = sstXml ? sstXml.slice(headEnd, sstXml.lastIndexOf('</sst>')) : '';
  {
    const c = newPart();
    const sink = new ByteSink((chunk, release) => c.write(chunk, release), pool);
    sink.text(sstHead + sstBody);
    for (const str of strings.added) {
      sink.ascii('<si><t xml:space="preserve">');
      sink.text(xmlText(fitCellText(str)));
      sink.ascii('</t></si>');
    }
    sink.ascii('</sst>');
    sink.end();
    out.push({ name: 'xl/sharedStrings.xml', part: c.end() });
  }
  return zip(out);
}
