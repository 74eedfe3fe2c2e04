/** Which requirement sets the running Excel supports, and what we do without them. */

export type SetSupported = (name: string, version: string) => boolean;

export interface Capabilities {
  /** ExcelApi 1.7: the minimum of the manifest (charts series API, freeze panes, names). */
  base: boolean;
  /** ExcelApi 1.6: conditional formats, suspendApiCalculationUntilNextSync. */
  conditionalFormats: boolean;
  /** ExcelApi 1.8: data validation, gridlines. */
  dataValidation: boolean;
  /** ExcelApi 1.9: page layout (print setup), auto filter, getInvalidCells. */
  pageLayout: boolean;
  /** ExcelApi 1.10: comments (cell notes). */
  comments: boolean;
}

export function detectCapabilities(isSetSupported: SetSupported): Capabilities {
  const s = (v: string) => {
    try {
      return !!isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  return {
    base: s('1.7'),
    conditionalFormats: s('1.6'),
    dataValidation: s('1.8'),
    pageLayout: s('1.9'),
    comments: s('1.10'),
  };
}

export interface DegradeNote {
  feature: 'dataValidation' | 'pageLayout' | 'comments' | 'conditionalFormats' | 'base';
  zh: string;
  en: string;
}

export function degradeNotes(c: Capabilities): DegradeNote[] {
  const out: DegradeNote[] = [];
  if (!c.base)
    out.push({
      feature: 'base',
      zh: '此版本的 Excel 不支持 ExcelApi 1.7（如 Excel 2016/2019 永久版）：请改用“文件方式”下载工作簿填写。',
      en: 'This Excel does not support ExcelApi 1.7 (e.g. Excel 2016/2019 perpetual): use the file mode and download the workbook.',
    });
  if (!c.conditionalFormats)
    out.push({ feature: 'conditionalFormats', zh: '不支持条件格式（ExcelApi 1.6）：空必填格不会标色。', en: 'No conditional formats (ExcelApi 1.6): empty required cells are not highlighted.' });
  if (!c.dataValidation)
    out.push({
      feature: 'dataValidation',
      zh: '此版本的 Excel 不支持数据验证（ExcelApi 1.8）：下拉列表和输入提示未创建，请用“校验”检查，或下载文件版工作簿。',
      en: 'This Excel does not support data validation (ExcelApi 1.8): dropdowns and input messages were not created; use 校验 (Validate) or download the file version.',
    });
  if (!c.pageLayout)
    out.push({ feature: 'pageLayout', zh: '不支持页面设置（ExcelApi 1.9）：打印方向和标题行请手动设置。', en: 'No page layout API (ExcelApi 1.9): set print orientation and title rows by hand.' });
  if (!c.comments)
    out.push({ feature: 'comments', zh: '不支持批注（ExcelApi 1.10）：单元格批注未写入。', en: 'No comments API (ExcelApi 1.10): cell notes were not written.' });
  return out;
}
