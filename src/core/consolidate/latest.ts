/**
 * Which of a committee's files counts when it sent more than one (汇总: the latest resubmission
 * wins), and the words that say why. Pure: the times come in on ConsolidationInput from the hosts.
 *
 * Order, the winner first; each key decides only when every key before it ties:
 *  1. the 提交 stamp (`submittedAt` in _meta, written by 提交 in the add-in and on the page): a
 *     stamped file beats an unstamped one, a later stamp an earlier one;
 *  2. the workbook's own saved time (`docProps/core.xml` `dcterms:modified`, which Excel, WPS and
 *     LibreOffice write on every save; ConsolidationInput.savedAt);
 *  3. the file's modification time (file system mtime in the CLI, File.lastModified on the page;
 *     ConsolidationInput.modifiedAt). Last of the times: a copy that is mailed, downloaded or
 *     unzipped gets a new one;
 *  4. the file name, the later in code-point order ("…-2.xlsx" after "…-1.xlsx");
 *  5. the SHA-256 of the bytes, so the choice never depends on the order the files came in.
 * A missing or unreadable time is earlier than any time. A time with no zone is 北京时间; a date
 * alone is its start (UTC, as the product stores dates).
 *
 * Deliberately not in the order:
 * - `submissionVersion`, the stamp's counter, is shown in the roster and never decides: anyone can
 *   type a number into _meta, and a "version 999" must not beat a later stamp or a later save. (A
 *   stamp time can be typed too; signed stamps are for issue 14.)
 * - `generatedAt`, when the secretariat made the blank workbook: every copy of one template has
 *   the same, so it says nothing about which copy is newer.
 * Why a stamp outranks a later save: 提交 is the committee's declaration "this is our submission".
 * The add-in writes the stamp into the workbook itself, so later saves of that workbook carry the
 * same stamp and are ordered by their saved time (key 2); an unstamped working copy saved after a
 * stamped submission does not replace it — to count it, the clerk stamps it with 提交.
 */
import { beijingTime, instantOf } from '../util/time';
import type { Message } from '../validate/types';

/** What the order looks at, for one file. Times are ISO text or "" (unknown). */
export interface FileTimes {
  fileName: string;
  sha256: string;
  submittedAt: string;
  savedAt: string;
  modifiedAt: string;
}

/** The key that decided between two files. */
export type Basis = 'submitted' | 'saved' | 'modified' | 'name' | 'sha256';

const timeOf = (s: string): number => instantOf(s) ?? -Infinity;

/** The keys of the order, in order. */
const KEYS: Basis[] = ['submitted', 'saved', 'modified', 'name', 'sha256'];

function compareOn(key: Basis, a: FileTimes, b: FileTimes): number {
  switch (key) {
    case 'submitted':
    case 'saved':
    case 'modified': {
      const field = key === 'submitted' ? 'submittedAt' : key === 'saved' ? 'savedAt' : 'modifiedAt';
      const ta = timeOf(a[field]), tb = timeOf(b[field]);
      return ta === tb ? 0 : ta > tb ? 1 : -1;
    }
    case 'name':
      return a.fileName === b.fileName ? 0 : a.fileName > b.fileName ? 1 : -1;
    case 'sha256':
      return a.sha256 === b.sha256 ? 0 : a.sha256 > b.sha256 ? 1 : -1;
  }
}

/** The key that decides between two files, or null when they tie on every key (the same bytes under the same name). */
export function decidingKey(a: FileTimes, b: FileTimes): Basis | null {
  for (const k of KEYS) if (compareOn(k, a, b) !== 0) return k;
  return null;
}

/** Sort comparator: the file that counts first. */
export function newerFirst(a: FileTimes, b: FileTimes): number {
  const k = decidingKey(a, b);
  return k ? -compareOn(k, a, b) : 0;
}

const LABEL: Record<Basis, Message> = {
  submitted: { zh: '按提交时间', en: 'by submission time' },
  saved: { zh: '按文件保存时间', en: 'by the time the workbook was saved' },
  modified: { zh: '按文件修改时间', en: 'by file modification time' },
  name: { zh: '按文件名', en: 'by file name' },
  sha256: { zh: '按文件内容', en: 'by file content' },
};

/** "按文件保存时间" / "by the time the workbook was saved". */
export const basisLabel = (b: Basis): Message => LABEL[b];

/** What one file has on a time key, for people: "保存于 2023-03-21 18:00（北京时间）", "无提交标记"… */
function timePhrase(key: 'submitted' | 'saved' | 'modified', f: FileTimes, lang: 'zh' | 'en'): string {
  const text = key === 'submitted' ? f.submittedAt : key === 'saved' ? f.savedAt : f.modifiedAt;
  const t = instantOf(text);
  const words = {
    submitted: { zh: ['提交于', '无提交标记', '提交时间无法识别'], en: ['submitted', 'no submission stamp', 'submission time unreadable'] },
    saved: { zh: ['保存于', '无保存时间', '保存时间无法识别'], en: ['saved', 'no saved time', 'saved time unreadable'] },
    modified: { zh: ['修改于', '无修改时间', '修改时间无法识别'], en: ['modified', 'no modification time', 'modification time unreadable'] },
  }[key][lang];
  if (t === null) return text.trim() ? `${words[2]}（“${text.trim()}”）` : words[1];
  const iso = new Date(t).toISOString();
  return lang === 'zh' ? `${words[0]} ${beijingTime(iso)}` : `${words[0]} ${beijingTime(iso, 'en')}`;
}

/**
 * Why `winner` counts over `loser`: "按文件保存时间：本文件保存于 …，该文件保存于 …", where 本文件 (this
 * file) is the winner (side "winner", the note on its roster line) or the loser (side "loser").
 */
export function whyPhrase(winner: FileTimes, loser: FileTimes, side: 'winner' | 'loser'): Message {
  const key = decidingKey(winner, loser) ?? 'sha256';
  const label = basisLabel(key);
  if (key === 'name')
    return {
      zh: `${label.zh}（提交、保存和修改时间都相同或不详，以文件名排序在后者为准）`,
      en: `${label.en} (submission, saved and modification times equal or unknown: the name that sorts last counts)`,
    };
  if (key === 'sha256')
    return {
      zh: `${label.zh}（文件名和各项时间都相同，以 SHA-256 较大者为准）`,
      en: `${label.en} (same name and times: the larger SHA-256 counts)`,
    };
  // 本文件 / this file: the file of the roster line or finding; 该文件 / that file: the other one.
  const [mine, other] = side === 'winner' ? [winner, loser] : [loser, winner];
  return {
    zh: `${label.zh}：本文件${timePhrase(key, mine, 'zh')}，该文件${timePhrase(key, other, 'zh')}`,
    en: `${label.en}: this file ${timePhrase(key, mine, 'en')}, that file ${timePhrase(key, other, 'en')}`,
  };
}

/** The roster's note on the file that counts: which files it replaced, and why, with their dates. */
export function winnerNote(winner: FileTimes, losers: FileTimes[]): Message {
  const zh = losers.map((l) => `替换了“${l.fileName}”（${whyPhrase(winner, l, 'winner').zh}）`);
  const en = losers.map((l) => `replaces "${l.fileName}" (${whyPhrase(winner, l, 'winner').en})`);
  return { zh: `以本文件为准，${zh.join('；')}。`, en: `This file counts: it ${en.join('; ')}.` };
}

/** Why a file was replaced: by which file, on which key, with both files' dates. */
export function replacedNote(winner: FileTimes, loser: FileTimes): Message {
  const why = whyPhrase(winner, loser, 'loser');
  return { zh: `已被文件“${winner.fileName}”替换（${why.zh}）`, en: `replaced by "${winner.fileName}" (${why.en})` };
}
