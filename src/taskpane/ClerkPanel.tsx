/** 填报: choose committee → create sheets → validate → fix → submit. */
import * as React from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, makeStyles } from '@fluentui/react-components';
import type { Catalog } from '../core/catalog/types';
import type { RawSubmission, Settings } from '../core/plan/types';
import { sha256 } from '../core/util/sha256';
import { beijingTime } from '../core/util/time';
import { needsRegion } from '../core/catalog';
import { SettingsFields } from './SettingsFields';
import type { Finding } from '../core/validate/types';
import { t, type Lang } from '../i18n/taskpane';
import type { Engine } from './engine';
import { FilePicker } from './FilePicker';
import { FindingsList } from './FindingsList';
import { SHEET_NAMES } from '../core/sheets/columns';
import { RECALC_PENDING_ENTRIES, rewriteFixes } from '../core/validate/fixes';
import type { CellEdit } from '../hosts/xlsx/patch';
import { FileRefused, type Host, type NamedBlob } from './host';

/** Bytes in memory as a file the host can read. */
const bytesBlob = (name: string, bytes: Uint8Array): NamedBlob => ({ name, arrayBuffer: async () => bytes.slice().buffer });

const useStyles = makeStyles({
  step: { marginTop: '12px', display: 'flex', flexDirection: 'column', gap: '8px' },
  action: { marginTop: '8px' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
});

export interface ClerkPanelProps {
  host: Host;
  catalog: Catalog;
  settings: Settings;
  /** The secretariat's secret when this machine has one (taskpane/secret.ts): new workbooks carry the committee token. */
  secret?: string;
  lang: Lang;
  loadEngine: () => Promise<Engine>;
  /** Change the settings that shape the workbooks (region, deadline, contact, ceilings), here where they are made. */
  onSettings?: (s: Settings) => void;
  now?: () => Date;
}

/** Content hash of what was entered (rows by stable key), independent of formatting. */
export function contentHash(raw: RawSubmission): string {
  const rows = (xs: RawSubmission['tasks']) => xs.map((r) => r.cells);
  return sha256(JSON.stringify({ tasks: rows(raw.tasks), budget: rows(raw.budgetLines), milestones: rows(raw.milestones) })).slice(0, 16);
}

export function ClerkPanel({ host, catalog, settings, secret, lang, loadEngine, onSettings, now = () => new Date() }: ClerkPanelProps): React.JSX.Element {
  const s = useStyles();
  const [committeeId, setCommitteeId] = React.useState(catalog.committees[0]?.id ?? '');
  const [busy, setBusy] = React.useState(false);
  /** The last outcome, shown next to what caused it: the 提交 button (at: 'submit') or the steps above. */
  const [message, setMessage] = React.useState<{ intent: 'success' | 'error' | 'warning' | 'info'; text: string; at?: 'submit' } | null>(null);
  /** Bumped when 提交 is refused: the findings list moves the focus to the first error. */
  const [focusError, setFocusError] = React.useState(0);
  const [findings, setFindings] = React.useState<Finding[] | null>(null);
  const [raw, setRaw] = React.useState<RawSubmission | null>(null);
  const [file, setFile] = React.useState<NamedBlob | null>(null);
  /** The chosen file's bytes, with the one-click fixes applied so far (file mode). */
  const [fileBytes, setFileBytes] = React.useState<Uint8Array | null>(null);
  const [fixedCount, setFixedCount] = React.useState(0);
  const [who, setWho] = React.useState('');
  /** The committee the checked workbook was made for (its _meta), when it names a known one. */
  const [workbookCommitteeId, setWorkbookCommitteeId] = React.useState<string | null>(null);
  const committee = catalog.committees.find((c) => c.id === committeeId);

  // Inside a workbook made for a committee, that committee is the one to work on.
  React.useEffect(() => {
    let live = true;
    host
      .currentCommitteeId?.()
      .then((id) => {
        if (live && id && catalog.committees.some((c) => c.id === id)) setCommitteeId(id);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [host, catalog]);

  const run = async (fn: () => Promise<void>, at?: 'submit') => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
    } catch (e) {
      setMessage({ intent: 'error', text: t(lang, 'error', { message: (e as Error).message }), at });
    } finally {
      setBusy(false);
    }
  };

  // “**” in the outline is a place: nothing is generated until the region is set (never invented).
  const regionMissing = needsRegion(catalog) && !settings.region.trim();
  // The workbook settings open by themselves while the region is missing (and stay open while it is typed).
  const [settingsOpen, setSettingsOpen] = React.useState(regionMissing);
  React.useEffect(() => {
    if (regionMissing) setSettingsOpen(true);
  }, [regionMissing]);
  /** What 生成 / 下载全部 said, shown next to those buttons (not with the checks further down). */
  const [made, setMade] = React.useState<{ intent: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const runStep1 = (fn: () => Promise<void>) =>
    run(async () => {
      setMade(null);
      try {
        await fn();
      } catch (e) {
        setMade({ intent: 'error', text: t(lang, 'error', { message: (e as Error).message }) });
      }
    });

  const create = () =>
    runStep1(async () => {
      if (regionMissing) return;
      const engine = await loadEngine();
      const spec = secret ? engine.describeCommitteeWorkbook(catalog, settings, committeeId, secret) : engine.describeCommitteeWorkbook(catalog, settings, committeeId);
      const name = engine.committeeFileName(settings.year, committee?.name ?? committeeId);
      const r = await host.createCommitteeWorkbook(spec, name);
      const notes = r.notes.map((n) => n[lang]).join(' ');
      setMade({ intent: notes ? 'warning' : 'success', text: [t(lang, 'created', { what: name }), r.keptRows ? t(lang, 'keptRows', { n: r.keptRows }) : '', notes].filter(Boolean).join(' ') });
    });

  /** 下载全部工作簿: every committee's workbook in one .zip. */
  const createAll = () =>
    runStep1(async () => {
      if (regionMissing) return;
      const engine = await loadEngine();
      const items = catalog.committees.map((c) => ({ spec: secret ? engine.describeCommitteeWorkbook(catalog, settings, c.id, secret) : engine.describeCommitteeWorkbook(catalog, settings, c.id), fileName: engine.committeeFileName(settings.year, c.name) }));
      const zipName = `${settings.year}年工作计划-全部专委会.zip`;
      await host.downloadWorkbooks(items, zipName);
      setMade({ intent: 'success', text: t(lang, 'createdAll', { n: items.length, what: zipName }) });
    });

  /** Read + check a chosen file (its bytes) or this workbook; `keepFixes` after a fix in file mode. */
  const checkNow = async (chosen?: NamedBlob, bytes?: Uint8Array, keepFixes = false) => {
    const engine = await loadEngine();
    setFile(chosen ?? null);
    setFileBytes(bytes ?? null);
    if (!keepFixes) setFixedCount(0);
    let got: RawSubmission;
    try {
      got = chosen && bytes ? await host.readFile(bytesBlob(chosen.name, bytes)) : await host.readThisWorkbook!();
    } catch (e) {
      // Not one of our workbooks (old .xls, csv, password, corrupt…): the refusal is the finding.
      if (!(e instanceof FileRefused)) throw e;
      setRaw(null);
      setWorkbookCommitteeId(null);
      setFindings([e.finding]);
      return;
    }
    const res = engine.checkSubmission(got, catalog, settings);
    // The workbook says whose it is: the dropdown follows, and 提交 names the copy after it.
    const own = res.submission.committeeId && catalog.committees.some((c) => c.id === res.submission.committeeId) ? res.submission.committeeId : null;
    setWorkbookCommitteeId(own);
    if (own) setCommitteeId(own);
    setRaw(got);
    setFindings(res.findings);
  };

  const check = (chosen?: NamedBlob) =>
    run(async () => {
      const bytes = chosen ? new Uint8Array(await chosen.arrayBuffer()) : undefined;
      await checkNow(chosen, bytes);
    });

  /** Write cells: into a copy of the chosen file (checked again at once), or into this workbook. */
  const apply = async (cells: CellEdit[]) => {
    if (!cells.length) return;
    if (file && fileBytes) {
      // File mode: the fixes go into a copy of the file's bytes, which is checked again and is what
      // 提交 (or 下载已修改的文件) downloads.
      // _meta records that the copy's formula results (预算合计) predate these fixes.
      const patched = await host.patchFile(fileBytes, { cells, keyValues: { sheet: SHEET_NAMES.meta, entries: { ...RECALC_PENDING_ENTRIES } } });
      await checkNow(file, patched, true);
      setFixedCount((n) => n + cells.length);
      return;
    }
    if (host.writeCells) await host.writeCells(cells);
  };

  const fix = async (f: Finding) => {
    if (f.autoFix) await apply([{ sheet: f.sheet, address: `${f.column}${f.row}`, value: f.autoFix.value }]);
  };

  const rewrites = findings ? rewriteFixes(findings) : [];
  const canWrite = file ? !!fileBytes : !!host.writeCells;
  const fixAll = () =>
    run(async () => {
      const n = rewrites.length;
      await apply(rewrites.map(({ sheet, address, value }) => ({ sheet, address, value })));
      setMessage({ intent: 'success', text: t(lang, file ? 'rewroteInFile' : 'rewrote', { n }) });
      // In this workbook the values changed under the findings: check again to show what is left.
      if (!file) await checkNow();
    });

  const downloadFixed = () =>
    run(async () => {
      if (!file || !fileBytes) return;
      const name = file.name.replace(/(\.xlsx)?$/i, '-已修改.xlsx');
      await host.saveCopy(name, fileBytes);
      setMessage({ intent: 'success', text: t(lang, 'fixedDownloaded', { n: fixedCount, file: name }) });
    });

  const submit = () =>
    run(async () => {
      if (!raw || !findings) return;
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (errors) {
        // Said next to the button, and the focus goes to the first error in the list.
        setMessage({ intent: 'warning', text: t(lang, 'submitBlocked', { n: errors }), at: 'submit' });
        setFocusError((n) => n + 1);
        return;
      }
      const hash = contentHash(raw);
      const version = String((Number(raw.meta.submissionVersion) || 0) + 1);
      const when = now().toISOString();
      // Named after the workbook's own committee (its _meta), whatever the dropdown shows now; the
      // dropdown only when the workbook names none.
      const owner = catalog.committees.find((c) => c.id === workbookCommitteeId) ?? committee;
      const name = `${settings.year}年工作计划-${owner?.name ?? committeeId}-提交.xlsx`;
      if (host.stamp) {
        await host.stamp({ submittedBy: who, submittedAt: when, submissionVersion: version, contentHash: hash }, settings.protectionPassword);
        await host.saveCopy(name);
        setMessage({ intent: 'success', text: t(lang, 'submitted', { who: who || '—', when: beijingTime(when, lang), version, hash, file: name }), at: 'submit' });
      } else if (file && fileBytes) {
        // File mode (WPS, Excel 2019): the same stamp, written into _meta of the downloaded copy.
        const stamped = await host.patchFile(fileBytes, {
          keyValues: { sheet: SHEET_NAMES.meta, entries: { submittedBy: who, submittedAt: when, submissionVersion: version, contentHash: hash } },
        });
        await host.saveCopy(name, stamped);
        setMessage({ intent: 'success', text: t(lang, 'submitFileMode', { who: who || '—', when: beijingTime(when, lang), version, hash, file: name }), at: 'submit' });
      }
    }, 'submit');

  return (
    <div>
      <div className={s.step}>
        <h3>{t(lang, 'step1')}</h3>
        <Field label={t(lang, 'chooseCommittee')}>
          <Select value={committeeId} onChange={(_, d) => setCommitteeId(d.value)}>
            {catalog.committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <div className={s.buttons}>
          <Button appearance="primary" disabled={busy || !committeeId || regionMissing} onClick={create}>
            {host.kind === 'office' ? t(lang, 'createSheets') : t(lang, 'downloadWorkbook')}
          </Button>
          <Button disabled={busy || regionMissing || !catalog.committees.length} onClick={createAll}>
            {t(lang, 'downloadAll')}
          </Button>
        </div>
        {regionMissing && !onSettings && (
          <MessageBar layout="multiline" intent="warning">
            <MessageBarBody>{t(lang, 'regionNeeded')}</MessageBarBody>
          </MessageBar>
        )}
        {made && (
          <MessageBar layout="multiline" intent={made.intent}>
            <MessageBarBody>{made.text}</MessageBarBody>
          </MessageBar>
        )}
        {onSettings && (
          <details open={settingsOpen} onToggle={(e) => setSettingsOpen((e.currentTarget as HTMLDetailsElement).open)}>
            <summary>{t(lang, 'workbookSettings')}</summary>
            <div className={s.step}>
              <SettingsFields catalog={catalog} settings={settings} lang={lang} onSettings={onSettings} only={['region', 'deadline', 'contact', 'ceilings']} regionRequired={needsRegion(catalog)} />
            </div>
          </details>
        )}
      </div>
      <div className={s.step}>
        <h3>{t(lang, 'step2')}</h3>
        {host.kind === 'office' && (
          <Button disabled={busy} onClick={() => check()}>
            {t(lang, 'validateWorkbook')}
          </Button>
        )}
        <FilePicker
          label={t(lang, 'openFilled')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          lang={lang}
          disabled={busy}
          fileName={file?.name}
          testId="clerk-file"
          onFile={(f) => check(f)}
        />
      </div>
      {busy && <Spinner size="tiny" label={t(lang, 'working')} />}
      {message && message.at !== 'submit' && (
        <MessageBar className={s.action} layout="multiline" intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {findings && canWrite && rewrites.length > 1 && (
        <div className={s.action}>
          <Button disabled={busy} onClick={fixAll} title={t(lang, 'rewriteAllHint')}>
            {t(lang, 'rewriteAll', { n: rewrites.length })}
          </Button>
        </div>
      )}
      {findings && (
        <FindingsList
          findings={findings}
          lang={lang}
          onSelect={host.selectCell && !file ? (f) => void host.selectCell!(f.sheet, `${f.column || 'A'}${f.row}`) : undefined}
          onFix={canWrite ? fix : undefined}
          fileMode={!!file}
          focusFirstError={focusError}
        />
      )}
      {file && fixedCount > 0 && (
        <div className={s.action}>
          <Button disabled={busy} onClick={downloadFixed}>
            {t(lang, 'downloadFixed', { n: fixedCount })}
          </Button>
        </div>
      )}
      {findings && raw && (
        <div className={s.step}>
          <h3>{t(lang, 'step3')}</h3>
          <Field label={t(lang, 'submitter')}>
            <Input value={who} onChange={(_, d) => setWho(d.value)} />
          </Field>
          <Button appearance="primary" disabled={busy} onClick={submit}>
            {t(lang, 'submit')}
          </Button>
          {message?.at === 'submit' && (
            <MessageBar layout="multiline" intent={message.intent} role={message.intent === 'success' ? 'status' : 'alert'}>
              <MessageBarBody>{message.text}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
    </div>
  );
}
