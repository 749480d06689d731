import type { CommandModule } from 'yargs';
import { type ConfigArgs, withConfigOptions } from '../../config/options.js';

export interface ValidateArgs extends ConfigArgs {
  json?: boolean;
  strict?: boolean;
}

/** `sunco validate`: load and check the config; makes no API call. */
export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate',
  describe: 'Check the config (YAML, variables, schema, references) without calling the API',
  builder: (y) => withConfigOptions(y).option('json', { type: 'boolean', describe: 'Print {"valid", "errors"} as JSON on stdout' })
    .option('strict', { type: 'boolean', describe: 'An unset variable is an error (plan and apply always require every variable)' }),
  handler: async (args) => {
    const { runValidate } = await import('./validate-run.js');
    await runValidate(args);
  },
};
