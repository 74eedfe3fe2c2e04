/** Lazy loaders: the first load of the task pane stays small; the engines come when needed. */
import type { DocxEngine, Engine, XlsxEngine } from './types';

export type { DocxEngine, Engine, XlsxEngine, Checked, Refused, Summary, RosterRow, RosterStatus } from './types';

let engineP: Promise<Engine> | null = null;
let xlsxP: Promise<XlsxEngine> | null = null;
let docxP: Promise<DocxEngine> | null = null;

export function loadEngine(): Promise<Engine> {
  return (engineP ??= import(/* webpackChunkName: "engine" */ './impl').then((m) => m.engine));
}

export function loadXlsx(): Promise<XlsxEngine> {
  return (xlsxP ??= import(/* webpackChunkName: "xlsx" */ './xlsx').then((m) => m.xlsx));
}

export function loadDocx(): Promise<DocxEngine> {
  return (docxP ??= import(/* webpackChunkName: "docx" */ './docx').then((m) => m.docx));
}
