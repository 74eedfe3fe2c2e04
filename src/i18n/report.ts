/** Messages of `plan-budget report` (the 汇编 document): Simplified Chinese first, English second. */
import type { Msg } from './cli';

const m = (zh: string, en: string): Msg => ({ zh, en });

export const REPORT_MESSAGES = {
  reportSummary: m('生成送审的工作计划和预算汇编（.docx）', 'write the plan and budget compilation for approval (.docx)'),
  reportHelp: m(
    `plan-budget report <汇总.xlsx | 文件夹> [-o <汇编.docx>]

生成“{year}年度工作计划和预算汇编（送审稿）”Word 文档：封面、编制说明（主要数字）、按部分和要点
列出的任务（承办专委会、负责人、时间、成果、预算）、各专委会预算与控制数、按经费科目和来源的预算、
按月的主要时间节点，附件为尚待处理的问题。A4，仿宋正文，黑体、楷体标题，页码“— 1 —”。
  <汇总.xlsx>           本工具生成的汇总表；或
  <文件夹>              各专委会的计划工作簿（先汇总，不写汇总表）
  -o, --out <文件>      输出文件名（默认“{year}年度工作计划和预算汇编（送审稿）.docx”）`,
    `plan-budget report <summary.xlsx | folder> [-o <compilation.docx>]

Write the "{year}年度工作计划和预算汇编（送审稿）" Word document: cover, notes with the headline figures,
tasks by section and point (committee, owner, dates, deliverables, budget), budget by committee with
ceilings, by expense category and funding source, milestones by month, and open findings as an appendix.
  <summary.xlsx>        a summary workbook written by this tool; or
  <folder>              the committees' plan workbooks (consolidated first; no summary is written)
  -o, --out <file>      output file (default "{year}年度工作计划和预算汇编（送审稿）.docx")`,
  ),
  reportOne: m('请给出一个汇总表或一个文件夹。', 'Give one summary workbook or one folder.'),
  reportNotSummary: m('“{file}”不是本工具生成的汇总表（没有隐藏的 _summary 表）。请给出汇总表，或存放计划工作簿的文件夹。', '"{file}" is not a summary written by this tool (no hidden _summary sheet). Give a summary workbook, or the folder of plan workbooks.'),
  reportWritten: m('已写出汇编 {out}：任务 {tasks} 项，预算合计 {budget}{unit}。', 'Wrote {out}: {tasks} tasks, budget {budget} {unit}.'),
} as const;

/** File name of the compilation: "2023年度工作计划和预算汇编（送审稿）.docx". */
export function compilationFileName(year: number): string {
  return `${year}年度工作计划和预算汇编（送审稿）.docx`;
}
