/** The task pane: three tabs by role, zh-CN first with an English switch. */
import * as React from 'react';
import { Button, FluentProvider, MessageBar, MessageBarBody, Spinner, Tab, TabList, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import type { Catalog } from '../core/catalog/types';
import type { Settings } from '../core/plan/types';
import { t, type Lang } from '../i18n/taskpane';
import { ClerkPanel } from './ClerkPanel';
import { CompilationButton } from './CompilationButton';
import { loadDocx as loadDocxChunk, type DocxEngine, type Engine, type Summary } from './engine';
import type { Host } from './host';
import { withAssigned } from './assigned';
import { loadSecret, saveSecret } from './secret';

// 汇总 and 审阅 (with the outline parser and the Fluent components only they use) are chunks of
// their own: loaded when their tab is first shown, or once the page is idle; never before the first
// button of the opening tab is usable.
const loadSecretariat = () => import(/* webpackChunkName: "secretariat" */ './SecretariatPanel');
const loadReview = () => import(/* webpackChunkName: "review" */ './ReviewPanel');
const SecretariatPanel = React.lazy(() => loadSecretariat().then((m) => ({ default: m.SecretariatPanel })));
const ReviewPanel = React.lazy(() => loadReview().then((m) => ({ default: m.ReviewPanel })));

/** After the page is usable (idle, or 2 s at most): fetch the other tabs' chunks so a switch is instant. */
function prefetchPanels(): () => void {
  const run = () => void Promise.all([loadSecretariat(), loadReview()]).catch(() => undefined);
  const w = globalThis as unknown as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (h: number) => void };
  if (w.requestIdleCallback && w.cancelIdleCallback) {
    const h = w.requestIdleCallback(run, { timeout: 2000 });
    return () => w.cancelIdleCallback!(h);
  }
  const h = setTimeout(run, 1000);
  return () => clearTimeout(h);
}

const useStyles = makeStyles({
  root: { padding: '8px 10px 24px', minWidth: '0', maxWidth: '720px', fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, overflowWrap: 'anywhere' },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px', flexWrap: 'wrap' },
  title: { fontSize: tokens.fontSizeBase500, margin: '4px 0' },
  tabs: { marginTop: '4px', flexWrap: 'wrap' },
  panel: { marginTop: '8px' },
});

export type TabId = 'clerk' | 'secretariat' | 'review';

export interface AppProps {
  host: Host;
  detecting?: boolean;
  initialCatalog: Catalog;
  initialSettings: Settings;
  initialTab?: TabId;
  initialLang?: Lang;
  loadEngine: () => Promise<Engine>;
  /** The .docx chunk for the 汇编 (default: loaded lazily from ./engine). */
  loadDocx?: () => Promise<DocxEngine>;
  /** Switch to the file mode (offered when Excel is too old). */
  onUseFileMode?: () => void;
}

const STORAGE_KEY = 'plan-budget.taskpane.v1';

export interface Saved {
  settings?: Settings;
  catalog?: Catalog;
  lang?: Lang;
}

/** What the last session kept in this browser's localStorage (nothing if unavailable). */
export function loadLocal(): Saved {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as Saved;
  } catch {
    return {};
  }
}

function saveLocal(s: Saved): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(s));
  } catch {
    /* private mode or quota: settings simply are not kept */
  }
}

export function App(p: AppProps): React.JSX.Element {
  const s = useStyles();
  const [lang, setLang] = React.useState<Lang>(p.initialLang ?? 'zh');
  const [tab, setTab] = React.useState<TabId>(p.initialTab ?? 'clerk');
  /** Tabs shown so far: their panels stay mounted (what was typed or chosen there is kept). */
  const [shown, setShown] = React.useState<ReadonlySet<TabId>>(() => new Set([p.initialTab ?? 'clerk']));
  const [catalog, setCatalog] = React.useState(p.initialCatalog);
  const [settings, setSettings] = React.useState(p.initialSettings);
  // The secretariat's secret: its own localStorage key, never in the settings (taskpane/secret.ts).
  const [secret, setSecret] = React.useState(loadSecret);
  const [summary, setSummary] = React.useState<Summary | null>(null);
  // The outline as used: with the committees the secretariat assigned to points that name none.
  const inUse = React.useMemo(() => withAssigned(catalog, settings.pointCommittees), [catalog, settings.pointCommittees]);
  const host = p.host;
  const report = summary?.report;
  const compilation = report ? <CompilationButton report={report} catalog={catalog} host={host} lang={lang} loadDocx={p.loadDocx ?? loadDocxChunk} /> : null;

  React.useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  // Settings and the outline in use stay on this machine between sessions (never uploaded).
  React.useEffect(() => saveLocal({ settings, catalog, lang }), [settings, catalog, lang]);
  React.useEffect(() => saveSecret(secret), [secret]);
  React.useEffect(prefetchPanels, []);
  const selectTab = (next: TabId) => {
    setTab(next);
    if (!shown.has(next)) setShown(new Set([...shown, next]));
  };
  const loading = <Spinner size="tiny" label={t(lang, 'loadingPanel')} />;


  return (
    <FluentProvider theme={webLightTheme} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <main className={s.root}>
        <header className={s.header}>
          <h1 className={s.title}>{t(lang, 'appTitle')}</h1>
          <Button size="small" aria-label={t(lang, 'langSwitchLabel')} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t(lang, 'langSwitch')}
          </Button>
        </header>
        <MessageBar layout="multiline" intent={host.kind === 'office' ? 'success' : 'info'} data-testid="host-banner">
          <MessageBarBody>{p.detecting ? t(lang, 'hostDetecting') : host.kind === 'office' ? t(lang, 'hostOffice') : t(lang, 'hostFile')}</MessageBarBody>
        </MessageBar>
        {host.notes.length > 0 && (
          <MessageBar layout="multiline" intent="warning" data-testid="degrade-notes">
            <MessageBarBody>
              {t(lang, 'oldExcel')} {host.notes.map((n) => n[lang]).join(' ')}
              {p.onUseFileMode && host.kind === 'office' && (
                <Button size="small" onClick={p.onUseFileMode}>
                  {t(lang, 'useFileMode')}
                </Button>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        <TabList className={s.tabs} selectedValue={tab} onTabSelect={(_, d) => selectTab(d.value as TabId)} aria-label={t(lang, 'tabs')}>
          <Tab value="clerk">{t(lang, 'tabClerk')}</Tab>
          <Tab value="secretariat">{t(lang, 'tabSecretariat')}</Tab>
          <Tab value="review">{t(lang, 'tabReview')}</Tab>
        </TabList>
        <div className={s.panel} role="tabpanel" aria-label={t(lang, tab === 'clerk' ? 'tabClerk' : tab === 'secretariat' ? 'tabSecretariat' : 'tabReview')}>
          <div hidden={tab !== 'clerk'}>
            <ClerkPanel host={host} catalog={inUse} settings={settings} secret={secret} lang={lang} loadEngine={p.loadEngine} onSettings={setSettings} />
          </div>
          <div hidden={tab !== 'secretariat'}>
            {shown.has('secretariat') && (
              <React.Suspense fallback={loading}>
                <SecretariatPanel
                  host={host}
                  catalog={inUse}
                  settings={settings}
                  lang={lang}
                  loadEngine={p.loadEngine}
                  onSettings={setSettings}
                  secret={secret}
                  onSecret={setSecret}
                  onCatalog={setCatalog}
                  onSummary={setSummary}
                  summary={summary}
                  compilation={compilation}
                />
              </React.Suspense>
            )}
          </div>
          <div hidden={tab !== 'review'}>
            {shown.has('review') && (
              <React.Suspense fallback={loading}>
                <ReviewPanel
                  figures={summary?.figures ?? null}
                  lang={lang}
                  unit={settings.budgetUnit}
                  openSheet={host.kind === 'office' && host.selectCell ? (sheet) => void host.selectCell!(sheet, 'A1') : undefined}
                  compilation={compilation}
                />
              </React.Suspense>
            )}
          </div>
        </div>
      </main>
    </FluentProvider>
  );
}
