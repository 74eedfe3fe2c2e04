/**
 * Crafted workbooks, as an attacker (or a broken tool) would make them: a good generated submission
 * with its zip parts edited. Each crafted file is built from the bytes of a valid workbook, so the
 * rest of it is what our own generator writes.
 */
import { deflateRawSync, constants as zc } from 'zlib';
import { sheetPaths, zipParts } from './zipParts';
import { zipWrite } from './zipWrite';
import type { ZipEntry } from './zipWrite';

export type Parts = Map<string, Buffer>;

/** Edit the parts of a workbook: `edit` changes the map in place (or returns entries for a raw zip). */
export function editParts(bytes: Uint8Array, edit: (parts: Parts, paths: Map<string, string>) => void | ZipEntry[]): Uint8Array {
  const parts = zipParts(bytes);
  const paths = sheetPaths(parts);
  const entries = edit(parts, paths);
  if (entries) return zipWrite(entries);
  return zipWrite([...parts].map(([name, data]) => ({ name, data })));
}

/** Edit one sheet's XML by its name. */
export function editSheet(bytes: Uint8Array, sheet: string, edit: (xml: string) => string): Uint8Array {
  return editParts(bytes, (parts, paths) => {
    const p = paths.get(sheet);
    if (!p) throw new Error(`no sheet ${sheet}`);
    parts.set(p, Buffer.from(edit(parts.get(p)!.toString('utf8')), 'utf8'));
  });
}

/** XML rows appended at the end of <sheetData>. */
export function appendRows(xml: string, rows: string): string {
  const i = xml.indexOf('</sheetData>');
  if (i < 0) throw new Error('no </sheetData>');
  return xml.slice(0, i) + rows + xml.slice(i);
}

/** One inline-string cell in its row. */
export function textRow(ref: string, text: string): string {
  const row = /\d+$/.exec(ref)?.[0] ?? '1';
  return `<row r="${row}"><c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c></row>`;
}

/** A cell reference beyond (or far beyond) Excel's grid, holding text. */
export function refBeyondGrid(bytes: Uint8Array, sheet: string, ref: string): Uint8Array {
  return editSheet(bytes, sheet, (xml) => appendRows(xml, textRow(ref, 'x')));
}

/** `n` task rows appended to the sheet from row `from` (code and name only). */
export function manyRows(bytes: Uint8Array, sheet: string, n: number, from: number): Uint8Array {
  return editSheet(bytes, sheet, (xml) => {
    const rows: string[] = [];
    for (let k = 0; k < n; k++) {
      const r = from + k;
      rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>X${k}</t></is></c><c r="C${r}" t="inlineStr"><is><t>任务${k}</t></is></c></row>`);
    }
    return appendRows(xml, rows.join(''));
  });
}

/** One merged range added to the sheet (e.g. "A1:XFD1048576"). */
export function bigMerge(bytes: Uint8Array, sheet: string, ref: string): Uint8Array {
  return editSheet(bytes, sheet, (xml) => {
    if (xml.includes('<mergeCells')) return xml.replace(/<mergeCells count="(\d+)">/, (_, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="${ref}"/>`);
    return xml.replace('</sheetData>', `</sheetData><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`);
  });
}

/** A row the fast reader parses (the same cell again and again): a bomb that is read, not refused as damaged. */
export const SAME_CELL_ROW = '<row r="60"><c r="A60" t="inlineStr"><is><t>AAAAAAAAAAAAAAAA</t></is></c></row>';

/**
 * Raw-deflate `total` bytes of one repeated chunk, streamed (never the whole text in memory): the
 * compressed bytes of a zip bomb. Level 9: ~1000:1.
 */
export function deflateRepeated(head: string, chunk: string, total: number, tail: string): Uint8Array {
  const d = deflateRawSync;
  // zlib has no incremental sync API here: deflate a block of chunks once and repeat it with full
  // flushes, so the pieces concatenate into one stream.
  const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor((1 << 20) / chunk.length))), 'utf8');
  const flush = { level: 9, finishFlush: zc.Z_FULL_FLUSH };
  const pieces: Buffer[] = [d(Buffer.from(head, 'utf8'), flush)];
  const blockZ = d(block, flush);
  const n = Math.floor((total - head.length - tail.length) / block.length);
  for (let k = 0; k < n; k++) pieces.push(blockZ);
  pieces.push(d(Buffer.from(tail, 'utf8'), { level: 9 }));
  return new Uint8Array(Buffer.concat(pieces));
}

/**
 * A zip bomb: the task sheet replaced by one that inflates to about `total` bytes of valid rows
 * (each row the same cell), declared with its real size or a lie.
 */
export function zipBomb(bytes: Uint8Array, sheet: string, total: number, opts: { declaredSize?: number; chunk?: string } = {}): Uint8Array {
  return editParts(bytes, (parts, paths) => {
    const p = paths.get(sheet)!;
    const xml = parts.get(p)!.toString('utf8');
    const head = xml.slice(0, xml.indexOf('</sheetData>'));
    const tail = xml.slice(xml.indexOf('</sheetData>'));
    const chunk = opts.chunk ?? '<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAA</t></is></c></row>';
    const raw = deflateRepeated(head, chunk, total, tail);
    const h = Buffer.byteLength(head), t = Buffer.byteLength(tail);
    const block = Math.max(1, Math.floor((1 << 20) / chunk.length)) * chunk.length;
    const size = h + t + Math.floor((total - head.length - tail.length) / block) * block;
    return [...parts].map(([name, data]): ZipEntry => (name === p ? { name, data: '', raw, size: opts.declaredSize ?? Math.min(size, 0xffffffff) } : { name, data }));
  });
}

/** An XML entity declaration (a DOCTYPE) at the head of a part ("billion laughs" style when `laughs`). */
export function entityDeclaration(bytes: Uint8Array, partPath: string, laughs = false): Uint8Array {
  return editParts(bytes, (parts) => {
    const xml = parts.get(partPath)!.toString('utf8');
    const dtd = laughs
      ? '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
      : '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>';
    const at = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
    parts.set(partPath, Buffer.from(xml.slice(0, at) + dtd + xml.slice(at), 'utf8'));
  });
}

/** Excel's grid. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLS = 16_384;

/**
 * A submission with `n` more tasks: the sheet's first filled task row (row 5 of a generated and
 * filled workbook) copied n times after the last row, each with its own task code (a stress file:
 * 100,000 tasks is far past any real plan).
 */
export function manyTasks(bytes: Uint8Array, sheet: string, n: number): Uint8Array {
  return editSheet(bytes, sheet, (xml) => {
    const row = /<row r="5"[^>]*>.*?<\/row>/.exec(xml)![0];
    const last = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
    const rows: string[] = [];
    for (let k = 0; k < n; k++) {
      const r = last + 1 + k;
      rows.push(
        row
          .replace(/<row r="5"/, `<row r="${r}"`)
          .replace(/ r="([A-Z]+)5"/g, (_, c: string) => ` r="${c}${r}"`)
          .replace(/\$A5\b/g, `$A${r}`)
          .replace(/<c r="A\d+"([^>]*?) t="s"><v>\d+<\/v><\/c>/, `<c r="A${r}"$1 t="inlineStr"><is><t>T${String(k).padStart(6, '0')}</t></is></c>`),
      );
    }
    return appendRows(xml, rows.join(''));
  });
}
