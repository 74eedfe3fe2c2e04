/** Lazy loaders: the first load of the task pane stays small; the engines come when needed. */
import type { DocxEngine, Engine, XlsxEngine } from './types';
import type { CheckFilesResult } from './pool';

export type { CheckFilesResult };
export type { DocxEngine, Engine, XlsxEngine, Checked, Refused, Summary, RosterRow, RosterStatus } from './types';

let engineP: Promise<Engine> | null = null;
let xlsxP: Promise<XlsxEngine> | null = null;
let docxP: Promise<DocxEngine> | null = null;
let workersP: Promise<typeof import('./workers')> | null = null;

export function loadEngine(): Promise<Engine> {
  return (engineP ??= import(/* webpackChunkName: "engine" */ './impl').then((m) => m.engine));
}

export function loadXlsx(): Promise<XlsxEngine> {
  return (xlsxP ??= import(/* webpackChunkName: "xlsx" */ './xlsx').then((m) => m.xlsx));
}

export function loadDocx(): Promise<DocxEngine> {
  return (docxP ??= import(/* webpackChunkName: "docx" */ './docx').then((m) => m.docx));
}

/** 汇总's reader workers (engine/workers.ts: the pool and its worker bundle), loaded when a consolidation starts. */
export function loadWorkers(): Promise<typeof import('./workers')> {
  return (workersP ??= import(/* webpackChunkName: "workers" */ './workers'));
}
