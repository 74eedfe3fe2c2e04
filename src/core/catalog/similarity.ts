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
const CLASS = new Uint8Array(65536);
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

function round4(x: number): number {
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
const TF_TABLE = Float64Array.from({ length: 256 }, (_, n) => (n === 0 ? 0 : 1 + Math.log(n)));

/**
 * Scores of task texts `name + "。" + content` against every point, as scoreAllPoints would give for
 * that joined text, but the content (which repeats: tasks are often written from the same measure)
 * is tokenised and scored once per distinct content. "。" breaks bigrams, so the token counts of the
 * joined text are the counts of the name plus the counts of the content; only the tokens the name
 * shares with the content need their weight re-done. One scorer per index (taskTextScorerOf), its
 * bounded caches emptied at the start of each validation run.
 */
export interface TaskTextScorer {
  /**
   * Scores (in point order) of `name` + "。" + the first `contentChars` characters of `content`.
   * Written into `out` when given (length = number of points; saves an allocation per call).
   */
  score(name: string, content: string, out?: Float64Array): Float64Array;
  /**
   * Could some point other than `own` (an index in point order; −1 for none) fit the text well
   * enough, i.e. score ≥ minScore and ≥ ratio × own's score + margin? False only when that is
   * provably impossible: a cheap upper bound on every other point's score (the content's best
   * other dot product plus, for each name token, its weight gain × its largest weight in any
   * point) is below both thresholds. True means "score it" (score() gives the exact answer).
   */
  mayFitOther(name: string, content: string, own: number, minScore: number, ratio: number, margin: number): boolean;
  /** Empty the per-content caches (they are valid for any text, and only bounded in size). */
  reset(): void;
  /** suggestMeasures(index, name + "。" + content, point, k), with array lookups. */
  measures(name: string, content: string, point: number, k: number): { index: number; committeeId: string | null; score: number }[];
}

interface ContentEntry {
  /** Token counts by dense id (a 160-character text has no count above 255). */
  counts: Uint8Array;
  /** Un-normalised dot products per point and the squared norm (seen and unseen tokens). */
  dots: Float64Array;
  sq: number;
  /** The largest dot product, its point index, and the largest of the others. */
  best1: number;
  best1Index: number;
  best2: number;
}

/** Bytes of cached content counts per scorer. */
const CONTENT_CACHE_BYTES = 4_000_000;

const scorers = new WeakMap<PointIndex, Map<number, TaskTextScorer>>();
/**
 * The scorer of an index, made once and reset for each use: a new scorer per validation run would
 * be new closures each time, and V8's optimised callers deoptimise on a new call target.
 */
export function taskTextScorerOf(index: PointIndex, contentChars = Infinity): TaskTextScorer {
  let byChars = scorers.get(index);
  if (!byChars) scorers.set(index, (byChars = new Map()));
  let scorer = byChars.get(contentChars);
  if (!scorer) byChars.set(contentChars, (scorer = taskTextScorer(index, contentChars)));
  else scorer.reset();
  return scorer;
}

export function taskTextScorer(index: PointIndex, contentChars = Infinity): TaskTextScorer {
  const dense = index.dense;
  const cut = (content: string) => (content.length > contentChars ? content.slice(0, contentChars) : content);
  if (!dense) {
    return {
      score: (name, content, out) => {
        const scores = scoreAllPoints(index, content ? `${name}。${cut(content)}` : name);
        if (out) out.set(scores);
        return out ?? scores;
      },
      measures: (name, content, point, k) => suggestMeasures(index, content ? `${name}。${cut(content)}` : name, point, k),
      mayFitOther: () => true,
      reset: () => undefined,
    };
  }
  const P = index.points.length;
  const cache = new Map<string, ContentEntry>();
  const nIds = index.idfById.length;
  const cacheLimit = Math.max(16, Math.floor(CONTENT_CACHE_BYTES / Math.max(1, nIds)));
  const { counts, touched } = index.scratch;
  const { charId, width, uni, idfBoost } = dense;
  const unseenIdf = Math.log(1 + (P || 1));
  const unseenUni = unseenIdf * unseenIdf, unseenBi = unseenUni * 2.25;
  const { postDocs, postWeights } = index;
  const tf = (n: number) => (n < TF_TABLE.length ? TF_TABLE[n] : 1 + Math.log(n));

  // Bigram ids by (char id, char id) in an open-addressing hash table (load ≤ 1/4).
  let nBi = 0;
  for (const tok of index.tokenId.keys()) if (tok >= 65536) nBi++;
  let hashBits = 4;
  while (1 << hashBits < nBi * 4) hashBits++;
  const hashShift = 32 - hashBits, hashMask = (1 << hashBits) - 1;
  const hashKeys = new Int32Array(1 << hashBits).fill(-1);
  const hashIds = new Int32Array(1 << hashBits);
  for (const [tok, id] of index.tokenId) {
    if (tok < 65536) continue;
    const key = charId[Math.floor(tok / 65536) - 1] * width + charId[tok % 65536];
    let h = Math.imul(key, 0x9e3779b1) >>> hashShift;
    while (hashKeys[h] >= 0) h = (h + 1) & hashMask;
    hashKeys[h] = key;
    hashIds[h] = id;
  }

  /** Tokenise into the scratch counts; returns [number of touched ids, squared norm of unseen tokens]. */
  let unseenSq = 0;
  const placeholderFirst = REGION_PLACEHOLDER.charCodeAt(0);
  const tokenise = (text: string): number => {
    let nt = 0;
    let sq = 0;
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      // The region placeholder is skipped (as if absent: the characters around it form a bigram).
      if (c === placeholderFirst && text.startsWith(REGION_PLACEHOLDER, i)) {
        i += REGION_PLACEHOLDER.length - 1;
        continue;
      }
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
        let id = -1;
        if (pi && ci) {
          // Small open-addressing table instead of the width² array: stays in cache.
          const key = pi * width + ci;
          let h = Math.imul(key, 0x9e3779b1) >>> hashShift;
          for (;;) {
            const k = hashKeys[h];
            if (k === key) {
              id = hashIds[h];
              break;
            }
            if (k < 0) break;
            h = (h + 1) & hashMask;
          }
        }
        if (id < 0) sq += unseenBi;
        else if (counts[id]++ === 0) touched[nt++] = id;
      }
      prev = c;
    }
    unseenSq = sq;
    return nt;
  };

  /** Keyed by the whole content (the same string object hashes once); scored on its first contentChars. */
  const entryOf = (content: string): ContentEntry => {
    let e = cache.get(content);
    if (e) return e;
    const nt = tokenise(cut(content));
    const cs = new Uint8Array(nIds);
    const dots = new Float64Array(P);
    let sq = unseenSq;
    let big = false;
    for (let k = 0; k < nt; k++) {
      const id = touched[k];
      const n = counts[id];
      if (n > 255) big = true;
      cs[id] = n;
      counts[id] = 0;
      const w = tf(n) * idfBoost[id];
      sq += w * w;
      const docs = postDocs[id], ws = postWeights[id];
      for (let j = 0; j < docs.length; j++) dots[docs[j]] += w * ws[j];
    }
    if (big) {
      // A content longer than contentChars with a token over 255 times: no byte counts; score the joined text.
      return { counts: cs, dots, sq: -1, best1: 0, best1Index: -1, best2: 0 };
    }
    let best1 = -Infinity, best1Index = -1, best2 = -Infinity;
    for (let i = 0; i < P; i++) {
      const d = dots[i];
      if (d > best1) {
        best2 = best1;
        best1 = d;
        best1Index = i;
      } else if (d > best2) best2 = d;
    }
    e = { counts: cs, dots, sq, best1, best1Index, best2 };
    if (cache.size < cacheLimit) cache.set(content, e);
    return e;
  };

  /** Measure docs of a point as dense normalised weight arrays (null when a measure has a token no point has). */
  const measureVecs = new Map<number, { index: number; committeeId: string | null; w: Float64Array }[] | null>();
  const vecsOf = (point: number) => {
    if (measureVecs.has(point)) return measureVecs.get(point)!;
    const ms = index.measures.get(point);
    let out: { index: number; committeeId: string | null; w: Float64Array }[] | null = [];
    for (const m of ms ?? []) {
      const w = new Float64Array(index.idfById.length);
      for (const [tok, x] of m.doc.weights) {
        const id = index.tokenId.get(tok);
        if (id === undefined) {
          out = null;
          break;
        }
        w[id] = x / m.doc.norm;
      }
      if (!out) break;
      out.push({ index: m.index, committeeId: m.committeeId, w });
    }
    measureVecs.set(point, out);
    return out;
  };

  /**
   * The name's tokens merged into a content's counts (the joined text "name。content"): after the
   * call, touched[k] for k < the returned count are the name's token ids, gains[k] how much each
   * one's weight grows (its weight in the joined text − in the content alone), and mergedSq the
   * joined text's squared norm.
   */
  const gains = new Float64Array(nIds);
  let mergedSq = 0;
  const mergeName = (name: string, e: ContentEntry): number => {
    const ecounts = e.counts;
    const nt = tokenise(name);
    let sq = e.sq + unseenSq;
    for (let k = 0; k < nt; k++) {
      const id = touched[k];
      const n = counts[id];
      counts[id] = 0;
      const cc = ecounts[id];
      const ib = idfBoost[id];
      const wNew = tf(n + cc) * ib;
      const wOld = cc ? tf(cc) * ib : 0;
      sq += wNew * wNew - wOld * wOld;
      gains[k] = wNew - wOld;
    }
    mergedSq = sq;
    return nt;
  };

  /** Dot products of a content (its token weights) with the measure vectors of a point, per point and content. */
  const measureDots = new Map<number, Map<string, Float64Array>>();
  const measureDotsOf = (point: number, content: string, e: ContentEntry, vecs: { w: Float64Array }[]): Float64Array => {
    let byContent = measureDots.get(point);
    if (!byContent) measureDots.set(point, (byContent = new Map()));
    let d = byContent.get(content);
    if (d) return d;
    d = new Float64Array(vecs.length);
    const ecounts = e.counts;
    for (let id = 0; id < nIds; id++) {
      const c = ecounts[id];
      if (c === 0) continue;
      const w = tf(c) * idfBoost[id];
      for (let m = 0; m < vecs.length; m++) d[m] += w * vecs[m].w[id];
    }
    if (byContent.size < cacheLimit) byContent.set(content, d);
    return d;
  };
  /** The largest normalised weight of each token in any point doc. */
  const maxWeight = new Float64Array(nIds);
  for (let id = 0; id < nIds; id++) {
    const ws = postWeights[id];
    let m = 0;
    for (let j = 0; j < ws.length; j++) if (ws[j] > m) m = ws[j];
    maxWeight[id] = m;
  }
  /**
   * Per character (dense id): the most one occurrence can add to a point's dot product — its
   * unigram's and its heaviest bigram ending in it's idf × boost × largest point weight (a name
   * token occurring n more times gains at most n × that, since 1 + log tf grows by ≤ 1 a step).
   */
  const charGain = new Float64Array(width);
  {
    const uniPart = new Float64Array(width), biMax = new Float64Array(width);
    for (const [tok, id] of index.tokenId) {
      const g = idfBoost[id] * maxWeight[id];
      if (tok < 65536) uniPart[charId[tok]] += g;
      else {
        const c = charId[tok % 65536];
        if (g > biMax[c]) biMax[c] = g;
      }
    }
    for (let c = 1; c < width; c++) charGain[c] = uniPart[c] + biMax[c];
  }
  const empty: ContentEntry = { counts: new Uint8Array(nIds), dots: new Float64Array(P), sq: 0, best1: 0, best1Index: P > 0 ? 0 : -1, best2: 0 };

  return {
    reset(): void {
      cache.clear();
      measureDots.clear();
    },
    score(name: string, content: string, out?: Float64Array): Float64Array {
      const e = content ? entryOf(content) : empty;
      if (e.sq < 0) {
        const all = scoreAllPoints(index, `${name}。${cut(content)}`);
        if (out) out.set(all);
        return out ?? all;
      }
      const scores = out ?? new Float64Array(P);
      scores.set(e.dots);
      const nt = mergeName(name, e);
      for (let k = 0; k < nt; k++) {
        const id = touched[k];
        const delta = gains[k];
        const docs = postDocs[id], ws = postWeights[id];
        for (let j = 0; j < docs.length; j++) scores[docs[j]] += delta * ws[j];
      }
      const norm = Math.sqrt(mergedSq) || 1;
      for (let i = 0; i < P; i++) scores[i] /= norm;
      return scores;
    },
    mayFitOther(name: string, content: string, own: number, minScore: number, ratio: number, margin: number): boolean {
      const e = content ? entryOf(content) : empty;
      if (e.sq < 0) return true;
      const ownDot = own >= 0 && own < P ? e.dots[own] : 0;
      const otherBest = own === e.best1Index ? e.best2 : e.best1;
      if (otherBest === -Infinity) return false; // no other point
      // First a looser bound without tokenising the name: each of its characters adds at most
      // charGain (its unigram's and its best bigram's weight × largest point weight), and the
      // norm is at least the content's.
      let pre = 0;
      for (let i = 0; i < name.length; i++) {
        let c = name.charCodeAt(i);
        if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
        if (c >= 65 && c <= 90) c += 32;
        if (CLASS[c] !== 1) pre += charGain[charId[c]];
      }
      const normLow = Math.sqrt(e.sq);
      const upperPre = (otherBest + pre) * (1 + 1e-9) + 1e-12;
      if (upperPre < minScore * normLow || upperPre < ratio * ownDot + margin * normLow) return false;
      // The same norm as score() computes.
      const nt = mergeName(name, e);
      let gain = 0;
      for (let k = 0; k < nt; k++) gain += gains[k] * maxWeight[touched[k]];
      const norm = Math.sqrt(mergedSq) || 1;
      // Every other point's dot product is at most `upper`; the own point's is at least its content dot.
      const upper = (otherBest + gain) * (1 + 1e-9) + 1e-12; // slack for rounding
      return upper >= minScore * norm && upper >= ratio * ownDot + margin * norm;
    },
    measures(name: string, content: string, point: number, k: number) {
      const vecs = vecsOf(point);
      if (!vecs) return suggestMeasures(index, content ? `${name}。${cut(content)}` : name, point, k);
      if (!vecs.length || (!name && !content)) return [];
      const e = content ? entryOf(content) : undefined;
      let sq: number;
      let dots: Float64Array;
      if (e && e.sq >= 0) {
        // The content's dot products with the measures are computed once per content; the name's tokens are merged in (as in score()).
        dots = measureDotsOf(point, content, e, vecs).slice();
        const nt = mergeName(name, e);
        sq = mergedSq;
        for (let t = 0; t < nt; t++) {
          const id = touched[t];
          const delta = gains[t];
          for (let m = 0; m < vecs.length; m++) dots[m] += delta * vecs[m].w[id];
        }
      } else {
        const nt = tokenise(content ? `${name}。${cut(content)}` : name);
        sq = unseenSq;
        dots = new Float64Array(vecs.length);
        for (let t = 0; t < nt; t++) {
          const id = touched[t];
          const w = tf(counts[id]) * idfBoost[id];
          counts[id] = 0;
          sq += w * w;
          for (let m = 0; m < vecs.length; m++) dots[m] += w * vecs[m].w[id];
        }
      }
      const norm = Math.sqrt(sq) || 1;
      const out = vecs.map((m, i) => ({ index: m.index, committeeId: m.committeeId, score: round4(dots[i] / norm) }));
      out.sort((a, b) => b.score - a.score || a.index - b.index);
      return out.slice(0, Math.max(0, k));
    },
  };
}
