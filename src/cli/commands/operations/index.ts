import type { CommandModule } from 'yargs';

/** `sunco <noun> <verb>` commands (conversations, messages, users, ...). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const operationsCommands: CommandModule<any, any>[] = [];
