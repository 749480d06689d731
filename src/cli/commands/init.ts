import type { Argv, CommandModule } from 'yargs';

export interface InitArgs {
  file?: string;
}

/** `sunco init`: write a starter sunco.yaml (never over an existing file). */
export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init',
  describe: 'Write a starter sunco.yaml: one app and commented examples of every kind',
  builder: (yargs: Argv) => yargs.option('file', { alias: 'f', type: 'string', requiresArg: true, describe: 'Where to write it (default: sunco.yaml); an existing file is never overwritten' }) as Argv<InitArgs>,
  handler: async (argv) => {
    const [{ writeFile }, { dirname, relative, resolve, sep }, { fileURLToPath }, { starterConfig }, { getIO }, { UserError }] = await Promise.all([
      import('node:fs/promises'), import('node:path'), import('node:url'), import('../../export/starter.js'), import('../io.js'), import('../../errors.js'),
    ]);
    const io = getIO();
    const shown = argv.file ?? 'sunco.yaml';
    const target = resolve(io.cwd, shown);
    const schemaFile = fileURLToPath(new URL('../../../schema/sunco.schema.json', import.meta.url));
    const schema = relative(dirname(target), schemaFile).split(sep).join('/');
    try {
      await writeFile(target, starterConfig(schema), { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(`${shown} already exists: sunco init never overwrites a file. Pass -f with another path.`);
      throw new UserError(`cannot write ${shown}: ${(err as Error).message}`);
    }
    io.stderr.write(`Wrote ${shown}. Next: sunco validate -f ${shown}, then sunco-plan -f ${shown}.\n`);
  },
};
