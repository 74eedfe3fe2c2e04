/**
 * The workbook's own saved time: `dcterms:modified` of the core properties part
 * (docProps/core.xml), which Excel, WPS and LibreOffice write on every save. Consolidation orders a
 * committee's files by it after the 提交 stamp (core/consolidate/latest.ts). Text in, text out: the
 * zip is read by fastGrid.ts.
 */
import { instantOf } from '../../core/util/time';

const CORE_PROPERTIES = /\/metadata\/core-properties$/;

/** Path of the core properties part, from the package relationships (_rels/.rels); docProps/core.xml when they do not say. */
export function corePropsPath(rels: string | null): string {
  for (const m of (rels ?? '').matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const type = /\bType="([^"]*)"/.exec(m[1]);
    const target = /\bTarget="([^"]*)"/.exec(m[1]);
    if (type && target && CORE_PROPERTIES.test(type[1])) return target[1].replace(/^\.?\//, '');
  }
  return 'docProps/core.xml';
}

/** `dcterms:modified` of a core properties part as an ISO instant ("2023-03-21T02:00:00.000Z"), or undefined when absent or unreadable. */
export function savedAtOf(coreXml: string | null): string | undefined {
  if (!coreXml) return undefined;
  const m = /<(?:\w+:)?modified\b[^>]*>([^<]*)<\/(?:\w+:)?modified>/.exec(coreXml);
  const t = m ? instantOf(m[1]) : null;
  return t === null ? undefined : new Date(t).toISOString();
}
