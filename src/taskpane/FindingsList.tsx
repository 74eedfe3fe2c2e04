/**
 * Findings grouped by file, then sheet (the file name once per group), each problem on one line
 * with its cell reference in front; an errors-only filter, go-to-cell and safe one-click fixes
 * (change shown first). Made for a 320–350 px task pane.
 */
import * as React from 'react';
import { Button, Switch, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../core/validate/types';
import { t, type Lang } from '../i18n/taskpane';

const useStyles = makeStyles({
  file: {
    margin: '12px 0 0',
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  sheet: {
    margin: '8px 0 2px',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  list: { listStyleType: 'none', padding: 0, margin: 0 },
  item: {
    padding: '5px 0 5px 8px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeft: '3px solid transparent',
    overflowWrap: 'anywhere',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  line: { lineHeight: tokens.lineHeightBase300 },
  sev: { fontSize: tokens.fontSizeBase100, fontWeight: tokens.fontWeightSemibold, marginRight: '4px', whiteSpace: 'nowrap' },
  sevError: { color: tokens.colorPaletteRedForeground1 },
  sevWarning: { color: tokens.colorPaletteMarigoldForeground1 },
  sevInfo: { color: tokens.colorNeutralForeground3 },
  cell: {
    fontWeight: tokens.fontWeightSemibold,
    fontFamily: tokens.fontFamilyMonospace,
    marginRight: '6px',
    whiteSpace: 'nowrap',
  },
  cellButton: {
    minWidth: 0,
    height: 'auto',
    padding: 0,
    verticalAlign: 'baseline',
    fontWeight: tokens.fontWeightSemibold,
    fontFamily: tokens.fontFamilyMonospace,
    marginRight: '6px',
    textDecorationLine: 'underline',
  },
  fix: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, marginTop: '2px' },
  confirm: { marginTop: '4px', padding: '6px', backgroundColor: tokens.colorNeutralBackground3, borderRadius: '4px' },
  row: { display: 'flex', gap: '6px', flexWrap: 'wrap', marginTop: '4px' },
});

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEV_LABEL = { error: 'sevOne_error', warning: 'sevOne_warning', info: 'sevOne_info' } as const;

/** "预算明细 › H7": sheet and cell, for labels (the file is the group heading). */
export function where(f: Finding): string {
  const cell = f.column && f.row ? `${f.column}${f.row}` : f.row ? `${f.row}` : '';
  return [f.file, f.sheet, cell].filter(Boolean).join(' › ') || '—';
}

/** The cell reference shown in front of the problem: "H7", "第 7 行", or nothing for a sheet or file. */
function cellRef(f: Finding, lang: Lang): string {
  if (f.column && f.row) return `${f.column}${f.row}`;
  if (f.row) return t(lang, 'rowRef', { row: f.row });
  return '';
}

interface SheetGroup {
  sheet: string;
  items: Finding[];
}
interface FileGroup {
  file: string;
  sheets: SheetGroup[];
}

/** Findings by file, then sheet, in first-seen order; inside a sheet errors first, then by row and column. */
export function groupFindings(findings: readonly Finding[]): FileGroup[] {
  const files = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    let sheets = files.get(f.file);
    if (!sheets) files.set(f.file, (sheets = new Map()));
    const list = sheets.get(f.sheet);
    if (list) list.push(f);
    else sheets.set(f.sheet, [f]);
  }
  const byPlace = (a: Finding, b: Finding) =>
    ORDER[a.severity] - ORDER[b.severity] || a.row - b.row || a.column.length - b.column.length || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0);
  return [...files].map(([file, sheets]) => ({
    file,
    // The file's own findings (no sheet) come first.
    sheets: [...sheets]
      .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : 0))
      .map(([sheet, items]) => ({ sheet, items: [...items].sort(byPlace) })),
  }));
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
  /** Each new value moves the focus to the first error (and scrolls it into view). */
  focusFirstError?: number;
}

export function FindingsList({ findings, lang, onSelect, onFix, fileMode, focusFirstError }: FindingsListProps): React.JSX.Element {
  const s = useStyles();
  const [errorsOnly, setErrorsOnly] = React.useState(false);
  const [confirming, setConfirming] = React.useState<Finding | null>(null);
  const [done, setDone] = React.useState<string>('');
  const root = React.useRef<HTMLElement>(null);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const shown = errorsOnly ? findings.filter((f) => f.severity === 'error') : findings;
  const groups = groupFindings(shown);

  React.useEffect(() => {
    if (!focusFirstError) return;
    const first = root.current?.querySelector<HTMLElement>('li[data-severity="error"]');
    if (!first) return;
    first.focus();
    first.scrollIntoView?.({ block: 'center' });
  }, [focusFirstError]);

  const sevClass = { error: s.sevError, warning: s.sevWarning, info: s.sevInfo };
  const itemClass = { error: s.error, warning: s.warning, info: s.info };

  const item = (f: Finding, i: number) => {
    const ref = cellRef(f, lang);
    return (
      <li key={`${f.code}-${f.sheet}-${f.row}-${f.column}-${i}`} className={`${s.item} ${itemClass[f.severity]}`} data-severity={f.severity} tabIndex={-1}>
        <div className={s.line}>
          <span className={`${s.sev} ${sevClass[f.severity]}`}>{t(lang, SEV_LABEL[f.severity])}</span>
          {ref &&
            (onSelect && f.sheet && f.row > 0 ? (
              <Button appearance="transparent" size="small" className={s.cellButton} aria-label={t(lang, 'goToCell', { where: where(f) })} onClick={() => onSelect(f)}>
                {ref}
              </Button>
            ) : (
              <span className={s.cell}>{ref}</span>
            ))}
          <span>{f.message[lang]}</span>
        </div>
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
    );
  };

  return (
    <section aria-label={t(lang, 'findings')} ref={root}>
      <h3>{t(lang, 'findings')}</h3>
      <p role="status">{findings.length ? t(lang, 'summaryCounts', { e: counts.error, w: counts.warning, i: counts.info }) : t(lang, 'noFindings')}</p>
      {findings.length > 0 && <Switch label={t(lang, 'errorsOnly')} checked={errorsOnly} onChange={(_, d) => setErrorsOnly(d.checked)} />}
      {done && <p role="status">{done}</p>}
      {groups.map((g) => (
        <div key={g.file || '-'} role="group" aria-label={g.file || t(lang, 'thisWorkbook')}>
          {g.file && <h4 className={s.file}>{g.file}</h4>}
          {g.sheets.map((sh) => {
            const label = sh.sheet || t(lang, 'wholeFile');
            return (
              <div key={sh.sheet || '-'}>
                <h5 className={s.sheet}>{t(lang, 'sheetCount', { sheet: label, n: sh.items.length })}</h5>
                <ul className={s.list} aria-label={label}>
                  {sh.items.map(item)}
                </ul>
              </div>
            );
          })}
        </div>
      ))}
    </section>
  );
}
