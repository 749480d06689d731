import type { CommandModule } from 'yargs';
import { UserError } from '../../errors.js';

// Placeholder until the owning issue lands; replaced wholesale by its implementation.
export const emulatorCommand: CommandModule = {
  command: 'emulator',
  describe: '(emulator: not implemented yet)',
  handler: () => {
    throw new UserError('sunco emulator is not implemented yet');
  },
};
