/**
 * Give each sheet's VML drawing (the shapes of its cell notes) its own shape-id blocks.
 *
 * A VML part reserves blocks of 1024 shape ids with `<o:idmap data="…">`; a shape `_x0000_sN`
 * belongs to block ⌊N / 1024⌋. Excel expects the blocks of a workbook's VML parts not to overlap
 * and every shape id to lie in its part's blocks. excelts writes `data="1"` and ids from 1025 in
 * every part, so notes on two sheets collide. This rewrites each VML part in turn: the part gets
 * the next free blocks (enough for its shapes) and its shapes are numbered from the first of them.
 *
 * Only VML parts change; nothing refers to these ids from outside the part in what we write
 * (notes only: no form controls, whose `shapeId` would point here). Bytes in, bytes out.
 */
import { editZip, unzip } from '@cj-tech-master/excelts/archive';

const SHAPE_ID = /(\s(?:id|o:spid)=")_x0000_s(\d+)(")/g;

/** One VML part's text renumbered from `firstBlock`; `next` is the first block it leaves free. */
export function renumberVml(xml: string, firstBlock: number): { xml: string; next: number } {
  let n = 0;
  // ids of the part, in document order → new ids (o:spid and id of one shape may both say it)
  const map = new Map<string, number>();
  for (const m of xml.matchAll(SHAPE_ID)) if (!map.has(m[2])) map.set(m[2], firstBlock * 1024 + 1 + n++);
  const blocks = Math.max(1, Math.ceil((n + 1) / 1024));
  const data = Array.from({ length: blocks }, (_, i) => firstBlock + i).join(',');
  const out = xml
    .replace(/(<o:idmap\b[^>]*\sdata=")[^"]*(")/, `$1${data}$2`)
    .replace(SHAPE_ID, (_, a: string, id: string, b: string) => `${a}_x0000_s${map.get(id)}${b}`);
  return { xml: out, next: firstBlock + blocks };
}

const byNumber = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Rewrite the VML parts of a workbook so that no two reserve the same block or use the same id. */
export async function separateVmlIds(bytes: Uint8Array): Promise<Uint8Array> {
  const editor = await editZip(bytes);
  const parts = editor
    .getEntries()
    .map((e) => e.path)
    .filter((p) => /\.vml$/i.test(p))
    .sort(byNumber);
  if (!parts.length) return bytes;
  const reader = unzip(bytes);
  let block = 1;
  for (const p of parts) {
    const raw = await reader.bytes(p);
    if (!raw) continue;
    const { xml, next } = renumberVml(new TextDecoder('utf-8').decode(raw), block);
    block = next;
    editor.set(p, new TextEncoder().encode(xml));
  }
  return editor.bytes();
}
