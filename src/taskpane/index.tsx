/**
 * Entry of taskpane.html. Renders at once in file mode (so the page is usable outside Excel and
 * interactive fast), then switches to the live workbook when Office.onReady reports Excel.
 * office.js is loaded only when Office hosts the page (hosts/office/loader.ts): in a plain
 * browser the page requests nothing outside its own origin.
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { defaultCatalog } from '../core/catalog';
import { defaultSettings } from '../core/plan/settings';
import { createOfficeWorkbook, getDocumentBytes, officeRuntime } from '../hosts/office';
import { officeHostSignal, officeIfHosted } from '../hosts/office/loader';
import { App, loadLocal, type TabId } from './App';
import { downloadBytes } from './download';
import { loadEngine, loadXlsx } from './engine';
import { detectExcel } from './detect';
import { createFileHost, createOfficeHost, type Host, type HostDeps } from './host';

const deps: HostDeps = { loadEngine, loadXlsx, download: downloadBytes };
const params = new URLSearchParams(location.search);
const tab: TabId = params.get('tab') === 'consolidate' ? 'secretariat' : params.get('tab') === 'review' ? 'review' : 'clerk';
const saved = loadLocal();
const catalog = saved.catalog?.points?.length ? saved.catalog : defaultCatalog();
const settings = { ...defaultSettings(catalog), ...saved.settings };
const root = createRoot(document.getElementById('root')!);

function show(host: Host, detecting: boolean, onUseFileMode?: () => void) {
  root.render(
    <App host={host} detecting={detecting} initialCatalog={catalog} initialSettings={settings} initialTab={tab} initialLang={saved.lang} loadEngine={loadEngine} onUseFileMode={onUseFileMode} />,
  );
}

const fileHost = createFileHost(deps);
show(fileHost, !!officeHostSignal(window));
void officeIfHosted()
  .then((office) => detectExcel(office as Parameters<typeof detectExcel>[0] | undefined))
  .then((inExcel) => {
    const rt = inExcel ? officeRuntime() : null;
    if (!rt) return show(fileHost, false);
    const wb = createOfficeWorkbook(rt.run, rt.isSetSupported);
    if (!wb.caps.base) return show(createFileHost(deps, wb.notes), false);
    const officeHost = createOfficeHost(deps, wb, getDocumentBytes);
    show(officeHost, false, () => show(createFileHost(deps), false));
  });
(window as unknown as { __taskpaneReady?: number }).__taskpaneReady = performance.now();
