/**
 * Text of a workbook's XML parts as fastGrid reads them: entities and _xHHHH_ escapes decoded, the
 * plain text of rich text (phonetic runs dropped), the shared strings, and which cell styles are
 * dates. Pure.
 */
import { DEFAULT_LIMITS, LimitExceeded } from '../../core/limits';

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ESCAPE_RE = /_x([0-9a-fA-F]{4})_/g;
export function decodeXml(s: string): string {
  let amp = s.indexOf('&');
  const esc = s.indexOf('_x') >= 0;
  if (amp < 0 && !esc) return s;
  let out = s;
  if (amp >= 0) {
    // Entities by indexOf (formulas are full of &apos; and &quot;): the text between them copied in slices.
    out = '';
    let from = 0;
    while (amp >= 0) {
      const semi = s.indexOf(';', amp + 1);
      if (semi < 0 || semi - amp > 12) {
        amp = s.indexOf('&', amp + 1);
        continue;
      }
      const name = s.slice(amp + 1, semi);
      let ch: string | undefined = ENTITY[name];
      if (ch === undefined && name.charCodeAt(0) === 35) {
        const hex = name.charCodeAt(1) === 120;
        const digits = name.slice(hex ? 2 : 1);
        if (digits && (hex ? /^[0-9a-fA-F]+$/ : /^\d+$/).test(digits)) {
          const cp = parseInt(digits, hex ? 16 : 10);
          if (cp <= 0x10ffff) ch = String.fromCodePoint(cp);
        }
      }
      if (ch !== undefined) {
        out += s.slice(from, amp) + ch;
        from = semi + 1;
        amp = s.indexOf('&', from);
      } else amp = s.indexOf('&', amp + 1);
    }
    out += s.slice(from);
  }
  return esc ? out.replace(ESCAPE_RE, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : out;
}

const ATTR_RE = new Map<string, RegExp>();
export function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = re.exec(attrs);
  return m ? m[1] : undefined;
}

/** r, s and t of a <c> element's attributes in one pass. */
/** Concatenated text of every <t> in a fragment, phonetic runs (<rPh>) excluded. */
export function textOf(fragment: string): string {
  const f = fragment.indexOf('<rPh') >= 0 ? fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : fragment;
  let out = '';
  const re = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>|<(?:\w+:)?t\s*\/>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(f))) if (m[1] !== undefined) out += m[1];
  return decodeXml(out);
}

export function sharedStrings(xml: string, max = DEFAULT_LIMITS.sharedStrings): string[] {
  const out = xml.indexOf('<si>') >= 0 ? sharedStringsScan(xml, max) : sharedStringsRegex(xml, max);
  if (out.length > max) throw new LimitExceeded('sharedStrings', out.length, max, 'xl/sharedStrings.xml', true);
  return out;
}

/** Shared strings of an unprefixed part: plain <si><t>…</t></si> items by indexOf, anything else through textOf. */
function sharedStringsScan(xml: string, max: number): string[] {
  const out: string[] = [];
  let p = 0;
  while (out.length <= max) {
    const a = xml.indexOf('<si', p);
    if (a < 0) break;
    const c = xml.charCodeAt(a + 3);
    if (c === 47) {
      // <si/>
      out.push('');
      p = a + 5;
      continue;
    }
    if (c !== 62) {
      p = a + 3;
      continue;
    }
    const b = xml.indexOf('</si>', a);
    if (b < 0) break;
    // The common item: one <t> (maybe with xml:space), nothing else.
    let v: string | null = null;
    if (xml.startsWith('<t', a + 4)) {
      const k = xml.charCodeAt(a + 6);
      if (k === 62 || k === 32) {
        const gt = xml.indexOf('>', a + 6);
        const end = xml.indexOf('</t>', gt);
        if (xml.charCodeAt(gt - 1) !== 47 && end + 4 === b) {
          const text = xml.slice(gt + 1, end);
          if (text.indexOf('<') < 0) v = decodeXml(text);
        }
      }
    }
    out.push(v ?? textOf(xml.slice(a + 4, b)));
    p = b + 5;
  }
  return out;
}

function sharedStringsRegex(xml: string, max: number): string[] {
  const out: string[] = [];
  const re = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g;
  let m: RegExpExecArray | null;
  while (out.length <= max && (m = re.exec(xml))) out.push(m[1] === undefined ? '' : textOf(m[1]));
  return out;
}

const DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
function isDateCode(code: string): boolean {
  const c = code.replace(/"[^"]*"/g, '').replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '').replace(/\\./g, '');
  return /[ymdhs]/i.test(c) && !/^[#0.,%\s]*$/.test(c) && !/General/i.test(c);
}

/** Which cellXfs indexes carry a date format. */
export function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = attr(m[1], 'numFmtId');
    const code = attr(m[1], 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), decodeXml(code));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const m of xfs[1].matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateCode(code) : DATE_IDS.has(id));
  }
  return out;
}

