/** Operations half of the emulator state (users, conversations, messages, ...), per app id. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppOperations {}

export interface OperationsState {
  apps: Record<string, AppOperations>;
}

export function emptyOperationsState(): OperationsState {
  return { apps: {} };
}
