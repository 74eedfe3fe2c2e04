/**
 * The task pane's only door to a workbook. Components call these plain functions and never see
 * Excel objects. Two implementations: OfficeHost (the live workbook, src/hosts/office) and
 * FileHost (.xlsx files in the browser, src/hosts/xlsx, loaded lazily).
 */
import type { RawSubmission } from '../core/plan/types';
import { SHEET_NAMES } from '../core/sheets/columns';
import type { WorkbookSpec } from '../core/sheets/spec';
import type { Finding } from '../core/validate/types';
import type { DegradeNote, OfficeWorkbook } from '../hosts/office';
import type { CellEdit, PatchRequest } from '../hosts/xlsx/patch';
import type { Catalog } from '../core/catalog/types';
import type { Settings } from '../core/plan/types';
import type { CheckFilesResult, Engine, XlsxEngine } from './engine';

export interface NamedBlob {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  /** Modification time in ms since the epoch (a browser File has it): orders a committee's files in 汇总 when no stamp or saved time decides. */
  lastModified?: number;
}

/** Read and check submission files for 汇总 (reader workers, engine/pool.ts); results in the files' order. */
export type CheckFiles = (files: NamedBlob[], catalog: Catalog, settings: Settings, onFile?: (done: number, name: string) => void) => Promise<CheckFilesResult>;

export interface Host {
  kind: 'office' | 'file';
  /** What this host cannot do (shown as a visible note). */
  notes: DegradeNote[];
  /** Create the committee's plan sheets: in this workbook (keeping entered rows) or as a download. */
  createCommitteeWorkbook(spec: WorkbookSpec, fileName: string): Promise<{ keptRows: number; notes: DegradeNote[] }>;
  /** The committee this workbook was made for (its _meta), if any (Office only). */
  currentCommitteeId?(): Promise<string | null>;
  /** Read this workbook (Office only). */
  readThisWorkbook?(): Promise<RawSubmission>;
  /** Read a chosen .xlsx file; throws FileRefused when it is not one of our workbooks. */
  readFile(file: NamedBlob): Promise<RawSubmission>;
  /** Read and check the submissions of 汇总, each in isolation (absent: readFile + checkSubmission one by one). */
  checkFiles?: CheckFiles;
  /** Show a cell (Office only). */
  selectCell?(sheet: string, address: string): Promise<void>;
  /** Write values in one batched operation (Office only; text stays text). */
  writeCells?(cells: CellEdit[]): Promise<void>;
  /** Stamp key/values into _meta (Office only). */
  stamp?(entries: Record<string, string>, password: string): Promise<void>;
  /** Edit a chosen file's bytes (one-click fixes, the 提交 stamp): returns the new bytes; the input is untouched. */
  patchFile(bytes: Uint8Array, req: PatchRequest): Promise<Uint8Array>;
  /** Save a copy under a name: the live workbook (Office) or the given bytes (file). */
  saveCopy(fileName: string, bytes?: Uint8Array): Promise<void>;
  /** Render a workbook description to an .xlsx download (both hosts; e.g. a 退回意见 copy). */
  downloadWorkbook(spec: WorkbookSpec, fileName: string): Promise<void>;
  /** Render several workbook descriptions into one .zip download (下载全部工作簿; both hosts). */
  downloadWorkbooks(items: { spec: WorkbookSpec; fileName: string }[], zipName: string): Promise<void>;
  /** Write the summary: into this workbook (Office) or as a download. */
  writeSummary(spec: WorkbookSpec, fileName: string): Promise<{ notes: DegradeNote[] }>;
}

export interface HostDeps {
  loadEngine(): Promise<Engine>;
  loadXlsx(): Promise<XlsxEngine>;
  download(bytes: Uint8Array, fileName: string, mime?: string): void;
  /** 汇总's reader (engine/workers.ts), given to both hosts. */
  checkFiles?: CheckFiles;
}

/** A file that cannot be read as one of our workbooks: the reader's finding says why and what to do. */
export class FileRefused extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message.zh);
    this.name = 'FileRefused';
  }
}

async function patchWith(deps: HostDeps, bytes: Uint8Array, req: PatchRequest): Promise<Uint8Array> {
  const x = await deps.loadXlsx();
  return x.patchWorkbook(bytes, req);
}

async function downloadWith(deps: HostDeps, spec: WorkbookSpec, fileName: string): Promise<void> {
  const x = await deps.loadXlsx();
  deps.download(await x.renderWorkbook(spec), fileName);
}

async function downloadZipWith(deps: HostDeps, items: { spec: WorkbookSpec; fileName: string }[], zipName: string): Promise<void> {
  const x = await deps.loadXlsx();
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const it of items) files.push({ name: it.fileName, bytes: await x.renderWorkbook(it.spec) });
  deps.download(x.zipFiles(files), zipName, 'application/zip');
}

async function readFileWith(deps: HostDeps, file: NamedBlob): Promise<RawSubmission> {
  const [x, bytes] = await Promise.all([deps.loadXlsx(), file.arrayBuffer()]);
  const res = await x.readWorkbook(new Uint8Array(bytes), file.name);
  if (res.refusal) throw new FileRefused(res.refusal);
  return res.raw;
}

export function createFileHost(deps: HostDeps, notes: DegradeNote[] = []): Host {
  return {
    kind: 'file',
    notes,
    async createCommitteeWorkbook(spec, fileName) {
      await downloadWith(deps, spec, fileName);
      return { keptRows: 0, notes: [] };
    },
    readFile: (file) => readFileWith(deps, file),
    ...(deps.checkFiles ? { checkFiles: deps.checkFiles } : {}),
    patchFile: (bytes, req) => patchWith(deps, bytes, req),
    downloadWorkbook: (spec, fileName) => downloadWith(deps, spec, fileName),
    downloadWorkbooks: (items, zipName) => downloadZipWith(deps, items, zipName),
    async saveCopy(fileName, bytes) {
      if (!bytes) throw new Error('no bytes to save');
      deps.download(bytes, fileName);
    },
    async writeSummary(spec, fileName) {
      const x = await deps.loadXlsx();
      deps.download(await (x.renderSummary ?? x.renderWorkbook)(spec), fileName);
      return { notes: [] };
    },
  };
}

export function createOfficeHost(deps: HostDeps, wb: OfficeWorkbook, getDocumentBytes: () => Promise<Uint8Array>): Host {
  return {
    kind: 'office',
    notes: wb.notes,
    async createCommitteeWorkbook(spec) {
      const r = await wb.render(spec, { preserve: true });
      return { keptRows: Object.values(r.preservedRows).reduce((a, b) => a + b, 0), notes: r.notes };
    },
    async currentCommitteeId() {
      const [engine, res] = await Promise.all([deps.loadEngine(), wb.readSheets([SHEET_NAMES.meta])]);
      if (!res.grids[SHEET_NAMES.meta]) return null;
      return engine.rawFromGrids(res.grids, '').meta.committeeId || null;
    },
    async readThisWorkbook() {
      const [engine, res] = await Promise.all([
        deps.loadEngine(),
        wb.readSheets([SHEET_NAMES.tasks, SHEET_NAMES.budget, SHEET_NAMES.milestones, SHEET_NAMES.meta, SHEET_NAMES.guide]),
      ]);
      return engine.rawFromGrids(res.grids, '');
    },
    readFile: (file) => readFileWith(deps, file),
    ...(deps.checkFiles ? { checkFiles: deps.checkFiles } : {}),
    patchFile: (bytes, req) => patchWith(deps, bytes, req),
    downloadWorkbook: (spec, fileName) => downloadWith(deps, spec, fileName),
    downloadWorkbooks: (items, zipName) => downloadZipWith(deps, items, zipName),
    selectCell: (sheet, address) => wb.selectCell(sheet, address),
    async writeCells(cells) {
      await wb.writeCells(cells);
    },
    async stamp(entries, password) {
      await wb.upsertKeyValues(SHEET_NAMES.meta, entries, password);
    },
    async saveCopy(fileName, bytes) {
      deps.download(bytes ?? (await getDocumentBytes()), fileName);
    },
    async writeSummary(spec) {
      const r = await wb.render(spec, { preserve: false });
      return { notes: r.notes };
    },
  };
}
