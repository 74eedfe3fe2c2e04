/**
 * .xlsx bytes → RawSubmission (through the pure core/sheets/readGrid), or a refusal that says what
 * the file is and what the user should do. No fs, no Node built-ins: runs in Node and the browser.
 */
import type { RawSubmission } from '../../core/plan/types';
import { SHEET_NAMES } from '../../core/sheets/columns';
import { metaFromGrid, readGrid } from '../../core/sheets/readGrid';
import type { GridSheet } from '../../core/sheets/readGrid';
import type { Finding, Message } from '../../core/validate/types';
import { LimitExceeded, limitsOf } from '../../core/limits';
import type { ReadLimits } from '../../core/limits';
import { DtdDeclared, checkZip, readSavedAt, readSheetsFast } from './fastGrid';
import type { Inflate } from './fastGrid';

export type RefusalCode =
  | 'file.empty'
  | 'file.xls'
  | 'file.encrypted'
  | 'file.csv'
  | 'file.html'
  | 'file.notZip'
  | 'file.corrupt'
  | 'file.notWorkbook'
  | 'file.notOurs'
  | 'file.dtd'
  | 'file.limit'
  | 'file.failed';

export type ReadWorkbookResult = { raw: RawSubmission; refusal?: undefined } | { raw?: undefined; refusal: Finding & { code: RefusalCode } };

const REFUSALS: Record<RefusalCode, { message: Message; fix: Message }> = {
  'file.empty': {
    message: { zh: '文件是空的（0 字节）。', en: 'The file is empty (0 bytes).' },
    fix: { zh: '请重新保存工作簿后再提交。', en: 'Save the workbook again and resubmit it.' },
  },
  'file.xls': {
    message: { zh: '这是旧版 Excel 97-2003 工作簿（.xls），不是 .xlsx。', en: 'This is an old Excel 97-2003 workbook (.xls), not .xlsx.' },
    fix: { zh: '在 Excel 或 WPS 中打开它，选择“文件 → 另存为 → Excel 工作簿（*.xlsx）”，提交另存后的文件。', en: 'Open it in Excel or WPS, choose File → Save As → Excel Workbook (*.xlsx), and submit that file.' },
  },
  'file.encrypted': {
    message: { zh: '文件设置了打开密码（已加密），无法读取。', en: 'The file is password-protected (encrypted) and cannot be read.' },
    fix: { zh: '在 Excel 中打开，选择“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码后保存（WPS：文件 → 文档加密 → 密码加密，清空打开密码），再提交。', en: 'Open it in Excel, File → Info → Protect Workbook → Encrypt with Password, clear the password and save (WPS: File → Document Encryption), then resubmit.' },
  },
  'file.csv': {
    message: { zh: '这是文本/CSV 文件，只是扩展名改成了 .xlsx。', en: 'This is a text/CSV file renamed to .xlsx.' },
    fix: { zh: '请在秘书处下发的 .xlsx 计划工作簿中填写，并用 Excel 或 WPS 保存为 .xlsx。', en: 'Fill in the .xlsx plan workbook sent by the secretariat and save it as .xlsx in Excel or WPS.' },
  },
  'file.html': {
    message: { zh: '这是网页（HTML）文件，只是扩展名改成了表格文件。', en: 'This is a web page (HTML) renamed to a spreadsheet extension.' },
    fix: { zh: '在 Excel 或 WPS 中打开它，另存为“Excel 工作簿（*.xlsx）”后再提交；最好直接在下发的计划工作簿中填写。', en: 'Open it in Excel or WPS and save it as Excel Workbook (*.xlsx); better, fill in the plan workbook sent to you.' },
  },
  'file.notZip': {
    message: { zh: '这不是 Excel 工作簿（.xlsx）文件。', en: 'This is not an Excel workbook (.xlsx) file.' },
    fix: { zh: '请提交用 Excel 或 WPS 保存的 .xlsx 计划工作簿。', en: 'Submit the .xlsx plan workbook saved by Excel or WPS.' },
  },
  'file.corrupt': {
    message: { zh: '文件已损坏或不完整（压缩结构无法读取），可能在传输中被截断。', en: 'The file is damaged or incomplete (its zip structure cannot be read); it may have been cut off in transfer.' },
    fix: { zh: '请在 Excel 或 WPS 中重新打开并保存，然后重新发送。', en: 'Open and save it again in Excel or WPS, then send it again.' },
  },
  'file.notWorkbook': {
    message: { zh: '这是一个压缩包或其他 Office 文档，不是 Excel 工作簿。', en: 'This is a zip archive or another Office document, not an Excel workbook.' },
    fix: { zh: '请提交 .xlsx 计划工作簿本身。', en: 'Submit the .xlsx plan workbook itself.' },
  },
  'file.dtd': {
    message: { zh: '工作簿中含有 DTD 或实体声明（<!DOCTYPE>、<!ENTITY>），工作簿不允许这样的声明，未读取', en: 'The workbook contains a DTD or entity declaration (<!DOCTYPE>, <!ENTITY>), which a workbook may not contain; it was not read' },
    fix: { zh: 'Excel、WPS 保存的工作簿不含这种声明，这个文件可能经过了改动或是恶意构造的：请在 Excel 或 WPS 中把内容复制到秘书处下发的计划工作簿中再提交。', en: 'Workbooks saved by Excel or WPS never contain one; this file may have been tampered with: copy your entries into the plan workbook sent by the secretariat and resubmit.' },
  },
  'file.limit': {
    message: { zh: '文件超出读取上限，未读取', en: 'The file is over a reading limit and was not read' },
    fix: { zh: '一份计划工作簿远小于这个上限：请检查是否放错了文件，或在 Excel、WPS 中删除多余的行、列和合并单元格后重新保存；确属正常文件时，秘书处可在设置文件的 limits 中调高这一上限。', en: 'A plan workbook is far below this limit: check that this is the right file, or delete the extra rows, columns and merged cells in Excel or WPS and save again; for a genuine file the secretariat can raise the limit under `limits` in the settings file.' },
  },
  'file.failed': {
    message: { zh: '读取这个文件时出错，已拒收，其他文件照常处理', en: 'Reading this file failed; it was refused and the other files were processed as usual' },
    fix: { zh: '请在 Excel 或 WPS 中打开并重新保存后再提交；仍然出错时，请把文件交给秘书处查看。', en: 'Open and save it again in Excel or WPS and resubmit; if it still fails, give the file to the secretariat.' },
  },
  'file.notOurs': {
    message: { zh: '这个工作簿不是本系统生成的计划工作簿（缺少隐藏的元数据表），无法确认年度和专委会。', en: 'This workbook was not generated by this tool (no hidden metadata sheet): its year and committee are unknown.' },
    fix: { zh: '请向秘书处索取本专委会的计划工作簿，把内容复制进去后再提交。', en: 'Ask the secretariat for your committee\'s plan workbook, copy your entries into it and resubmit.' },
  },
};

function refusal(code: RefusalCode, file: string, detail?: string): ReadWorkbookResult {
  const r = REFUSALS[code];
  const msg = detail ? { zh: `文件“${file}”：${r.message.zh}（${detail}）`, en: `File "${file}": ${r.message.en} (${detail})` } : { zh: `文件“${file}”：${r.message.zh}`, en: `File "${file}": ${r.message.en}` };
  return { refusal: { severity: 'error', code, message: msg, file, sheet: '', row: 0, column: '', columnKey: '', raw: null, fix: r.fix } };
}

/** Reading or checking a file failed unexpectedly (`detail`: the error in one line): its refusal. */
export function failedRefusal(file: string, detail: string): ReadWorkbookResult & { refusal: Finding } {
  return refusal('file.failed', file, detail) as ReadWorkbookResult & { refusal: Finding };
}

/** A limit passed: the refusal names the limit, its value and what was found. */
export function limitRefusal(e: LimitExceeded, file: string): ReadWorkbookResult & { refusal: Finding } {
  const r = REFUSALS['file.limit'];
  const t = e.text();
  const message = { zh: `文件“${file}”${t.zh}，未读取。`, en: `File "${file}" is ${t.en}; it was not read.` };
  return { refusal: { severity: 'error', code: 'file.limit', message, file, sheet: e.where && !e.where.includes('/') ? e.where : '', row: 0, column: '', columnKey: '', raw: e.found, fix: r.fix } };
}

/** A limit or a DTD met while reading → its refusal; anything else → null (the caller goes on). */
export function refusalOf(e: unknown, file: string): ReadWorkbookResult | null {
  if (e instanceof LimitExceeded) return limitRefusal(e, file);
  if (e instanceof DtdDeclared) return refusal('file.dtd', file, e.part);
  return null;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(b: Uint8Array, sig: number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

/** True when the UTF-16LE text occurs in bytes (OLE directory entry names). */
function hasUtf16(b: Uint8Array, s: string): boolean {
  const pat: number[] = [];
  for (const ch of s) pat.push(ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8);
  outer: for (let i = 0; i + pat.length <= b.length; i++) {
    for (let j = 0; j < pat.length; j++) if (b[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

/** What kind of file the bytes are, before trying to open them. */
export function sniff(bytes: Uint8Array): 'empty' | 'ole-encrypted' | 'ole' | 'zip' | 'html' | 'text' | 'binary' {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, OLE)) return hasUtf16(bytes, 'EncryptionInfo') || hasUtf16(bytes, 'EncryptedPackage') ? 'ole-encrypted' : 'ole';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'zip';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 2048)).replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(html|table|body)[\s>]/.test(head.slice(0, 1024)) || (head.startsWith('<?xml') && head.includes('mso-application'))) return 'html';
  let ctrl = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === 0 || (c < 9) || (c > 13 && c < 32 && c !== 27)) ctrl++;
  }
  return ctrl / n < 0.02 ? 'text' : 'binary';
}

/** Plain value of an excelts cell: cached formula results, rich text as text, Dates kept, merged slaves null. */
export function cellValue(cell: any): unknown {
  if (cell.isMerged && cell.master && cell.master !== cell && cell.master.address !== cell.address) return null;
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if (Array.isArray(v.richText)) return v.richText.map((r: any) => r?.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const r = v.result;
    if (r === undefined || r === null) return { formula: v.formula ?? v.sharedFormula };
    if (typeof r === 'object' && !(r instanceof Date)) {
      if ('error' in r) return { error: r.error };
      if (Array.isArray(r.richText)) return r.richText.map((x: any) => x?.text ?? '').join('');
    }
    return r;
  }
  if ('hyperlink' in v && 'text' in v) return typeof v.text === 'string' ? v.text : cellValue({ value: v.text });
  if ('error' in v) return { error: v.error };
  if ('text' in v) return String(v.text);
  return v;
}

/** A worksheet as a grid of plain values (row 1 first); cells past the limits throw LimitExceeded. */
export function sheetGrid(ws: any, limits?: ReadLimits): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row: any, r: number) => {
    if (limits && r > limits.rows) throw new LimitExceeded('rows', r, limits.rows, ws.name);
    const out: unknown[] = [];
    row.eachCell({ includeEmpty: false }, (cell: any, c: number) => {
      if (limits && c > limits.columns) throw new LimitExceeded('columns', c, limits.columns, ws.name);
      out[c - 1] = cellValue(cell);
    });
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    rows[r - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  return rows;
}

export interface ReadOptions {
  /**
   * "auto" (default): the fast part reader (fastGrid.ts), falling back to a full excelts load for
   * anything it does not handle; "excelts": always the full load.
   */
  engine?: 'auto' | 'excelts';
  /** Raw inflate for the fast reader (default DecompressionStream); the Node CLI passes zlib's. */
  inflate?: Inflate;
  /** Reading limits (core/limits.ts): overrides of the defaults, e.g. from the settings. */
  limits?: Partial<ReadLimits>;
}

const WANTED = [SHEET_NAMES.tasks, SHEET_NAMES.budget, SHEET_NAMES.milestones, SHEET_NAMES.meta];

/** Read a submission workbook. Never throws for bad input: returns a refusal instead. */
export async function readWorkbook(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReadWorkbookResult> {
  const kind = sniff(bytes);
  if (kind === 'empty') return refusal('file.empty', fileName);
  if (kind === 'ole-encrypted') return refusal('file.encrypted', fileName);
  if (kind === 'ole') return refusal('file.xls', fileName);
  if (kind === 'html') return refusal('file.html', fileName);
  if (kind === 'text') return refusal('file.csv', fileName);
  if (kind === 'binary') return refusal('file.notZip', fileName);
  const limits = limitsOf(options.limits);
  try {
    return await readZip(bytes, fileName, options, limits);
  } catch (e) {
    return refusalOf(e, fileName) ?? refusal('file.failed', fileName, errorText(e));
  }
}

/** An unexpected error, in one line (no stack): "RangeError: Maximum call stack size exceeded". */
export function errorText(e: unknown): string {
  const s = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return s.split('\n')[0].slice(0, 160);
}

async function readZip(bytes: Uint8Array, fileName: string, options: ReadOptions, limits: ReadLimits): Promise<ReadWorkbookResult> {
  if (options.engine !== 'excelts') {
    let fast = await readSheetsFast(bytes, WANTED, options.inflate, limits);
    // A data sheet missing by name may have been renamed: read every sheet so readGrid can find it.
    if (fast && fast.names.includes(SHEET_NAMES.meta) && WANTED.some((w) => !fast!.names.includes(w))) fast = await readSheetsFast(bytes, fast.names, options.inflate, limits);
    if (fast && fast.names.length) {
      if (!fast.names.includes(SHEET_NAMES.meta)) return refusal('file.notOurs', fileName);
      const metaSheet = fast.sheets.find((x) => x.name === SHEET_NAMES.meta);
      return { raw: withSavedAt(readGrid({ file: fileName, sheets: fast.sheets, meta: metaFromGrid(metaSheet ? metaSheet.rows : []) }), fast.savedAt) };
    }
  }
  // excelts only when the fast reader could not read the file (loaded on demand: the CLI's reader
  // threads start without it); it is given the file only after every part inflated within the
  // limits, DTD-free (its own inflating is not capped).
  if (typeof DecompressionStream !== 'undefined' || options.inflate) {
    try {
      await checkZip(bytes, limits, options.inflate);
    } catch (e) {
      if (e instanceof LimitExceeded || e instanceof DtdDeclared) throw e;
      // damaged: excelts says how
    }
  }
  const { Workbook } = await import('@cj-tech-master/excelts');
  const wb: any = new Workbook();
  try {
    await wb.xlsx.load(bytes);
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/DOCTYPE|ENTITY|\bDTD\b/i.test(msg)) return refusal('file.dtd', fileName);
    if (/workbook\.xml|not.*(xlsx|workbook)|Content_Types|no sheets/i.test(msg) && !/zip|central|signature|inflate|crc|eocd|end of/i.test(msg)) return refusal('file.notWorkbook', fileName);
    return refusal('file.corrupt', fileName, msg.slice(0, 120));
  }
  const sheets: GridSheet[] = [];
  let hasMeta = false;
  wb.eachSheet((ws: any) => {
    if (ws.name === SHEET_NAMES.meta) hasMeta = true;
    sheets.push({ name: ws.name, rows: sheetGrid(ws, limits) });
  });
  if (sheets.length === 0) return refusal('file.notWorkbook', fileName);
  if (!hasMeta) return refusal('file.notOurs', fileName);
  const metaSheet = sheets.find((s) => s.name === SHEET_NAMES.meta)!;
  const meta = metaFromGrid(metaSheet.rows);
  // The saved time as the fast path reads it (one reading); excelts' own only when the zip is beyond that reader.
  const own: unknown = wb.modified;
  const savedAt = (await readSavedAt(bytes, options.inflate)) ?? (own instanceof Date && Number.isFinite(own.getTime()) ? own.toISOString() : undefined);
  return { raw: withSavedAt(readGrid({ file: fileName, sheets, meta }), savedAt) };
}

/** The submission with the workbook's saved time (docProps/core.xml dcterms:modified) when the file says. */
function withSavedAt(raw: RawSubmission, savedAt: string | undefined): RawSubmission {
  if (savedAt !== undefined) raw.savedAt = savedAt;
  return raw;
}
