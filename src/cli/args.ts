/** A small argument parser: positionals, --flag, --opt value, --opt=value, -o value. */
export interface ParsedArgs {
  positionals: string[];
  /** Option values by long name (without dashes); flags are true; repeated options keep all values in `all`. */
  options: Record<string, string | true>;
  all: Record<string, string[]>;
}

export class ArgError extends Error {
  constructor(public readonly kind: 'unknownOption' | 'missingValue', public readonly option: string) {
    super(`${kind}: ${option}`);
  }
}

export interface ArgSpec {
  /** Options that take a value (long names). */
  values: string[];
  /** Options that are flags (long names). */
  flags: string[];
  /** Short aliases: { o: 'out', h: 'help' }. */
  short?: Record<string, string>;
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: {}, all: {} };
  const set = (k: string, v: string | true) => {
    out.options[k] = v;
    if (typeof v === 'string') (out.all[k] ??= []).push(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string | null = null;
    let inline: string | undefined;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      inline = eq > 0 ? a.slice(eq + 1) : undefined;
    } else if (a.startsWith('-') && a.length === 2 && a !== '-') {
      name = spec.short?.[a[1]] ?? null;
      if (!name) throw new ArgError('unknownOption', a);
    }
    if (name === null) {
      out.positionals.push(a);
      continue;
    }
    if (spec.values.includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('-') && v.length > 1 && !/^-\d/.test(v))) throw new ArgError('missingValue', '--' + name);
      set(name, v);
    } else if (spec.flags.includes(name)) {
      set(name, true);
    } else throw new ArgError('unknownOption', a);
  }
  return out;
}
