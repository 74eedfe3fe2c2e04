/**
 * The front matter of an official document, before its numbered body: the red-header marks
 * (文号, 份号, 紧急程度), the title (which may span several lines), a notice that wraps the document
 * (“关于印发《…》的通知”, its addressees, body, signature and date), and the document's preamble.
 */
import { matchNumbered, toHalfWidthDigits } from './numbering';

export interface SourceLine {
  /** 1-based line number in the source text. */
  no: number;
  /** Whitespace collapsed, trimmed; never empty. */
  text: string;
  /** True when one or more blank lines precede this line. */
  blankBefore: boolean;
}

export interface Front {
  title: string;
  /** Lines that are not the title: the notice part first, then the document's own preamble. */
  preamble: string[];
  /** The wrapping notice's title when the document came inside a notice. */
  notice: string | null;
  /** Line of the document's own title inside the notice, when found. */
  titleLine: number | null;
  /** Index (in the lines given) of the first numbered line of the document's body; lines.length when none. */
  bodyStart: number;
}

const MARK = /〔\s*\d{4}\s*〕|\[\s*\d{4}\s*\]|［\s*\d{4}\s*］|^(特急|加急|平急|紧急|特提|秘密|机密|绝密)|^\d{6}$|^.{2,30}文件$/;
const DATE_LINE = /^(?:[0-9０-９]{4}|[〇零一二三四五六七八九]{4})\s*年\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日$/;
const SUBTITLE = /^[（(].*[)）]$/;

/** A line that can be part of a title: short, not a sentence, not an addressee line. */
function titleLike(text: string): boolean {
  if (text.length > 60 || matchNumbered(text)) return false;
  if (/[。；;：:，,！？!?]$/.test(text)) return false;
  if (DATE_LINE.test(toHalfWidthDigits(text)) || SUBTITLE.test(text)) return false;
  return true;
}

export function isDateLine(text: string): boolean {
  return DATE_LINE.test(toHalfWidthDigits(text));
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The document a notice hands out: the 《…》 of “关于印发《…》的通知”, or the words between 印发 and 的通知. */
export function wrappedTitle(noticeTitle: string): string | null {
  if (!/通知$/.test(noticeTitle)) return null;
  const book = /《(.+)》/.exec(noticeTitle);
  if (book && /(印发|转发|下发|发布|颁发|公布)/.test(noticeTitle.slice(0, book.index))) return book[1];
  const plain = /(?:印发|下发|发布|颁发|公布)(.+?)的通知$/.exec(noticeTitle);
  return plain ? plain[1] : null;
}

/** Title block starting at index i: up to 4 title-like lines with no blank line between them. */
function titleBlock(lines: SourceLine[], i: number): number {
  let j = i;
  while (j < lines.length && j - i < 4 && titleLike(lines[j].text) && (j === i || !lines[j].blankBefore)) j++;
  return j;
}

/**
 * Title, notice and preamble of a document, and where its numbered body starts. A notice's own numbered
 * requirements (“有关要求如下：1.…”) come before the document it hands out: the document's own title is
 * looked for in the whole text, and everything before it is the notice.
 */
export function readFront(lines: SourceLine[]): Front {
  const preamble: string[] = [];
  const firstNumberedFrom = (k: number) => {
    while (k < lines.length && !matchNumbered(lines[k].text)) k++;
    return k;
  };
  let i = 0;
  while (i < lines.length && MARK.test(lines[i].text) && !matchNumbered(lines[i].text)) preamble.push(lines[i++].text);
  const end = titleBlock(lines, i);
  const title = lines.slice(i, end).map((l) => l.text).join('');
  const inner = title ? wrappedTitle(squash(title)) : null;
  if (!inner) {
    const bodyStart = firstNumberedFrom(end);
    return { title, preamble: [...preamble, ...lines.slice(end, bodyStart).map((l) => l.text)], notice: null, titleLine: null, bodyStart };
  }

  // A notice: find the document's own title (one to four lines) among the lines that follow.
  for (let s = end; s < lines.length; s++) {
    let joined = '';
    for (let e = s; e < Math.min(lines.length, s + 4); e++) {
      joined += squash(lines[e].text);
      const whole = joined === squash(inner);
      const named = !/《/.test(title) && joined.endsWith(squash(inner)) && titleLike(lines[e].text) && !matchNumbered(lines[e].text);
      if (whole || named) {
        const bodyStart = firstNumberedFrom(e + 1);
        const noticePart = [...preamble, title, ...lines.slice(end, s).map((l) => l.text)];
        const own = lines.slice(e + 1, bodyStart).map((l) => l.text);
        return { title: lines.slice(s, e + 1).map((l) => l.text).join(''), preamble: [...noticePart, ...own], notice: title, titleLine: lines[s].no, bodyStart };
      }
      if (!squash(inner).startsWith(joined)) break;
    }
  }
  const bodyStart = firstNumberedFrom(end);
  return { title: inner, preamble: [...preamble, title, ...lines.slice(end, bodyStart).map((l) => l.text)], notice: title, titleLine: null, bodyStart };
}

const YEAR_RE = /((?:19|20)\d{2})\s*年/g;
/** A year named in a text: "2023年" (not the end of a range "2023-2027年"). */
export function yearOf(text: string): number | null {
  for (const m of toHalfWidthDigits(text).matchAll(YEAR_RE)) {
    const before = toHalfWidthDigits(text).slice(Math.max(0, (m.index ?? 0) - 1), m.index);
    if (/[-—–~～至到]/.test(before)) continue;
    return +m[1];
  }
  return null;
}

/** The year the body names most often ("2024年是…"); ties go to the later year. */
export function yearOfBody(text: string): number | null {
  const t = toHalfWidthDigits(text);
  const counts = new Map<number, number>();
  for (const m of t.matchAll(YEAR_RE)) {
    const at = m.index ?? 0;
    if (/[-—–~～至到]/.test(t.slice(Math.max(0, at - 1), at))) continue;
    if (/^\s*[-—–~～至到]/.test(t.slice(at + 4))) continue;
    counts.set(+m[1], (counts.get(+m[1]) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && y > best)) best = y;
  return best;
}
