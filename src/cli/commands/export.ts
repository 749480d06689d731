import type { Argv, CommandModule } from 'yargs';
import { connectionOptions, type ConnectionArgs } from '../connection-options.js';

export interface ExportArgs extends ConnectionArgs {
  app?: string[];
  all?: boolean;
  output?: string;
  varsOut?: string;
  secretsOut?: string;
  pinIds?: boolean;
  force?: boolean;
}

/** `sunco export`: write live apps as a config, so that an existing account can be adopted. */
export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: 'Write live apps as a config (adopt an existing account: export, fill the variables, plan)',
  builder: (yargs: Argv) =>
    connectionOptions(yargs)
      .option('app', { type: 'string', array: true, nargs: 1, describe: 'An app id or displayName; repeatable (default: SUNCO_APP_ID). With an app-scoped key, an id' })
      .option('all', { type: 'boolean', describe: 'Every app the account key sees' })
      .option('output', { alias: 'o', type: 'string', describe: 'Write to FILE, or with a trailing / (or an existing directory) one FILE per app in DIR (default: stdout)' })
      .option('vars-out', { type: 'string', describe: 'Write a dotenv template of the variables to fill in (one comment per variable naming its field)' })
      .option('secrets-out', { type: 'string', describe: 'Save the secrets the API returns (key and webhook secrets, channel credentials) to this file (mode 0600, merged)' })
      .option('pin-ids', { type: 'boolean', describe: 'Write every entry\'s live id (without it, only where two objects share an identity)' })
      .option('force', { type: 'boolean', describe: 'Overwrite existing output files (-o, --vars-out)' })
      .group(['app', 'all'], 'Apps:')
      .group(['output', 'vars-out', 'secrets-out', 'pin-ids', 'force'], 'Output:')
      .example('$0 export --app "Acme Support" -o sunco.yaml --vars-out sunco.env', 'one app to a file, with a template of its variables')
      .example('$0 export --all -o apps/ --secrets-out secrets.json', 'every app, one file each; sunco-plan -f apps/ reads them back') as Argv<ExportArgs>,
  handler: async (argv) => {
    const { runExport } = await import('./export-run.js');
    await runExport(argv);
  },
};
