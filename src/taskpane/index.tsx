/**
 * Entry of taskpane.html. Renders at once in file mode (so the page is usable outside Excel and
 * interactive fast), then switches to the live workbook when Office.onReady reports Excel.
 * office.js is loaded only when Office hosts the page (hosts/office/loader.ts): in a plain
 * browser the page requests nothing outside its own origin.
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import type { Catalog } from '../core/catalog/types';
import { defaultSettings } from '../core/plan/settings';
import { officeHostSignal, officeIfHosted } from '../hosts/office/loader';
import { App, loadLocal, type TabId } from './App';
import { builtInCatalog } from './builtInCatalog';
import { downloadBytes } from './download';
import { loadEngine, loadWorkers, loadXlsx } from './engine';
import { detectExcel } from './detect';
import { createFileHost, createOfficeHost, type Host, type HostDeps } from './host';

const deps: HostDeps = {
  loadEngine,
  loadXlsx,
  download: downloadBytes,
  checkFiles: (files, catalog, settings, onFile) => loadWorkers().then((w) => w.checkFiles(files, catalog, settings, onFile)),
};
const params = new URLSearchParams(location.search);
const tab: TabId = params.get('tab') === 'consolidate' ? 'secretariat' : params.get('tab') === 'review' ? 'review' : 'clerk';
const saved = loadLocal();

async function start(): Promise<void> {
  // The outline in use: the one kept in this browser, else the built-in one (parsed at build time).
  const catalog: Catalog = saved.catalog?.points?.length ? saved.catalog : builtInCatalog();
  const settings = { ...defaultSettings(catalog), ...saved.settings };
  const root = createRoot(document.getElementById('root')!);
  const show = (host: Host, detecting: boolean, onUseFileMode?: () => void) =>
    root.render(
      <App host={host} detecting={detecting} initialCatalog={catalog} initialSettings={settings} initialTab={tab} initialLang={saved.lang} loadEngine={loadEngine} onUseFileMode={onUseFileMode} />,
    );

  const fileHost = createFileHost(deps);
  const signal = officeHostSignal(window);
  show(fileHost, !!signal);
  // The live workbook's host (src/hosts/office) is needed only inside Excel: fetched while office.js starts.
  const officeModule = signal ? import(/* webpackChunkName: "office" */ '../hosts/office') : null;
  (window as unknown as { __taskpaneReady?: number }).__taskpaneReady = performance.now();
  const office = await officeIfHosted();
  const inExcel = await detectExcel(office as Parameters<typeof detectExcel>[0] | undefined);
  if (!inExcel) return show(fileHost, false);
  const { createOfficeWorkbook, getDocumentBytes, officeRuntime } = await (officeModule ?? import(/* webpackChunkName: "office" */ '../hosts/office'));
  const rt = officeRuntime();
  if (!rt) return show(fileHost, false);
  const wb = createOfficeWorkbook(rt.run, rt.isSetSupported);
  if (!wb.caps.base) return show(createFileHost(deps, wb.notes), false);
  const officeHost = createOfficeHost(deps, wb, getDocumentBytes);
  show(officeHost, false, () => show(createFileHost(deps), false));
}

void start();
