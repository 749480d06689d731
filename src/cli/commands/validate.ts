import type { CommandModule } from 'yargs';
import { UserError } from '../../errors.js';

// Placeholder until the owning issue lands; replaced wholesale by its implementation.
export const validateCommand: CommandModule = {
  command: 'validate',
  describe: '(validate: not implemented yet)',
  handler: () => {
    throw new UserError('sunco validate is not implemented yet');
  },
};
