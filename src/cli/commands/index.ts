import type { CommandModule } from 'yargs';
import { commandName, withExamples } from '../examples.js';
import { applyCommand } from './apply.js';
import { emulatorCommand } from './emulator.js';
import { exportCommand } from './export.js';
import { initCommand } from './init.js';
import { planCommand } from './plan.js';
import { showCommand } from './show.js';
import { validateCommand } from './validate.js';
import { operationsCommands } from './operations/index.js';

/**
 * Every top-level command. Command modules stay light: their handlers import the
 * implementation lazily, so `sunco --version` and `--help` start fast.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = ([
  validateCommand,
  planCommand,
  applyCommand,
  showCommand,
  emulatorCommand,
  exportCommand,
  initCommand,
  ...operationsCommands,
] as CommandModule<any, any>[]).map((c) => withExamples(c, commandName(c))); // eslint-disable-line @typescript-eslint/no-explicit-any
