/**
 * plan-budget: the command-line host. `main(argv)` returns the exit code
 * (0 ok, 1 findings with errors / refused input, 2 usage or setup error).
 */
import { fmt, tr } from '../i18n/cli';
import type { Lang } from '../i18n/cli';
import { ArgError, parseArgs } from './args';
import { CliContext, CliError } from './context';
import type { CliIO } from './context';
import { COMMANDS, findCommand } from './commands';
import { fsErrorMessage } from './fsErrors';

const GLOBAL_VALUES = ['settings', 'catalog', 'lang'];
const GLOBAL_FLAGS = ['help'];

function usage(lang: Lang): string {
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(12)}${c.summary[lang]}`).join('\n');
  return tr(lang, 'usage', { commands: list });
}

function detectLang(argv: string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang' && argv[i + 1] === 'en') return 'en';
    if (argv[i] === '--lang=en') return 'en';
  }
  return 'zh';
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  if (io.stdout === process.stdout) process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });
  let lang = detectLang(argv);
  // The command is the first positional that is not the value of a global option.
  let cmdIndex = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (GLOBAL_VALUES.includes(a.replace(/^--/, '')) && a.startsWith('--') && !a.includes('=')) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) {
      cmdIndex = i;
      break;
    }
  }
  const name = cmdIndex >= 0 ? argv[cmdIndex] : undefined;
  const rest = cmdIndex >= 0 ? [...argv.slice(0, cmdIndex), ...argv.slice(cmdIndex + 1)] : argv;
  if (name === 'help' && findCommand(argv[cmdIndex + 1] ?? '')) {
    // "plan-budget help generate" = "plan-budget generate --help"
    return main([...argv.slice(0, cmdIndex), ...argv.slice(cmdIndex + 1), '--help'], io);
  }
  if (!name || name === 'help') {
    io.stdout.write(usage(lang) + '\n');
    return name || argv.includes('--help') || argv.includes('-h') ? 0 : 2;
  }
  const cmd = findCommand(name);
  if (!cmd) {
    io.stderr.write(tr(lang, 'unknownCommand', { name }) + '\n');
    return 2;
  }
  let args;
  try {
    args = parseArgs(rest, {
      values: [...GLOBAL_VALUES, ...cmd.options.values],
      flags: [...GLOBAL_FLAGS, ...cmd.options.flags],
      short: { h: 'help', ...(cmd.options.short ?? {}) },
    });
  } catch (e) {
    if (e instanceof ArgError) {
      io.stderr.write(tr(lang, e.kind === 'missingValue' ? 'missingValue' : 'unknownOption', { name: e.option, command: cmd.name }) + '\n');
      return 2;
    }
    throw e;
  }
  const l = args.options.lang;
  if (l !== undefined) {
    if (l !== 'zh' && l !== 'en') {
      io.stderr.write(tr(lang, 'badLang') + '\n');
      return 2;
    }
    lang = l;
  }
  const ctx = new CliContext(lang, io, args.options.settings as string | undefined, args.options.catalog as string | undefined);
  try {
    if (args.options.help) {
      let year: number | string = '{year}';
      try {
        year = ctx.settings().year;
      } catch {
        /* help still prints, with the placeholder */
      }
      ctx.out(fmt(cmd.help[lang], { year }));
      return 0;
    }
    return await cmd.run(ctx, args);
  } catch (e) {
    if (e instanceof CliError) {
      ctx.err(e.message);
      return e.exitCode;
    }
    const fsMessage = fsErrorMessage(e, lang);
    if (fsMessage) {
      ctx.err(fsMessage);
      return 2;
    }
    throw e;
  }
}
