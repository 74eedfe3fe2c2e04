/** Findings grouped by severity, an errors-only filter, go-to-cell and safe one-click fixes (change shown first). */
import * as React from 'react';
import { Badge, Button, Switch, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../core/validate/types';
import { t, type Lang } from '../i18n/taskpane';

const useStyles = makeStyles({
  group: { marginTop: '8px' },
  list: { listStyleType: 'none', padding: 0, margin: 0 },
  item: { padding: '6px 0', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: 'anywhere' },
  where: { fontWeight: tokens.fontWeightSemibold },
  fix: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  confirm: { marginTop: '4px', padding: '6px', backgroundColor: tokens.colorNeutralBackground3, borderRadius: '4px' },
  row: { display: 'flex', gap: '6px', flexWrap: 'wrap', marginTop: '4px' },
});

const ORDER: Severity[] = ['error', 'warning', 'info'];
const HEAD = { error: 'sevError', warning: 'sevWarning', info: 'sevInfo' } as const;
const COLOR = { error: 'danger', warning: 'warning', info: 'informative' } as const;

export function where(f: Finding): string {
  const cell = f.column && f.row ? `${f.column}${f.row}` : f.row ? `${f.row}` : '';
  return [f.file, f.sheet, cell].filter(Boolean).join(' › ') || '—';
}

export interface FindingsListProps {
  findings: Finding[];
  lang: Lang;
  /** Show the cell (Office); absent in file mode. */
  onSelect?: (f: Finding) => void;
  /** Apply f.autoFix: in the live workbook (Office) or in a copy of the chosen file (file mode). */
  onFix?: (f: Finding) => Promise<void>;
  /** Fixes go into a copy of the file (the confirmation says so). */
  fileMode?: boolean;
}

export function FindingsList({ findings, lang, onSelect, onFix, fileMode }: FindingsListProps): React.JSX.Element {
  const s = useStyles();
  const [errorsOnly, setErrorsOnly] = React.useState(false);
  const [confirming, setConfirming] = React.useState<Finding | null>(null);
  const [done, setDone] = React.useState<string>('');
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const shown = errorsOnly ? findings.filter((f) => f.severity === 'error') : findings;

  return (
    <section aria-label={t(lang, 'findings')}>
      <h3>{t(lang, 'findings')}</h3>
      <p role="status">{findings.length ? t(lang, 'summaryCounts', { e: counts.error, w: counts.warning, i: counts.info }) : t(lang, 'noFindings')}</p>
      {findings.length > 0 && (
        <Switch label={t(lang, 'errorsOnly')} checked={errorsOnly} onChange={(_, d) => setErrorsOnly(d.checked)} />
      )}
      {done && <p role="status">{done}</p>}
      {ORDER.map((sev) => {
        const items = shown.filter((f) => f.severity === sev);
        if (!items.length) return null;
        return (
          <div key={sev} className={s.group}>
            <h4>
              {t(lang, HEAD[sev])} <Badge color={COLOR[sev]} appearance="filled">{items.length}</Badge>
            </h4>
            <ul className={s.list} aria-label={t(lang, HEAD[sev])}>
              {items.map((f, i) => (
                <li key={`${f.code}-${f.sheet}-${f.row}-${f.column}-${i}`} className={s.item} data-severity={f.severity}>
                  {onSelect && f.sheet && f.row > 0 ? (
                    <Button appearance="transparent" size="small" className={s.where} aria-label={t(lang, 'goToCell', { where: where(f) })} onClick={() => onSelect(f)}>
                      {where(f)}
                    </Button>
                  ) : (
                    <span className={s.where}>{where(f)}</span>
                  )}
                  <div>{f.message[lang]}</div>
                  {f.fix && <div className={s.fix}>{f.fix[lang]}</div>}
                  {f.autoFix && (
                    <div className={s.row}>
                      {onFix ? (
                        <Button size="small" onClick={() => setConfirming(f)} aria-label={`${t(lang, 'fix')} ${where(f)}`}>
                          {t(lang, 'fix')}
                        </Button>
                      ) : (
                        <span className={s.fix}>
                          {t(lang, 'fixFileMode')} {f.autoFix.label[lang]}
                        </span>
                      )}
                    </div>
                  )}
                  {confirming === f && onFix && (
                    <div className={s.confirm} role="group" aria-label={t(lang, 'fix')}>
                      <div>{t(lang, 'fixConfirm', { where: where(f), from: String(f.raw ?? ''), to: String(f.autoFix!.value) })}</div>
                      <div className={s.row}>
                        <Button
                          appearance="primary"
                          size="small"
                          onClick={async () => {
                            await onFix(f);
                            setConfirming(null);
                            setDone(t(lang, fileMode ? 'fixedInFile' : 'fixed', { where: where(f) }));
                          }}
                        >
                          {t(lang, 'apply')}
                        </Button>
                        <Button size="small" onClick={() => setConfirming(null)}>
                          {t(lang, 'cancel')}
                        </Button>
                      </div>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
