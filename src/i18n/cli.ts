/** Messages of the plan-budget CLI: Simplified Chinese first, English second. */
export type Lang = 'zh' | 'en';
export interface Msg {
  zh: string;
  en: string;
}

const m = (zh: string, en: string): Msg => ({ zh, en });

export const CLI_MESSAGES = {
  usage: m(
    `计划预算编制助手 plan-budget

用法：plan-budget <命令> [选项]

命令：
{commands}

通用选项：
  --settings <文件>   设置文件（.json / .yaml），见 docs/CLI.md 与 examples/settings.yaml
  --catalog <文件>    工作要点：catalog.json 或 工作要点 .txt（默认内置 2023 年工作要点）
  --lang zh|en        提示语言（默认中文）
  -h, --help          显示帮助；“plan-budget <命令> --help”显示该命令的帮助

示例：
  plan-budget generate --all -o 计划工作簿
  plan-budget generate --committee 决策咨询专委会 -o 计划工作簿
  plan-budget validate 2023年工作计划-决策咨询专委会.xlsx
  plan-budget catalog import 工作要点.txt -o catalog.json`,
    `Plan & Budget Compiler (plan-budget)

Usage: plan-budget <command> [options]

Commands:
{commands}

Common options:
  --settings <file>   settings file (.json / .yaml); see docs/CLI.md and examples/settings.yaml
  --catalog <file>    plan outline: catalog.json or a plan .txt (default: built-in 2023 outline)
  --lang zh|en        language of messages (default Chinese)
  -h, --help          help; "plan-budget <command> --help" for one command

Examples:
  plan-budget generate --all -o workbooks
  plan-budget validate 2023年工作计划-决策咨询专委会.xlsx`,
  ),
  unknownCommand: m('未知命令“{name}”。运行 plan-budget --help 查看可用命令。', 'Unknown command "{name}". Run plan-budget --help for the list.'),
  unknownOption: m('未知选项“{name}”。运行 plan-budget {command} --help 查看用法。', 'Unknown option "{name}". Run plan-budget {command} --help.'),
  missingValue: m('选项 {name} 需要一个值。', 'Option {name} needs a value.'),
  badLang: m('--lang 只能是 zh 或 en。', '--lang must be zh or en.'),
  settingsRead: m('无法读取设置文件“{file}”：{error}', 'Cannot read settings file "{file}": {error}'),
  settingsInvalid: m('设置文件“{file}”有误：{error}', 'Settings file "{file}" is invalid: {error}'),
  catalogRead: m('无法读取工作要点文件“{file}”：{error}', 'Cannot read plan outline "{file}": {error}'),
  catalogIssue: m('[{severity}] 第 {line} 行：{message}', '[{severity}] line {line}: {message}'),
  catalogIssueNoLine: m('[{severity}] {message}', '[{severity}] {message}'),
  catalogStructureFlat: m('编号层级：部分“{section}”，要点“{point}”', 'Numbering: sections "{section}", points "{point}"'),
  catalogStructure: m('编号层级：部分“{section}”，分组{groups}，要点“{point}”', 'Numbering: sections "{section}", groups {groups}, points "{point}"'),
  // generate
  generateHelp: m(
    `plan-budget generate [--committee <名称或编号>] [--all] [--region <地区>] -o <文件夹>

为专委会生成 {year} 年计划工作簿（.xlsx），文件名“{year}年工作计划-<专委会>.xlsx”。
  --committee <名称|编号>  只生成一个专委会（如 决策咨询专委会 或 c2）；可重复
  --all                    生成全部专委会（不给 --committee 时默认全部）
  --region <地区>          工作要点中“**”代表的地区；也可在设置文件中写 region: 江苏省
  -o, --out <文件夹>       输出文件夹（不存在时自动创建；默认当前文件夹）`,
    `plan-budget generate [--committee <name|id>] [--all] [--region <region>] -o <folder>

Generate the plan workbooks (.xlsx) named "{year}年工作计划-<committee>.xlsx".
  --committee <name|id>    one committee (e.g. 决策咨询专委会 or c2); repeatable
  --all                    every committee (the default without --committee)
  --region <region>        the place the outline's “**” stands for (e.g. 江苏省); or region in the settings file
  -o, --out <folder>       output folder (created if missing; default: current folder)`,
  ),
  generateSummary: m('生成专委会计划工作簿', 'generate committee plan workbooks'),
  regionMissing: m(
    '工作要点中有“**”（地区）占位，但没有设置地区，未生成任何工作簿。请用 --region 给出地区（如 --region 江苏省），或在设置文件中写 region: 江苏省。',
    'The plan outline has “**” (region) placeholders but no region is set; nothing was generated. Give it with --region (e.g. --region 江苏省) or region: in the settings file.',
  ),
  unknownCommittee: m('找不到专委会“{name}”。可用：{list}', 'No committee "{name}". Known: {list}'),
  generated: m('已生成 {count} 个工作簿，保存在 {dir}', 'Wrote {count} workbooks to {dir}'),
  generatedFile: m('  {file}', '  {file}'),
  // the secretariat's secret (src/cli/secret.ts)
  secretCreated: m(
    '已生成秘书处密钥并保存在 {file}（仅本人可读）。各工作簿带有用它算出的令牌，汇总时据此识别冒名文件：请妥善保管、备份，勿发给专委会；在其他电脑上汇总时，请在设置文件中用 secretFile 指向它。',
    'Created the secretariat secret in {file} (readable by you only). Each workbook carries a token made with it, which consolidation uses to catch files in another committee\'s name: keep it and back it up, never send it to committees; to consolidate on another computer, point secretFile in the settings file to it.',
  ),
  secretUsed: m('工作簿令牌使用的密钥：{file}', 'Workbook tokens use the secret in {file}'),
  secretNone: m(
    '未设置秘书处密钥（找不到 {file}）：本次汇总不验证各工作簿的令牌，无法识别冒名文件。请在设置文件中用 secretFile 指向生成工作簿时的密钥。',
    'No secretariat secret (no {file}): this consolidation checks no workbook token and cannot catch files in another committee\'s name. Point secretFile in the settings file to the secret the workbooks were generated with.',
  ),
  secret_missing: m('找不到密钥文件：{file}', 'No such secret file: {file}'),
  secret_notFile: m('密钥文件不是普通文件：{file}', 'The secret file is not a regular file: {file}'),
  secret_tooLarge: m('密钥文件过大（应为一行文本）：{file}', 'The secret file is too large (one line of text expected): {file}'),
  secret_tooShort: m('密钥文件中的密钥过短（至少 16 个字符）：{file}', 'The secret in the file is too short (at least 16 characters): {file}'),
  secretReadableByOthers: m('注意：密钥文件 {file} 他人也可读取，建议执行 chmod 600。', 'Note: others can read the secret file {file}; run chmod 600 on it.'),
  // validate
  validateHelp: m(
    `plan-budget validate <文件…> [--json] [--errors-only] [--fix <文件夹>]

读取填好的计划工作簿并校验，列出问题（文件、工作表、单元格、说明、修改建议）。
给出文件夹时校验其中全部 .xlsx 文件。
有“错误”时退出码为 1，否则为 0（按所给文件计，不按修正副本计）。
  --json          以 JSON 输出（供程序处理）
  --errors-only   只列出错误
  --fix <文件夹>  把只改写法、不改内容的修正（带“元”或全角数字的金额、文字写的日期）
                  写入该文件夹中的副本，逐项列出改动，并重新校验副本；原文件不动。
                  需要人来选择的修正（建议的要点、季度改日期、新任务编号）不会自动应用。`,
    `plan-budget validate <file…> [--json] [--errors-only] [--fix <folder>]

Read filled plan workbooks and validate them; list findings (file, sheet, cell, message, fix).
A folder stands for all .xlsx files in it.
Exit code 1 when there is any error, else 0 (for the files given, not the fixed copies).
  --json          JSON output
  --errors-only   list errors only
  --fix <folder>  write copies into the folder with the fixes that only change how a value is
                  written (amounts with 元 or full-width digits, dates typed as text), list every
                  change and validate the copies again; the originals are not touched. Fixes
                  that choose something (a suggested point, a quarter turned into a date, a new
                  task code) are never applied in bulk.`,
  ),
  fixSameDir: m('--fix 的文件夹“{dir}”就是原文件所在的文件夹：请另选一个文件夹，原文件不会被覆盖。', 'The --fix folder "{dir}" holds the originals: choose another folder; originals are never overwritten.'),
  fixNone: m('  （没有可自动规范化的写法）', '  (nothing to rewrite automatically)'),
  fixWritten: m('  → 修正副本 {file}：{n} 处改写', '  → fixed copy {file}: {n} rewrites'),
  fixLeft: m('    修正后还有 {errors} 个错误、{warnings} 个警告，请在工作簿中处理。', '    After the rewrites: {errors} errors, {warnings} warnings left to fix in the workbook.'),
  validateSummary: m('校验填好的计划工作簿', 'validate filled plan workbooks'),
  noFiles: m('请给出要校验的文件。', 'Give the files to validate.'),
  fileRead: m('无法读取文件“{file}”：{error}', 'Cannot read file "{file}": {error}'),
  validateTotals: m('共 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示。', '{files} files: {errors} errors, {warnings} warnings, {infos} notes.'),
  validateFileOk: m('✓ {file}：没有问题（{tasks} 项任务，{lines} 条预算）', '✓ {file}: no findings ({tasks} tasks, {lines} budget lines)'),
  validateFileHead: m('■ {file}：{tasks} 项任务，{lines} 条预算，预算合计 {total}{unit}', '■ {file}: {tasks} tasks, {lines} budget lines, total {total} {unit}'),
  validateRefused: m('✗ {file}：无法读取', '✗ {file}: refused'),
  colSeverity: m('级别', 'Severity'),
  colWhere: m('位置', 'Where'),
  colMessage: m('问题', 'Finding'),
  colFix: m('修改建议', 'Fix'),
  sevError: m('错误', 'error'),
  sevWarning: m('警告', 'warning'),
  sevInfo: m('提示', 'note'),
  // catalog
  catalogHelp: m(
    `plan-budget catalog import <工作要点.txt> [-o catalog.json] [--json]
plan-budget catalog show [--json]

import  解析工作要点（工作要点、方案、意见，或印发它们的通知）文本，列出部分、要点及其专委会和举措，
        以及导入时的每一处疑问；给 -o 时把工作要点保存为 JSON
show    显示当前使用的工作要点（--catalog 指定，或内置 2023 年；设置文件的 pointCommittees 已生效）
--json  以 JSON 输出同样的预览（供脚本使用）`,
    `plan-budget catalog import <plan.txt> [-o catalog.json] [--json]
plan-budget catalog show [--json]

import  parse a plan outline (工作要点, 方案, 意见, or the notice handing one out); list sections, points with
        their committees and measures, and every doubt of the import; -o saves the catalog as JSON
show    show the outline in use (--catalog, or the built-in 2023 outline; the settings' pointCommittees applied)
--json  print the same preview as JSON (for scripts)`,
  ),
  catalogSummary: m('导入或查看工作要点', 'import or show the plan outline'),
  catalogUsage: m('用法：plan-budget catalog import <文件> [-o catalog.json] | plan-budget catalog show', 'Usage: plan-budget catalog import <file> [-o catalog.json] | plan-budget catalog show'),
  catalogSaved: m('已保存 {file}', 'Saved {file}'),
  catalogHead: m('{title}  （{year} 年，{sections} 个部分，{points} 条要点，{committees} 个责任单位，内容哈希 {hash}）', '{title}  (year {year}, {sections} sections, {points} points, {committees} committees, hash {hash})'),
  helpHelp: m('显示帮助', 'show help'),
} as const;

export type CliMessageKey = keyof typeof CLI_MESSAGES;

export function fmt(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined || params[k] === null ? `{${k}}` : String(params[k])));
}

export function tr(lang: Lang, key: CliMessageKey | Msg, params: Record<string, unknown> = {}): string {
  const msg = typeof key === 'string' ? CLI_MESSAGES[key] : key;
  return fmt(msg[lang], params);
}
