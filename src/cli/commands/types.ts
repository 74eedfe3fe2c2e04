import type { Msg } from '../../i18n/cli';
import type { ParsedArgs } from '../args';
import type { CliContext } from '../context';

export interface CliCommand {
  name: string;
  aliases?: string[];
  /** One line for the command list of --help. */
  summary: Msg;
  /** Full help text of `plan-budget <name> --help` ({year} is filled in). */
  help: Msg;
  /** Long option names that take a value, and flags. `-o` is short for `--out`. */
  options: { values: string[]; flags: string[]; short?: Record<string, string> };
  /** Returns the exit code. */
  run(ctx: CliContext, args: ParsedArgs): Promise<number>;
}
