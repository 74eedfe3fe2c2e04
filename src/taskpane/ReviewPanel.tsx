/** 审阅: headline figures, budget by section and committee, coverage of the points, largest changes. */
import * as React from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { t, type Lang } from '../i18n/taskpane';
import type { ReviewFigures } from './review';

const useStyles = makeStyles({
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))', gap: '8px' },
  card: { padding: '8px', borderRadius: '6px', backgroundColor: tokens.colorNeutralBackground3 },
  big: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  track: { height: '6px', marginTop: '4px', backgroundColor: tokens.colorNeutralBackground5, borderRadius: '3px' },
  bar: { height: '100%', backgroundColor: tokens.colorBrandBackground, borderRadius: '3px' },
  over: { backgroundColor: tokens.colorPaletteRedBackground3 },
  rows: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '10px' },
  chips: { display: 'flex', flexWrap: 'wrap', gap: '4px', listStyleType: 'none', padding: 0 },
  chip: { minWidth: '28px', textAlign: 'center', padding: '2px 4px', borderRadius: '4px', fontSize: tokens.fontSizeBase200 },
  yes: { backgroundColor: tokens.colorPaletteGreenBackground2 },
  no: { backgroundColor: tokens.colorPaletteRedBackground2 },
});

const fmt = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 4 });

export interface ReviewPanelProps {
  figures: ReviewFigures | null;
  lang: Lang;
  unit: string;
  /** Office: show the summary sheet. Absent in file mode. */
  openSheet?: (sheet: string) => void;
  /** 下载汇编（.docx）. */
  compilation?: React.ReactNode;
}

export function ReviewPanel({ figures, lang, unit, openSheet, compilation }: ReviewPanelProps): React.JSX.Element {
  const s = useStyles();
  if (!figures) return <p>{t(lang, 'reviewEmpty')}</p>;
  const link = (sheet: string) =>
    openSheet ? (
      <Button size="small" appearance="transparent" onClick={() => openSheet(sheet)}>
        {t(lang, 'openSheet', { sheet })}
      </Button>
    ) : (
      <small>{t(lang, 'seeSheet', { sheet })}</small>
    );
  const max = (xs: { budget: number }[]) => Math.max(1e-9, ...xs.map((x) => x.budget));
  const bars = (xs: { key: string; label: string; budget: number; over?: boolean; ceiling?: number | null }[]) => {
    const m = max(xs);
    return (
      <ul className={s.rows}>
        {xs.map((x) => (
          <li key={x.key}>
            <div>
              {x.label}：{fmt(x.budget)} {unit}
              {x.ceiling != null ? ` / ${fmt(x.ceiling)}` : ''}
              {x.over ? ` — ${t(lang, 'overCeiling')}` : ''}
            </div>
            <div className={s.track} aria-hidden="true">
              <div className={`${s.bar} ${x.over ? s.over : ''}`} style={{ width: x.budget > 0 ? `max(2px, ${Math.round((x.budget / m) * 100)}%)` : 0 }} />
            </div>
          </li>
        ))}
      </ul>
    );
  };
  const card = (label: string, value: string, sheet: string) => (
    <div className={s.card}>
      <div>{label}</div>
      <div className={s.big} data-testid={`fig-${label}`}>
        {value}
      </div>
      {link(sheet)}
    </div>
  );
  return (
    <div>
      <h3>{t(lang, 'headline')}</h3>
      <div className={s.cards}>
        {card(t(lang, 'totalBudget'), `${fmt(figures.totalBudget)} ${unit}`, '按专委会')}
        {card(t(lang, 'totalTasks'), String(figures.totalTasks), '任务汇总')}
        {card(t(lang, 'committeesIn'), `${figures.committeesIn}/${figures.committeesAll}`, '封面')}
        {card(t(lang, 'pointsCovered'), `${figures.pointsCovered}/${figures.pointsAll}`, '按要点')}
        {card(t(lang, 'errorsTotal'), String(figures.errors), '问题清单')}
      </div>
      {compilation && (
        <>
          <h3>{t(lang, 'compilation')}</h3>
          {compilation}
        </>
      )}
      <h3>{t(lang, 'bySection')}</h3>
      {bars(figures.bySection)}
      {link('按要点')}
      <h3>{t(lang, 'byCommittee')}</h3>
      {bars(figures.byCommittee)}
      {link('按专委会')}
      <h3>{t(lang, 'coverage')}</h3>
      <ul className={s.chips}>
        {figures.coverage.map((c) => (
          <li
            key={c.number}
            className={`${s.chip} ${c.tasks ? s.yes : s.no}`}
            title={t(lang, c.tasks ? 'pointCovered' : 'pointMissing', { n: c.number, title: c.title, tasks: c.tasks })}
            aria-label={t(lang, c.tasks ? 'pointCovered' : 'pointMissing', { n: c.number, title: c.title, tasks: c.tasks })}
          >
            {c.number}
          </li>
        ))}
      </ul>
      {link('按要点')}
      <h3>{t(lang, 'changes')}</h3>
      {figures.changes.length ? (
        <ul className={s.rows}>
          {figures.changes.map((c) => (
            <li key={c.label}>
              {c.label}：{fmt(c.before)} → {fmt(c.after)}（{c.delta > 0 ? '+' : ''}
              {fmt(c.delta)}）
            </li>
          ))}
        </ul>
      ) : (
        <p>{t(lang, 'noChanges')}</p>
      )}
      {link('变更')}
    </div>
  );
}
