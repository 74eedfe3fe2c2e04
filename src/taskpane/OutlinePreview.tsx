/**
 * 工作要点 preview: sections (prose-only ones marked), groups, points with their committees and measures,
 * and every doubt of the import next to what it is about — what a secretariat checks in a minute before use.
 * Points that name no committee get a field to assign one (settings pointCommittees).
 */
import * as React from 'react';
import { Input, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { catalogPreview } from '../core/catalog/preview';
import type { Catalog, ImportIssue } from '../core/catalog/types';
import { t, type Key, type Lang } from '../i18n/taskpane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', fontSize: tokens.fontSizeBase200 },
  scroll: { maxHeight: '420px', overflowY: 'auto' },
  section: { margin: '8px 0 2px', fontSize: tokens.fontSizeBase300 },
  points: { paddingLeft: '22px', margin: 0 },
  group: { color: tokens.colorNeutralForeground3, margin: '4px 0 0' },
  small: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  measures: { paddingLeft: '18px', margin: '2px 0' },
});

const RESP: Partial<Record<string, Key>> = { inherited: 'respInherited', listed: 'respListed', assigned: 'respAssigned' };

function Doubt({ issue, lang }: { issue: ImportIssue; lang: Lang }): React.JSX.Element {
  const intent = issue.severity === 'error' ? 'error' : issue.severity === 'warning' ? 'warning' : 'info';
  return (
    <MessageBar layout="multiline" intent={intent}>
      <MessageBarBody>
        {issue.line !== undefined ? t(lang, 'doubtLine', { line: issue.line }) : ''}
        {issue.message[lang]}
      </MessageBarBody>
    </MessageBar>
  );
}

export interface OutlinePreviewProps {
  catalog: Catalog;
  lang: Lang;
  region: string;
  label: string;
  /** Committees assigned by the secretariat, point number → names. */
  assigned?: Record<string, string[]>;
  /** Given: points without a committee (and assigned ones) get a field to assign committees. */
  onAssign?: (point: number, names: string[]) => void;
}

export function OutlinePreview(p: OutlinePreviewProps): React.JSX.Element {
  const s = useStyles();
  const { lang } = p;
  const v = catalogPreview(p.catalog, p.region);
  const [typed, setTyped] = React.useState<Record<string, string>>({});
  return (
    <div className={s.root} role="region" aria-label={p.label}>
      <p>
        <strong>{v.title || '—'}</strong>（{t(lang, 'previewYear', { year: v.year ?? '—' })}）
      </p>
      <p>{t(lang, 'outlineStats', { s: v.counts.sections, p: v.counts.points, c: v.counts.committees })}</p>
      {v.structure?.point && (
        <p className={s.small}>
          {t(lang, 'previewNumbering', { section: v.structure.section ?? '—', groups: v.structure.groups.join('、') || '—', point: v.structure.point })}
        </p>
      )}
      {v.doubts.map((d, k) => (
        <Doubt key={k} issue={d} lang={lang} />
      ))}
      <div className={s.scroll}>
        {v.sections.map((sec) => (
          <section key={sec.numeral} aria-label={`${sec.numeral}、${sec.title}`}>
            <h4 className={s.section}>
              {sec.numeral}、{sec.title}
            </h4>
            {sec.text && (
              <p className={s.small}>
                {sec.points.length ? '' : t(lang, 'proseOnly')}
                {sec.text.length > 80 ? sec.text.slice(0, 79) + '…' : sec.text}
              </p>
            )}
            {sec.points.length > 0 && (
              <ol className={s.points}>
                {sec.points.map((pt, i) => {
                  const key = String(pt.number);
                  const resp = RESP[pt.responsibility];
                  const canAssign = p.onAssign && (!pt.committees.length || pt.responsibility === 'assigned');
                  return (
                    <li key={pt.number} value={pt.number} data-point={pt.number}>
                      {pt.group && pt.group !== sec.points[i - 1]?.group && <p className={s.group}>【{pt.group}】</p>}
                      <strong>{pt.title}</strong>（{pt.committees.join('、') || t(lang, 'noCommittee')}
                      {resp ? t(lang, resp) : ''}）
                      {canAssign && (
                        <Input
                          size="small"
                          aria-label={t(lang, 'assignPoint', { n: pt.number })}
                          placeholder={t(lang, 'assignHint')}
                          value={typed[key] ?? p.assigned?.[key]?.join('、') ?? ''}
                          onChange={(_, d) => {
                            setTyped({ ...typed, [key]: d.value });
                            p.onAssign!(pt.number, d.value.split(/[、，,；;\s]+/).filter(Boolean));
                          }}
                        />
                      )}
                      {pt.measures.length > 0 && (
                        <ol className={s.measures} aria-label={t(lang, 'measuresOf', { n: pt.number })}>
                          {pt.measures.map((m) => (
                            <li key={m.index}>
                              {m.text}
                              {m.committee && m.committee !== pt.committees[0] ? `（${m.committee}）` : ''}
                            </li>
                          ))}
                        </ol>
                      )}
                      {pt.doubts.map((d, k) => (
                        <Doubt key={k} issue={d} lang={lang} />
                      ))}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
