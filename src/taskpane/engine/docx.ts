/** The .docx chunk (loaded lazily, only when the 汇编 is downloaded): core/report and src/hosts/docx with the `docx` package. */
import { describeCompilation } from '../../core/report/compilation';
import { renderDocument } from '../../hosts/docx/render';
import type { DocxEngine } from './types';

export const docx: DocxEngine = {
  compilation: (input, catalog) => renderDocument(describeCompilation(input, catalog)),
};
