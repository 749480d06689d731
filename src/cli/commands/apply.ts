import type { CommandModule } from 'yargs';
import { UserError } from '../../errors.js';

// Placeholder until the owning issue lands; replaced wholesale by its implementation.
export const applyCommand: CommandModule = {
  command: 'apply',
  describe: '(apply: not implemented yet)',
  handler: () => {
    throw new UserError('sunco apply is not implemented yet');
  },
};
