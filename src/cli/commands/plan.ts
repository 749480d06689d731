import type { CommandModule } from 'yargs';
import { UserError } from '../../errors.js';

// Placeholder until the owning issue lands; replaced wholesale by its implementation.
export const planCommand: CommandModule = {
  command: 'plan',
  describe: '(plan: not implemented yet)',
  handler: () => {
    throw new UserError('sunco plan is not implemented yet');
  },
};
