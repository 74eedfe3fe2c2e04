/**
 * The command registry of plan-budget. To add a command, write src/cli/commands/<name>.ts exporting
 * a CliCommand and add it to COMMANDS below (one line).
 */
import type { CliCommand } from './types';
import { generateCommand } from './generate';
import { validateCommand } from './validate';
import { catalogCommand } from './catalog';
import { consolidateCommand } from './consolidate';
import { feedbackCommand } from './feedback';
import { reportCommand } from './report';

export type { CliCommand } from './types';

export const COMMANDS: CliCommand[] = [
  generateCommand,
  validateCommand,
  catalogCommand,
  consolidateCommand,
  feedbackCommand,
  reportCommand,
];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}
