/**
 * Pick one file with a button in the pane's language (the browser's own file button speaks the
 * browser's). The hidden input carries the label, so tests and assistive tools find it by name.
 */
import * as React from 'react';
import { Button, makeStyles } from '@fluentui/react-components';
import { t, type Lang } from '../i18n/taskpane';

const useStyles = makeStyles({
  pick: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '4px' },
  name: { overflowWrap: 'anywhere' },
});

export interface FilePickerProps {
  label: string;
  accept: string;
  lang: Lang;
  onFile: (file: File) => void;
  disabled?: boolean;
  /** Name of the file in use, shown under the button. */
  fileName?: string;
  testId?: string;
}

export function FilePicker({ label, accept, lang, onFile, disabled, fileName, testId }: FilePickerProps): React.JSX.Element {
  const s = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <div className={s.pick}>
      <span>{label}</span>
      <Button disabled={disabled} onClick={() => input.current?.click()}>
        {t(lang, 'chooseFile')}
      </Button>
      {fileName && <span className={s.name}>{fileName}</span>}
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        aria-label={label}
        data-testid={testId}
        disabled={disabled}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
          e.target.value = '';
        }}
      />
    </div>
  );
}
