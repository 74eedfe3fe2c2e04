/**
 * Which work point does a piece of text fit? Character n-grams (unigrams + bigrams) weighted by
 * TF-IDF, compared by cosine. No network, no model: the index is built from the catalog's own text
 * (each point's title, counted twice, plus its full text and measures).
 *
 * Tokens are numbers, not strings: a unigram is its UTF-16 code; a bigram is (c1 + 1) · 65536 + c2.
 */
import type { Catalog } from './types';
import { REGION_PLACEHOLDER } from './types';

interface Doc {
  /** Point number (for point docs) or measure index (for measure docs). */
  id: number;
  weights: Map<number, number>;
  norm: number;
}

export interface PointIndex {
  /** Dense id of every token of the point docs; idf and bigram boost by dense id. */
  tokenId: Map<number, number>;
  idfById: Float64Array;
  boostById: Float64Array;
  /** Postings by dense id: doc indexes and normalised weights. */
  postDocs: Int32Array[];
  postWeights: Float64Array[];
  /** Dense lookup tables (null when the catalog has too many distinct characters): char → small id, token ids by id. */
  dense: { charId: Uint16Array; width: number; uni: Int32Array; bi: Int32Array; idfBoost: Float64Array } | null;
  /** Scratch space for queries (single-threaded). */
  scratch: { counts: Int32Array; touched: Int32Array; unseen: Map<number, number> };
  /** idf by token. */
  idf: Map<number, number>;
  /** Postings: token → [docIndex, weight, docIndex, weight, …] over point docs. */
  postings: Map<number, number[]>;
  points: Doc[];
  /** Measure docs per point number, for measure-level questions (which committee of point 15?). */
  measures: Map<number, { index: number; committeeId: string | null; doc: Doc }[]>;
}

export interface PointSuggestion {
  point: number;
  /** Cosine similarity in [0, 1]. */
  score: number;
}

/** Characters that carry no meaning for matching: punctuation, spaces, quotes. */
const SKIP = new Set(Array.from(' \t\r\n\u3000\u00a0，,。.、；;：:！!？?“”"‘’\'（）()《》<>【】[]「」『』—-_·…/\\|*#@%&+=~`^$0123456789０１２３４５６７８９'));
/** Very common function characters: kept in bigrams, dropped as unigrams. */
const STOP_UNI = new Set(Array.from('的和与及等在对为了是有将把被由于并其之以从向中上下个一'));
/** 0 = token character, 1 = skip, 2 = bigram only (stop unigram); by UTF-16 code after folding. */
export const CLASS = new Uint8Array(65536);
for (const ch of SKIP) CLASS[ch.charCodeAt(0)] = 1;
for (const ch of STOP_UNI) CLASS[ch.charCodeAt(0)] = 2;
for (let c = 0; c < 32; c++) CLASS[c] = 1;

/** Token counts of a text. */
export function tokenCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const s = text.split(REGION_PLACEHOLDER).join('');
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII → half-width
    if (c >= 65 && c <= 90) c += 32; // lower case
    const cls = CLASS[c];
    if (cls === 1) {
      prev = -1;
      continue;
    }
    if (cls === 0) counts.set(c, (counts.get(c) ?? 0) + 1);
    if (prev >= 0) {
      const b = (prev + 1) * 65536 + c;
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    prev = c;
  }
  return counts;
}

function weigh(counts: Map<number, number>, idf: Map<number, number>, defaultIdf: number): Doc {
  const weights = new Map<number, number>();
  let sq = 0;
  for (const [tok, n] of counts) {
    const w = (1 + Math.log(n)) * (idf.get(tok) ?? defaultIdf) * (tok >= 65536 ? 1.5 : 1);
    weights.set(tok, w);
    sq += w * w;
  }
  return { id: 0, weights, norm: Math.sqrt(sq) || 1 };
}

function pointText(p: Catalog['points'][number]): string {
  return `${p.title}。${p.title}。${p.text}`;
}

/** Build the index over the catalog's points (title ×2 + text) and their measures. */
export function buildPointIndex(catalog: Pick<Catalog, 'points'>): PointIndex {
  const docCounts = catalog.points.map((p) => tokenCounts(pointText(p)));
  const df = new Map<number, number>();
  for (const c of docCounts) for (const tok of c.keys()) df.set(tok, (df.get(tok) ?? 0) + 1);
  const N = docCounts.length || 1;
  const idf = new Map<number, number>();
  for (const [tok, n] of df) idf.set(tok, Math.log(1 + N / n));
  const unseen = Math.log(1 + N); // a token no point has: as rare as can be, but it matches nothing
  const points = docCounts.map((c, i) => {
    const d = weigh(c, idf, unseen);
    d.id = catalog.points[i].number;
    return d;
  });
  const postings = new Map<number, number[]>();
  points.forEach((d, i) => {
    for (const [tok, w] of d.weights) {
      let list = postings.get(tok);
      if (!list) postings.set(tok, (list = []));
      list.push(i, w / d.norm);
    }
  });
  const measures = new Map<number, { index: number; committeeId: string | null; doc: Doc }[]>();
  for (const p of catalog.points) {
    measures.set(
      p.number,
      p.measures.map((m) => {
        const d = weigh(tokenCounts(m.text), idf, unseen);
        d.id = m.index;
        return { index: m.index, committeeId: m.committeeId, doc: d };
      }),
    );
  }
  const tokenId = new Map<number, number>();
  const idfById = new Float64Array(idf.size);
  const boostById = new Float64Array(idf.size);
  const postDocs: Int32Array[] = [];
  const postWeights: Float64Array[] = [];
  for (const [tok, v] of idf) {
    const id = tokenId.size;
    tokenId.set(tok, id);
    idfById[id] = v;
    boostById[id] = tok >= 65536 ? 1.5 : 1;
    const list = postings.get(tok) ?? [];
    const docs = new Int32Array(list.length / 2);
    const ws = new Float64Array(list.length / 2);
    for (let i = 0; i < list.length; i += 2) {
      docs[i / 2] = list[i];
      ws[i / 2] = list[i + 1];
    }
    postDocs.push(docs);
    postWeights.push(ws);
  }
  const scratch = { counts: new Int32Array(idf.size), touched: new Int32Array(idf.size), unseen: new Map<number, number>() };
  // Dense tables: catalog characters get small ids; unigram and bigram token ids are then plain array lookups.
  const charId = new Uint16Array(65536);
  let nChars = 0;
  for (const tok of idf.keys()) if (tok < 65536 && charId[tok] === 0) charId[tok] = ++nChars;
  for (const tok of idf.keys()) {
    if (tok < 65536) continue;
    const a = Math.floor(tok / 65536) - 1, b = tok % 65536;
    for (const c of [a, b]) if (charId[c] === 0) charId[c] = ++nChars;
  }
  let dense: PointIndex['dense'] = null;
  if (nChars < 4096) {
    const width = nChars + 1;
    const uni = new Int32Array(width).fill(-1);
    const bi = new Int32Array(width * width).fill(-1);
    for (const [tok, id] of tokenId) {
      if (tok < 65536) uni[charId[tok]] = id;
      else bi[charId[Math.floor(tok / 65536) - 1] * width + charId[tok % 65536]] = id;
    }
    const idfBoost = new Float64Array(idf.size);
    for (let id = 0; id < idf.size; id++) idfBoost[id] = idfById[id] * boostById[id];
    dense = { charId, width, uni, bi, idfBoost };
  }
  return { idf, postings, points, measures, tokenId, idfById, boostById, postDocs, postWeights, scratch, dense };
}

/** Query weights (same weighting as documents); norm of the query. */
function queryOf(index: PointIndex, text: string): { weights: Map<number, number>; norm: number } {
  const counts = tokenCounts(text);
  const unseen = Math.log(1 + (index.points.length || 1));
  const d = weigh(counts, index.idf, unseen);
  return d;
}

/** Cosine score of `text` against every point, in point order. */
export function scoreAllPoints(index: PointIndex, text: string): Float64Array {
  const scores = new Float64Array(index.points.length);
  if (!text) return scores;
  if (index.dense) return scoreDense(index, index.dense, text, scores);
  const { counts, touched, unseen } = index.scratch;
  const tokenId = index.tokenId;
  let nt = 0;
  unseen.clear();
  const s = text.indexOf(REGION_PLACEHOLDER) >= 0 ? text.split(REGION_PLACEHOLDER).join('') : text;
  const add = (tok: number) => {
    const id = tokenId.get(tok);
    if (id === undefined) unseen.set(tok, (unseen.get(tok) ?? 0) + 1);
    else if (counts[id]++ === 0) touched[nt++] = id;
  };
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 65 && c <= 90) c += 32;
    const cls = CLASS[c];
    if (cls === 1) {
      prev = -1;
      continue;
    }
    if (cls === 0) add(c);
    if (prev >= 0) add((prev + 1) * 65536 + c);
    prev = c;
  }
  const unseenIdf = Math.log(1 + (index.points.length || 1));
  let sq = 0;
  for (const [tok, n] of unseen) {
    const w = (1 + Math.log(n)) * unseenIdf * (tok >= 65536 ? 1.5 : 1);
    sq += w * w;
  }
  const { idfById, boostById } = index;
  for (let k = 0; k < nt; k++) {
    const id = touched[k];
    const n = counts[id];
    const w = (n < TF_TABLE.length ? TF_TABLE[n] : 1 + Math.log(n)) * idfById[id] * boostById[id];
    sq += w * w;
    const docs = index.postDocs[id], ws = index.postWeights[id];
    for (let j = 0; j < docs.length; j++) scores[docs[j]] += w * ws[j];
    counts[id] = 0;
  }
  const norm = Math.sqrt(sq) || 1;
  for (let i = 0; i < scores.length; i++) scores[i] /= norm;
  return scores;
}

/**
 * The k points that fit `text` best, best first (ties: lower point number first). Empty text → [].
 * `among`: only these points (e.g. those of the workbook's committee).
 */
export function suggestPoints(index: PointIndex, text: string, k = 3, among?: ReadonlySet<number>): PointSuggestion[] {
  const scores = scoreAllPoints(index, text);
  const out: PointSuggestion[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] > 0 && (!among || among.has(index.points[i].id))) out.push({ point: index.points[i].id, score: round4(scores[i]) });
  out.sort((a, b) => b.score - a.score || a.point - b.point);
  return out.slice(0, Math.max(0, k));
}

/** Score of `text` against one point (0 when the point is not in the index). */
export function scorePoint(index: PointIndex, text: string, point: number): number {
  const i = index.points.findIndex((d) => d.id === point);
  if (i < 0) return 0;
  return round4(scoreAllPoints(index, text)[i]);
}

/** The measures of `point` that fit `text` best, best first. */
export function suggestMeasures(index: PointIndex, text: string, point: number, k = 3): { index: number; committeeId: string | null; score: number }[] {
  const ms = index.measures.get(point);
  if (!ms || !text) return [];
  const tables = measureTablesOf(index, point);
  if (!tables) return suggestMeasuresByMaps(index, text, point, k);
  const q = queryTokens(index, text);
  const out = tables.map((m) => {
    // The same sum, in the same order, as suggestMeasuresByMaps: the query's tokens in first-occurrence order.
    let dot = 0;
    const ids = m.ids, ws = m.ws;
    for (let s = 0; s < q.n; s++) {
      const id = q.ids[s];
      if (id < 0) continue;
      let lo = 0, hi = ids.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const x = ids[mid];
        if (x === id) {
          dot += q.w[s] * ws[mid];
          break;
        }
        if (x < id) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return { index: m.index, committeeId: m.committeeId, score: round4(dot / (q.norm * m.norm)) };
  });
  out.sort((a, b) => b.score - a.score || a.index - b.index);
  return out.slice(0, Math.max(0, k));
}

/** suggestMeasures with maps (the reference; used when a measure has a token no point has). */
export function suggestMeasuresByMaps(index: PointIndex, text: string, point: number, k = 3): { index: number; committeeId: string | null; score: number }[] {
  const ms = index.measures.get(point);
  if (!ms || !text) return [];
  const q = queryOf(index, text);
  const out = ms.map((m) => {
    let dot = 0;
    for (const [tok, w] of q.weights) {
      const mw = m.doc.weights.get(tok);
      if (mw !== undefined) dot += w * mw;
    }
    return { index: m.index, committeeId: m.committeeId, score: round4(dot / (q.norm * m.doc.norm)) };
  });
  out.sort((a, b) => b.score - a.score || a.index - b.index);
  return out.slice(0, Math.max(0, k));
}

/** A measure doc as arrays: its token ids (ascending) and their weights; its norm. */
interface MeasureTable {
  index: number;
  committeeId: string | null;
  ids: Int32Array;
  ws: Float64Array;
  norm: number;
}

/** Per index, per point: its measures as arrays (null when a measure has a token no point has), built on first use. */
const measureTables = new WeakMap<PointIndex, Map<number, MeasureTable[] | null>>();
function measureTablesOf(index: PointIndex, point: number): MeasureTable[] | null {
  let byPoint = measureTables.get(index);
  if (!byPoint) measureTables.set(index, (byPoint = new Map()));
  let tables = byPoint.get(point);
  if (tables !== undefined) return tables;
  tables = [];
  for (const m of index.measures.get(point) ?? []) {
    const pairs: [number, number][] = [];
    for (const [tok, w] of m.doc.weights) {
      const id = index.tokenId.get(tok);
      if (id === undefined) {
        tables = null;
        break;
      }
      pairs.push([id, w]);
    }
    if (!tables) break;
    pairs.sort((a, b) => a[0] - b[0]);
    tables.push({ index: m.index, committeeId: m.committeeId, ids: Int32Array.from(pairs, (p) => p[0]), ws: Float64Array.from(pairs, (p) => p[1]), norm: m.doc.norm });
  }
  byPoint.set(point, tables);
  return tables;
}

/** Per index: a token's slot in the query being read (−1 when none), by dense id. */
const slotScratch = new WeakMap<PointIndex, Int32Array>();

/**
 * A query's tokens as queryOf weighs them, without maps: per token in first-occurrence order (as
 * tokenCounts' map holds them) its dense id (−1 for a token no point has) and weight, and the norm.
 */
function queryTokens(index: PointIndex, text: string): { n: number; ids: number[]; w: number[]; norm: number } {
  let slotOf = slotScratch.get(index);
  if (!slotOf) slotScratch.set(index, (slotOf = new Int32Array(index.idfById.length).fill(-1)));
  const ids: number[] = [];
  const toks: number[] = [];
  const counts: number[] = [];
  /** Slots of the tokens no point has (few per text: found by a scan, no map). */
  const unseen: number[] = [];
  const tokenId = index.tokenId;
  const dense = index.dense;
  /** Count token `tok` (its dense id `known` when already looked up, −2 when not). */
  const add = (tok: number, known: number) => {
    const id = known !== -2 ? known : tokenId.get(tok) ?? -1;
    let slot = -1;
    if (id < 0) {
      for (let u = 0; u < unseen.length; u++)
        if (toks[unseen[u]] === tok) {
          slot = unseen[u];
          break;
        }
    } else slot = slotOf[id];
    if (slot >= 0) counts[slot]++;
    else {
      slot = ids.length;
      ids.push(id);
      toks.push(tok);
      counts.push(1);
      if (id < 0) unseen.push(slot);
      else slotOf[id] = slot;
    }
  };
  const s = text.indexOf(REGION_PLACEHOLDER) >= 0 ? text.split(REGION_PLACEHOLDER).join('') : text;
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 65 && c <= 90) c += 32;
    const cls = CLASS[c];
    if (cls === 1) {
      prev = -1;
      continue;
    }
    if (dense) {
      // Dense ids by array lookups (a character the catalog does not have: no token of it is known).
      const ci = dense.charId[c];
      if (cls === 0) add(c, ci ? dense.uni[ci] : -1);
      if (prev >= 0) {
        const pi = dense.charId[prev];
        add((prev + 1) * 65536 + c, pi && ci ? dense.bi[pi * dense.width + ci] : -1);
      }
    } else {
      if (cls === 0) add(c, -2);
      if (prev >= 0) add((prev + 1) * 65536 + c, -2);
    }
    prev = c;
  }
  // weigh(): (1 + log n) × idf (a token no point has: log(1 + N)) × 1.5 for bigrams, summed in order.
  const unseenIdf = Math.log(1 + (index.points.length || 1));
  const w: number[] = new Array(ids.length);
  let sq = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (id >= 0) slotOf[id] = -1;
    const x = (1 + Math.log(counts[k])) * (id >= 0 ? index.idfById[id] : unseenIdf) * (toks[k] >= 65536 ? 1.5 : 1);
    w[k] = x;
    sq += x * x;
  }
  return { n: ids.length, ids, w, norm: Math.sqrt(sq) || 1 };
}

export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/**
 * The same cosine as scoreAllPoints' general path, with array lookups instead of maps. Tokens the
 * catalog does not have only add to the query norm; each of their occurrences is counted as its
 * own token (exact repeats of unseen tokens are rare in one task text).
 */
function scoreDense(index: PointIndex, dense: NonNullable<PointIndex['dense']>, text: string, scores: Float64Array): Float64Array {
  const { counts, touched } = index.scratch;
  const { charId, width, uni, bi } = dense;
  const unseenIdf = Math.log(1 + (index.points.length || 1));
  const unseenUni = unseenIdf * unseenIdf, unseenBi = unseenUni * 2.25;
  let nt = 0;
  let sq = 0;
  let prev = -1; // folded code of the previous token character, or -1
  let placeholder = text.indexOf(REGION_PLACEHOLDER);
  for (let i = 0; i < text.length; i++) {
    if (i === placeholder) {
      i += REGION_PLACEHOLDER.length - 1;
      placeholder = text.indexOf(REGION_PLACEHOLDER, i + 1);
      continue;
    }
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 65 && c <= 90) c += 32;
    const cls = CLASS[c];
    if (cls === 1) {
      prev = -1;
      continue;
    }
    const ci = charId[c];
    if (cls === 0) {
      const id = ci ? uni[ci] : -1;
      if (id < 0) sq += unseenUni;
      else if (counts[id]++ === 0) touched[nt++] = id;
    }
    if (prev >= 0) {
      const pi = charId[prev];
      const id = pi && ci ? bi[pi * width + ci] : -1;
      if (id < 0) sq += unseenBi;
      else if (counts[id]++ === 0) touched[nt++] = id;
    }
    prev = c;
  }
  const idfBoost = dense.idfBoost;
  for (let k = 0; k < nt; k++) {
    const id = touched[k];
    const n = counts[id];
    const w = (n < TF_TABLE.length ? TF_TABLE[n] : 1 + Math.log(n)) * idfBoost[id];
    sq += w * w;
    const docs = index.postDocs[id], ws = index.postWeights[id];
    for (let j = 0; j < docs.length; j++) scores[docs[j]] += w * ws[j];
    counts[id] = 0;
  }
  const norm = Math.sqrt(sq) || 1;
  for (let i = 0; i < scores.length; i++) scores[i] /= norm;
  return scores;
}

/** 1 + log(n) for small n. */
export const TF_TABLE = Float64Array.from({ length: 256 }, (_, n) => (n === 0 ? 0 : 1 + Math.log(n)));
