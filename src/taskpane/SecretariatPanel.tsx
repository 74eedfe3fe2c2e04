/** 汇总: settings, next year's 要点, submission files → consolidate with progress and the roster. */
import * as React from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, ProgressBar, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { FilePicker } from './FilePicker';
import { OutlinePreview } from './OutlinePreview';
import { withAssigned } from './assigned';
import { SettingsFields } from './SettingsFields';
import { needsRegion } from '../core/catalog';
import { parseCatalog } from '../core/catalog/parse';
import type { Catalog } from '../core/catalog/types';
import type { Settings } from '../core/plan/types';
import { t, type Key, type Lang } from '../i18n/taskpane';
import type { Finding } from '../core/validate/types';
import type { Checked, Engine, Refused, RosterStatus, Summary } from './engine';
import { FileRefused, type Host, type NamedBlob } from './host';
import { newSecret } from './secret';
import { modifiedAtOf } from './modifiedAt';

const useStyles = makeStyles({
  block: { marginTop: '12px', display: 'flex', flexDirection: 'column', gap: '8px' },
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: '6px',
    padding: '12px',
    textAlign: 'center',
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorBrandStroke1}` },
  },
  dropActive: { backgroundColor: tokens.colorBrandBackground2 },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, '& td, & th': { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: '2px 4px', textAlign: 'left', overflowWrap: 'anywhere' } },
  files: { listStyleType: 'none', padding: 0, margin: 0, '& li': { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  nowrap: { whiteSpace: 'nowrap' },
  small: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
});

export const STATUS_KEY: Record<RosterStatus, Key> = {
  submitted: 'statusSubmitted',
  missing: 'statusMissing',
  errors: 'statusErrors',
  refused: 'statusRefused',
  replaced: 'statusReplaced',
};

export { modifiedAtOf };

export interface SecretariatPanelProps {
  host: Host;
  catalog: Catalog;
  settings: Settings;
  lang: Lang;
  loadEngine: () => Promise<Engine>;
  onSettings: (s: Settings) => void;
  /** The secretariat's secret (taskpane/secret.ts), "" when none; kept apart from the settings. */
  secret?: string;
  onSecret?: (s: string) => void;
  onCatalog: (c: Catalog) => void;
  onSummary: (s: Summary) => void;
  summary: Summary | null;
  /** 下载汇编（.docx）, shown once there is a consolidation. */
  compilation?: React.ReactNode;
}

/** A performance mark (bench/page-consolidate.ts reads them), where the browser has marks. */
function mark(name: string, detail?: unknown): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name, { detail });
}

/** Read and check each file on this thread, in turn (a host without checkFiles). */
async function readOneByOne(host: Host, files: NamedBlob[], engine: Engine, catalog: Catalog, settings: Settings, onFile: (done: number, name: string) => void): Promise<{ checked: Checked[]; refused: Refused[]; workers: number }> {
  const checked: Checked[] = [];
  const refused: Refused[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const bytes = new Uint8Array(await f.arrayBuffer());
    const modifiedAt = modifiedAtOf(f);
    try {
      const raw = await host.readFile(f);
      checked.push({ file: f.name, bytes, modifiedAt, raw, ...engine.checkSubmission(raw, catalog, settings) });
    } catch (e) {
      // Listed with its reason; the others go on.
      const finding: Finding =
        e instanceof FileRefused
          ? e.finding
          : { severity: 'error', code: 'file.unreadable', message: { zh: `文件“${f.name}”无法读取：${(e as Error).message}`, en: `File "${f.name}" cannot be read: ${(e as Error).message}` }, file: f.name, sheet: '', row: 0, column: '', columnKey: '', raw: null, fix: null };
      refused.push({ file: f.name, bytes, modifiedAt, finding });
    }
    onFile(i + 1, f.name);
  }
  return { checked, refused, workers: 0 };
}

const fmt = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 4 });

export function SecretariatPanel(p: SecretariatPanelProps): React.JSX.Element {
  const { host, catalog, settings, lang } = p;
  const s = useStyles();
  const [files, setFiles] = React.useState<NamedBlob[]>([]);
  const [drag, setDrag] = React.useState(false);
  const [progress, setProgress] = React.useState<{ value: number; text: string } | null>(null);
  const [message, setMessage] = React.useState<{ intent: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [outlineText, setOutlineText] = React.useState('');
  const [preview, setPreview] = React.useState<Catalog | null>(null);
  /** Committees typed for points of the previewed outline that name none. */
  const [assign, setAssign] = React.useState<Record<string, string[]>>({});
  const input = React.useRef<HTMLInputElement>(null);
  /** The submissions of the last consolidation, for 退回意见 copies. */
  const [lastChecked, setLastChecked] = React.useState<Checked[]>([]);

  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => p.onSettings({ ...settings, [k]: v });
  const addFiles = (list: FileList | null) => {
    if (!list) return;
    const add = Array.from(list).filter((f) => /\.xlsx$/i.test(f.name));
    setFiles((old) => [...old.filter((o) => !add.some((a) => a.name === o.name)), ...add]);
  };

  const consolidate = async () => {
    setMessage(null);
    try {
      mark('pb:consolidate:start');
      const engineP = p.loadEngine();
      const reading = (done: number, name: string) => setProgress({ value: done / (files.length + 1), text: t(lang, 'reading', { i: done, n: files.length, name }) });
      reading(0, files[0].name);
      // Each file read and checked in isolation (reader workers); one by one here when the host has no such reader.
      const { checked, refused, workers } = host.checkFiles ? await host.checkFiles(files, catalog, settings, reading) : await readOneByOne(host, files, await engineP, catalog, settings, reading);
      mark('pb:consolidate:checked', { workers });
      const engine = await engineP;
      setProgress({ value: files.length / (files.length + 1), text: t(lang, 'writing') });
      const summary = engine.summarise(checked, refused, catalog, settings, p.summary?.memo ?? null, p.secret || undefined);
      setLastChecked(checked);
      const r = await host.writeSummary(summary.spec, summary.fileName);
      p.onSummary(summary);
      mark('pb:consolidate:done');
      const { tasks, budget: total } = summary.totals;
      const notes = r.notes.map((n) => n[lang]).join(' ');
      setMessage({ intent: notes ? 'warning' : 'success', text: [t(lang, 'consolidated', { tasks, total: fmt(total), unit: settings.budgetUnit }), notes].filter(Boolean).join(' ') });
    } catch (e) {
      setMessage({ intent: 'error', text: t(lang, 'error', { message: (e as Error).message }) });
    } finally {
      setProgress(null);
    }
  };

  /** 退回意见 for one submission: its rows with the findings as cell notes and a 修改意见 sheet, downloaded. */
  const feedback = async (c: Checked, committee: string) => {
    try {
      const engine = await p.loadEngine();
      const { spec, fileName } = engine.describeFeedback(c.raw, c.findings, committee);
      await host.downloadWorkbook(spec, fileName);
      setMessage({ intent: 'success', text: t(lang, 'feedbackDone', { file: fileName, n: c.findings.length }) });
    } catch (e) {
      setMessage({ intent: 'error', text: t(lang, 'error', { message: (e as Error).message }) });
    }
  };
  const checkedOf = (file: string) => lastChecked.find((c) => c.file === file && c.findings.some((f) => f.severity !== 'info'));

  return (
    <div>
      <details>
        <summary>{t(lang, 'settings')}</summary>
        <div className={s.block}>
          <SettingsFields catalog={catalog} settings={settings} lang={lang} onSettings={p.onSettings} regionRequired={needsRegion(catalog)} only={['organisation', 'region', 'year', 'deadline', 'contact']} />
          <Field label={t(lang, 'secret')} hint={t(lang, p.secret ? 'secretHint' : 'secretNone')}>
            <Input type="password" autoComplete="off" value={p.secret ?? ''} onChange={(_, d) => p.onSecret?.(d.value.trim())} />
          </Field>
          {!p.secret && p.onSecret ? (
            <Button size="small" onClick={() => p.onSecret!(newSecret())}>
              {t(lang, 'secretNew')}
            </Button>
          ) : null}
          <SettingsFields catalog={catalog} settings={settings} lang={lang} onSettings={p.onSettings} only={['ceilings']} />
        </div>
      </details>

      <details>
        <summary>{t(lang, 'outline')}</summary>
        <div className={s.block}>
          <p>{t(lang, 'outlineInUse', { title: catalog.title || '—', p: catalog.points.length })}</p>
          <Field label={t(lang, 'outlineText')}>
            <Textarea value={outlineText} resize="vertical" rows={5} onChange={(_, d) => setOutlineText(d.value)} />
          </Field>
          <FilePicker label={t(lang, 'outlineFile')} accept=".txt,text/plain" lang={lang} onFile={async (f) => setOutlineText(await f.text())} />
          <Button
            disabled={!outlineText.trim()}
            onClick={() => {
              setPreview(parseCatalog(outlineText));
              setAssign({});
            }}
          >
            {t(lang, 'parse')}
          </Button>
          {preview && (
            <div>
              <OutlinePreview
                catalog={withAssigned(preview, assign)}
                lang={lang}
                region={settings.region}
                label={t(lang, 'outline')}
                assigned={assign}
                onAssign={(n, names) => setAssign({ ...assign, [String(n)]: names })}
              />
              <Button
                appearance="primary"
                disabled={!preview.points.length}
                onClick={() => {
                  p.onCatalog(preview);
                  // The committees assigned here belong to this outline: they replace those of the previous one.
                  const pointCommittees = Object.fromEntries(Object.entries(assign).filter(([, v]) => v.length));
                  p.onSettings({ ...settings, year: preview.year ?? settings.year, pointCommittees });
                  setPreview(null);
                  setAssign({});
                }}
              >
                {t(lang, 'useOutline')}
              </Button>
            </div>
          )}
          {!preview && (
            <details>
              <summary>{t(lang, 'outlineInUseShow')}</summary>
              <OutlinePreview
                catalog={catalog}
                lang={lang}
                region={settings.region}
                label={t(lang, 'outlineInUseShow')}
                assigned={settings.pointCommittees}
                onAssign={(n, names) => set('pointCommittees', { ...settings.pointCommittees, [String(n)]: names })}
              />
            </details>
          )}
        </div>
      </details>

      <div className={s.block}>
        <h3>{t(lang, 'submissions')}</h3>
        <div
          role="button"
          tabIndex={0}
          aria-label={t(lang, 'dropHere')}
          className={`${s.drop} ${drag ? s.dropActive : ''}`}
          onClick={() => input.current?.click()}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              input.current?.click();
            }
          }}
          onDragOver={(e) => {
            e.preventDefault();
            setDrag(true);
          }}
          onDragLeave={() => setDrag(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDrag(false);
            addFiles(e.dataTransfer.files);
          }}
        >
          {t(lang, 'dropHere')}
        </div>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept=".xlsx"
          data-testid="submission-files"
          aria-label={t(lang, 'submissions')}
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        {files.length > 0 && (
          <>
            <p role="status">{t(lang, 'filesChosen', { n: files.length })}</p>
            <ul className={s.files}>
              {files.map((f) => (
                <li key={f.name}>
                  <span>{f.name}</span>
                  <Button size="small" appearance="subtle" aria-label={t(lang, 'removeFile', { name: f.name })} onClick={() => setFiles(files.filter((x) => x !== f))}>
                    ✕
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
        <Button appearance="primary" disabled={!files.length || !!progress} onClick={consolidate}>
          {host.kind === 'office' ? t(lang, 'consolidate') : t(lang, 'consolidateDownload')}
        </Button>
        {progress && <ProgressBar value={progress.value} aria-label={progress.text} />}
        {progress && <p role="status">{progress.text}</p>}
        {message && (
          <MessageBar layout="multiline" intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {p.summary && p.compilation && (
        <div className={s.block}>
          <h3>{t(lang, 'compilation')}</h3>
          {p.compilation}
        </div>
      )}

      {p.summary && (
        <div className={s.block}>
          <h3>{t(lang, 'roster')}</h3>
          <table className={s.table} data-testid="roster">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'colCommittee')}</th>
                <th scope="col" className={s.nowrap}>{t(lang, 'colStatus')}</th>
                <th scope="col" className={s.nowrap}>{t(lang, 'colTasks')}</th>
                <th scope="col" className={s.nowrap}>{t(lang, 'colBudget')}</th>
              </tr>
            </thead>
            <tbody>
              {p.summary.roster.map((r, i) => (
                <tr key={`${r.committeeId}-${r.file}-${i}`} data-status={r.status}>
                  <td>
                    {r.committee || r.file}
                    {r.file && r.committee ? <div className={s.small}>{r.file}</div> : null}
                    {r.token ? <div className={s.small}>{t(lang, 'tokenStatus', { status: r.token[lang] })}</div> : null}
                    {r.reason ? <div className={s.small}>{r.reason[lang]}</div> : null}
                    {(() => {
                      const c = r.file && (r.status === 'errors' || r.status === 'submitted') ? checkedOf(r.file) : undefined;
                      return c ? (
                        <Button size="small" onClick={() => void feedback(c, r.committee)} aria-label={t(lang, 'feedbackFor', { name: r.committee || r.file })}>
                          {t(lang, 'feedback')}
                        </Button>
                      ) : null;
                    })()}
                  </td>
                  <td className={s.nowrap}>{t(lang, STATUS_KEY[r.status])}</td>
                  <td className={s.nowrap}>{r.tasks}</td>
                  <td className={s.nowrap}>{fmt(r.budget)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
