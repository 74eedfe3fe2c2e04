/**
 * A seeded generator of hostile workbooks: mutations of one of our own generated submissions —
 * truncated, bytes flipped, zip entries duplicated, dropped or swapped, sizes lied about, huge or odd
 * cell references, deep XML nesting, entity declarations, oversize attributes, absurd numbers.
 * The same seed gives the same bytes.
 */
import { sheetPaths, zipParts } from '../helpers/zipParts';
import { zipWrite } from '../helpers/zipWrite';
import type { ZipEntry } from '../helpers/zipWrite';
import { appendRows, textRow } from '../helpers/hostileFiles';

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

const ODD_REFS = ['A0', 'A1048577', 'XFE1', 'XFD1048576', 'ZZZZZZ5', 'A99999999', 'A4294967295', 'A99999999999999999999', 'AAAAAAAAAAAAAAAAAAAA1', 'a1', 'A1.5', 'A-1', '1A', '$A$1', 'A１', ''];
const ODD_NUMBERS = ['1e308', '-1e308', '1e309', 'NaN', '-0', 'Infinity', '9007199254740993', '0x10', '1e-400', '１２３'];

type Parts = Map<string, Buffer>;

function sheetOf(r: Rand, parts: Parts): string {
  const paths = [...sheetPaths(parts).values()].filter((p) => parts.has(p));
  return pick(r, paths);
}

function editText(parts: Parts, path: string, f: (xml: string) => string): void {
  parts.set(path, Buffer.from(f(parts.get(path)!.toString('utf8')), 'utf8'));
}

/** Part-level mutations (the zip is written again, sound). */
const PART_MUTATIONS: Record<string, (r: Rand, parts: Parts) => void | ZipEntry[]> = {
  dropEntry: (r, parts) => {
    parts.delete(pick(r, [...parts.keys()]));
  },
  duplicateEntry: (r, parts) => {
    const names = [...parts.keys()];
    const dup = pick(r, names);
    const entries: ZipEntry[] = names.map((n) => ({ name: n, data: parts.get(n)! }));
    entries.splice(int(r, entries.length + 1), 0, { name: dup, data: r() < 0.5 ? parts.get(dup)! : parts.get(pick(r, names))! });
    return entries;
  },
  swapParts: (r, parts) => {
    const names = [...parts.keys()];
    const a = pick(r, names), b = pick(r, names);
    const x = parts.get(a)!;
    parts.set(a, parts.get(b)!);
    parts.set(b, x);
  },
  oddRef: (r, parts) => {
    const ref = pick(r, ODD_REFS);
    editText(parts, sheetOf(r, parts), (xml) => (xml.includes('</sheetData>') ? appendRows(xml, textRow(ref, 'x')) : xml));
  },
  oddRefInPlace: (r, parts) => {
    const ref = pick(r, ODD_REFS);
    editText(parts, sheetOf(r, parts), (xml) => {
      const refs = [...xml.matchAll(/<c r="([A-Z]+\d+)"/g)];
      if (!refs.length) return xml;
      const m = pick(r, refs);
      return xml.slice(0, m.index!) + `<c r="${ref}"` + xml.slice(m.index! + m[0].length);
    });
  },
  oddNumber: (r, parts) => {
    editText(parts, sheetOf(r, parts), (xml) => {
      const vs = [...xml.matchAll(/<v>[^<]*<\/v>/g)];
      if (!vs.length) return xml;
      const m = pick(r, vs);
      return xml.slice(0, m.index!) + `<v>${pick(r, ODD_NUMBERS)}</v>` + xml.slice(m.index! + m[0].length);
    });
  },
  deepNesting: (r, parts) => {
    const n = 1000 + int(r, 200_000);
    editText(parts, sheetOf(r, parts), (xml) => {
      const at = xml.indexOf('<sheetData>');
      if (at < 0) return xml;
      const i = at + '<sheetData>'.length;
      return xml.slice(0, i) + '<row r="1"><c r="A1" t="inlineStr"><is>' + '<r>'.repeat(n) + '<t>x</t>' + '</r>'.repeat(n) + '</is></c></row>' + xml.slice(i);
    });
  },
  entity: (r, parts) => {
    const path = pick(r, [...parts.keys()].filter((p) => p.endsWith('.xml')));
    editText(parts, path, (xml) => {
      const at = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
      return xml.slice(0, at) + '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + xml.slice(at).replace(/<t>([^<]*)<\/t>/, '<t>&b;</t>');
    });
  },
  oversizeAttribute: (r, parts) => {
    const size = 1000 + int(r, 5_000_000);
    const path = r() < 0.5 ? sheetOf(r, parts) : pick(r, [...parts.keys()].filter((p) => p.endsWith('.xml')));
    editText(parts, path, (xml) => {
      const tags = [...xml.matchAll(/<(c|row|sheet|si|xf|Relationship|worksheet|workbook|sst)\b/g)];
      if (!tags.length) return xml;
      const m = pick(r, tags);
      const at = m.index! + m[0].length;
      return xml.slice(0, at) + ` x="${'A'.repeat(size)}"` + xml.slice(at);
    });
  },
  junkSlice: (r, parts) => {
    const path = pick(r, [...parts.keys()]);
    const b = Buffer.from(parts.get(path)!);
    const at = int(r, Math.max(1, b.length));
    const len = 1 + int(r, 64);
    for (let k = 0; k < len && at + k < b.length; k++) b[at + k] = pick(r, [0x3c, 0x3e, 0x22, 0x26, 0x00, 0xff, 0x2f, int(r, 256)]);
    parts.set(path, b);
  },
  manySharedStrings: (r, parts) => {
    if (!parts.has('xl/sharedStrings.xml')) return;
    const n = 10_000 + int(r, 300_000);
    editText(parts, 'xl/sharedStrings.xml', (xml) => xml.replace('</sst>', '<si><t>x</t></si>'.repeat(n) + '</sst>'));
  },
  mergeAll: (r, parts) => {
    const ref = pick(r, ['A1:XFD1048576', 'A1:A1', 'B2:A1', 'A1:ZZZZZZ99999999', 'A1:XFD1048576']);
    const reps = 1 + int(r, 5000);
    editText(parts, sheetOf(r, parts), (xml) => xml.replace('</sheetData>', `</sheetData><mergeCells count="${reps}">${`<mergeCell ref="${ref}"/>`.repeat(reps)}</mergeCells>`));
  },
  lyingSize: (r, parts) => {
    const names = [...parts.keys()];
    const liar = pick(r, names);
    const declared = pick(r, [0, 1, 100, 0xffffffff, 0x7fffffff, int(r, 1e9)]);
    return names.map((n) => ({ name: n, data: parts.get(n)!, ...(n === liar ? { declaredSize: declared } : {}) }));
  },
};

/** Byte-level mutations of the zip itself. */
const BYTE_MUTATIONS: Record<string, (r: Rand, b: Uint8Array) => Uint8Array> = {
  truncate: (r, b) => b.slice(0, int(r, b.length)),
  flipBytes: (r, b) => {
    const out = b.slice();
    const n = 1 + int(r, 20);
    for (let k = 0; k < n; k++) out[int(r, out.length)] ^= 1 << int(r, 8);
    return out;
  },
  flipDirectory: (r, b) => {
    // bytes of the central directory (last ~2 KB): sizes, offsets, counts
    const out = b.slice();
    const n = 1 + int(r, 6);
    for (let k = 0; k < n; k++) out[out.length - 1 - int(r, Math.min(out.length, 2048))] = int(r, 256);
    return out;
  },
};

export const MUTATIONS = [...Object.keys(PART_MUTATIONS), ...Object.keys(BYTE_MUTATIONS)];

/** Case `seed`: a mutation picked by the seed, applied to the good bytes. */
export function mutate(good: Uint8Array, seed: number): { kind: string; bytes: Uint8Array } {
  const r = rng(seed);
  const kind = MUTATIONS[seed % MUTATIONS.length];
  if (kind in BYTE_MUTATIONS) return { kind, bytes: BYTE_MUTATIONS[kind](r, good) };
  const parts = zipParts(good);
  const entries = PART_MUTATIONS[kind](r, parts);
  return { kind, bytes: zipWrite(entries ?? [...parts].map(([name, data]) => ({ name, data }))) };
}
