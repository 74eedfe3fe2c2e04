/**
 * 下载汇编（.docx）: the "YYYY年度工作计划和预算汇编（送审稿）" document from the last consolidation.
 * The docx renderer is a chunk of its own, loaded on the first click, so the page's first load
 * does not grow. Shown in 汇总 (after a consolidation) and 审阅.
 */
import * as React from 'react';
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { Catalog } from '../core/catalog/types';
import type { ReportInput } from '../core/report/input';
import { compilationFileName } from '../i18n/report';
import { t, type Lang } from '../i18n/taskpane';
import type { DocxEngine } from './engine';
import type { Host } from './host';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '4px' },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  done: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteGreenForeground1 },
  failed: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1 },
});

export interface CompilationButtonProps {
  report: ReportInput;
  catalog: Catalog;
  host: Pick<Host, 'saveCopy'>;
  lang: Lang;
  loadDocx: () => Promise<DocxEngine>;
}

export function CompilationButton({ report, catalog, host, lang, loadDocx }: CompilationButtonProps): React.JSX.Element {
  const s = useStyles();
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<{ ok: boolean; text: string } | null>(null);
  const name = compilationFileName(report.year);
  const download = async () => {
    setBusy(true);
    setResult(null);
    try {
      const docx = await loadDocx();
      await host.saveCopy(name, await docx.compilation(report, catalog));
      setResult({ ok: true, text: t(lang, 'compilationDone', { file: name }) });
    } catch (e) {
      setResult({ ok: false, text: t(lang, 'error', { message: (e as Error).message }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={s.box}>
      <Button disabled={busy} onClick={download} icon={busy ? <Spinner size="tiny" /> : undefined}>
        {t(lang, 'compilationDownload')}
      </Button>
      <span className={s.note}>{t(lang, 'compilationHint')}</span>
      {result && (
        <span role={result.ok ? 'status' : 'alert'} className={result.ok ? s.done : s.failed}>
          {result.text}
        </span>
      )}
    </div>
  );
}
