/** Messages of the consolidate and feedback commands: Simplified Chinese first, English second. */
import type { Msg } from './cli';

const m = (zh: string, en: string): Msg => ({ zh, en });

export const CONSOLIDATE_MESSAGES = {
  consolidateSummary: m('汇总各专委会的计划工作簿', 'consolidate the committees\' plan workbooks'),
  consolidateHelp: m(
    `plan-budget consolidate <文件…|文件夹> -o <汇总.xlsx> [--previous <上次汇总.xlsx>]

把各专委会填好的计划工作簿汇总成一个汇总表（封面、任务汇总、预算汇总、按要点、按专委会、
经费、进度、问题清单，给出上次汇总时另有“变更”）。
  <文件…|文件夹>        计划工作簿，或存放它们的文件夹（读取其中所有文件）
  -o, --out <文件>      汇总表文件名（默认“{year}年工作计划汇总.xlsx”）
  --previous <文件>     上次的汇总表，用于列出新增、删除、修改的任务和预算变化
同一专委会有多个文件时以最新的为准（提交时间、保存时间、文件修改时间），其余列为“被替换”。
工作簿令牌用秘书处密钥验证（见 docs/CLI.md）：令牌不符的文件作为伪造拒收；无法验证的文件不能替换已验证的文件。
其他年度、按另一版工作要点生成、无法读取的文件列为“已拒收”并说明原因，其余文件照常汇总。
有文件被拒收时退出码为 1。--previous 给出的文件不是本系统的汇总表或无法读取时，说明原因并以退出码 2 结束，不生成汇总表。`,
    `plan-budget consolidate <file…|folder> -o <summary.xlsx> [--previous <old-summary.xlsx>]

Consolidate the committees' filled plan workbooks into one summary workbook (cover, tasks, budget
lines, by point, by committee, funds, timeline, findings, and changes when a previous summary is given).
  <file…|folder>        plan workbooks, or a folder holding them (every file in it is read)
  -o, --out <file>      summary file (default "{year}年工作计划汇总.xlsx")
  --previous <file>     the previous summary: tasks added, removed, changed and budget deltas
When a committee sent several files the latest counts (submission, saved, modification time); the
others are listed as replaced. Workbook tokens are checked with the secretariat secret (docs/CLI.md):
a file whose token does not match is refused as forged; an unverifiable file never replaces a verified one. Files of another year, made from another plan outline, or unreadable are
refused with the reason; the rest are consolidated. Exit code 1 when a file was refused. When the
--previous file is not a summary made by this tool or cannot be read, the reason is printed, no
summary is written and the exit code is 2.`,
  ),
  noInputs: m('请给出要汇总的文件或文件夹。', 'Give the files or the folder to consolidate.'),
  noWorkbooks: m('“{dir}”中没有文件。', 'No files in "{dir}".'),
  fileMissing: m('找不到“{file}”。', 'Cannot find "{file}".'),
  outputIsInput: m('输出文件“{out}”是要汇总的文件之一：汇总不会覆盖报送的文件。请用 -o 另选一个文件名或文件夹。', 'The output "{out}" is one of the files to consolidate: a submission is never overwritten. Choose another name or folder with -o.'),
  ignoredFiles: m('已忽略 {n} 个不是 .xlsx 的文件：{list}', 'Ignored {n} files that are not .xlsx: {list}'),
  skippedEntry: m('  已跳过 {file}：{reason}', '  skipped {file}: {reason}'),
  previousUnreadable: m('无法读取上次汇总“{file}”：{error}', 'Cannot read the previous summary "{file}": {error}'),
  previousDamaged: m(
    '无法读取上次汇总“{file}”：文件已损坏或不完整。未生成汇总表。请改用上次汇总表的完好副本，或去掉 --previous（不列“变更”）。',
    'Cannot read the previous summary "{file}": the file is damaged or incomplete. No summary was written. Give an intact copy of the previous summary, or leave out --previous (no 变更 sheet).',
  ),
  previousNotXlsx: m(
    '上次汇总“{file}”不是 .xlsx 工作簿。未生成汇总表。请给出上次用 plan-budget consolidate 生成的汇总表（.xlsx）。',
    'The previous summary "{file}" is not an .xlsx workbook. No summary was written. Give the summary (.xlsx) that plan-budget consolidate wrote last time.',
  ),
  previousPlanWorkbook: m(
    '“{file}”是专委会的计划工作簿，不是汇总表。未生成汇总表。--previous 应给出上次用 plan-budget consolidate 生成的汇总表。',
    '"{file}" is a committee\'s plan workbook, not a summary. No summary was written. --previous takes the summary that plan-budget consolidate wrote last time.',
  ),
  previousNotSummary: m(
    '“{file}”不是本系统生成的汇总表（没有隐藏的 _summary 表）。未生成汇总表。--previous 应给出上次用 plan-budget consolidate 生成的汇总表。',
    '"{file}" is not a summary made by this tool (no hidden _summary sheet). No summary was written. --previous takes the summary that plan-budget consolidate wrote last time.',
  ),
  report: m(
    `已汇总：读取 {files} 个文件，计入 {accepted} 个专委会，拒收 {refused} 个，被替换 {replaced} 个，未提交 {missing} 个专委会。
任务 {tasks} 项（另有草稿 {drafts} 项），预算 {lines} 条，合计 {budget}{unit}。
问题：错误 {errors}，警告 {warnings}，提示 {infos}。
汇总表：{out}`,
    `Consolidated: {files} files read, {accepted} committees counted, {refused} refused, {replaced} replaced, {missing} committees missing.
{tasks} tasks (plus {drafts} drafts), {lines} budget lines, total {budget} {unit}.
Findings: {errors} errors, {warnings} warnings, {infos} notes.
Summary: {out}`,
  ),
  refusedHead: m('已拒收：', 'Refused:'),
  refusedLine: m('  ✗ {file}：{reason}', '  ✗ {file}: {reason}'),
  replacedLine: m('  ↺ {file}：{reason}', '  ↺ {file}: {reason}'),
  missingLine: m('  ○ 未提交：{list}', '  ○ missing: {list}'),
  overLine: m('  ! {committee} 预算 {budget}{unit}，超过控制数 {ceiling}{unit}', '  ! {committee} budgets {budget} {unit}, over its ceiling of {ceiling}'),
  topFindings: m('主要问题（前 {n} 条，全部见“问题清单”）：', 'Top findings (first {n}; all on 问题清单):'),
  topLine: m('  [{severity}] {file} {where} {message}', '  [{severity}] {file} {where} {message}'),
  changesLine: m('与上次汇总相比：新增 {added} 项，删除 {removed} 项，修改 {changed} 项任务。', 'Against the previous summary: {added} tasks added, {removed} removed, {changed} changed.'),
  feedbackSummary: m('为一个专委会生成退回意见（修改意见）', 'write the feedback copy (退回意见) for one submission'),
  feedbackHelp: m(
    `plan-budget feedback <计划工作簿.xlsx> -o <文件>

生成退回意见：原样保留该专委会填报的内容，把每条问题作为批注写在对应单元格上（错误标红、
警告标黄），并附“修改意见”表逐条列出，供秘书处退回修改。
  -o, --out <文件>   输出文件（默认“退回意见-<原文件名>.xlsx”）`,
    `plan-budget feedback <plan-workbook.xlsx> -o <file>

Write the feedback copy: the committee's entries as they were, every finding as a note on its cell
(errors red, warnings yellow), and a 修改意见 sheet listing them, to send back for rework.
  -o, --out <file>   output file (default "退回意见-<file name>.xlsx")`,
  ),
  feedbackSameFile: m('退回意见不能写到原文件“{file}”上：请用 -o 另给一个文件名。', 'The feedback copy cannot overwrite the submission "{file}": give another name with -o.'),
  feedbackOne: m('请给出一个计划工作簿。', 'Give one plan workbook.'),
  feedbackRefused: m('无法读取“{file}”：{reason}', 'Cannot read "{file}": {reason}'),
  feedbackWritten: m('已写出退回意见 {out}：错误 {errors}，警告 {warnings}，提示 {infos}。', 'Wrote {out}: {errors} errors, {warnings} warnings, {infos} notes.'),
} as const;
