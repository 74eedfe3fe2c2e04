/**
 * Ribbon commands (FunctionFile commands.html). 校验 (validateWorkbook): reads this workbook,
 * runs the validation engine and selects the first cell in error; the count is kept in the
 * document settings so the task pane can show it. 打开助手 and 汇总 open the task pane (manifest).
 */
import { defaultCatalog } from '../core/catalog';
import { defaultSettings } from '../core/plan/settings';
import { SHEET_NAMES } from '../core/sheets/columns';
import { createOfficeWorkbook, officeRuntime } from '../hosts/office';
import { officeIfHosted } from '../hosts/office/loader';
import { loadEngine } from '../taskpane/engine';

interface CommandEvent {
  completed(): void;
}

export async function validateWorkbook(event: CommandEvent): Promise<void> {
  try {
    const rt = officeRuntime();
    if (!rt) return;
    const wb = createOfficeWorkbook(rt.run, rt.isSetSupported);
    const [engine, read] = await Promise.all([
      loadEngine(),
      wb.readSheets([SHEET_NAMES.tasks, SHEET_NAMES.budget, SHEET_NAMES.milestones, SHEET_NAMES.meta]),
    ]);
    const catalog = defaultCatalog();
    const raw = engine.rawFromGrids(read.grids, '');
    const year = Number(raw.meta.year) || catalog.year || new Date().getFullYear();
    const { findings } = engine.checkSubmission(raw, catalog, defaultSettings(catalog, { year }));
    const first = findings.find((f) => f.severity === 'error' && f.sheet && f.row > 0);
    if (first) await wb.selectCell(first.sheet, `${first.column || 'A'}${first.row}`);
    const settings = (globalThis as { Office?: { context?: { document?: { settings?: { set(k: string, v: unknown): void; saveAsync(): void } } } } }).Office?.context?.document?.settings;
    settings?.set('lastValidation', { at: new Date().toISOString(), errors: findings.filter((f) => f.severity === 'error').length, total: findings.length });
    settings?.saveAsync();
  } catch (e) {
    console.error(e);
  } finally {
    event.completed();
  }
}

// Hosts that call a function file's functions by name find it on the window.
(globalThis as Record<string, unknown>).validateWorkbook = validateWorkbook;

type OfficeGlobal = { onReady(cb?: () => void): Promise<unknown>; actions?: { associate(name: string, fn: unknown): void } };
// office.js is loaded only when Office hosts this page (it always does for a function file; opened
// in a plain browser the page requests nothing).
void officeIfHosted().then((office) => {
  const Office = office as OfficeGlobal | undefined;
  if (!Office) return;
  void Office.onReady(() => {
    Office.actions?.associate('validateWorkbook', validateWorkbook);
  });
});
