/** The managed resource kinds, by name (the registry, src/resources/registry.ts, has one module per name). */
export type KindName =
  | 'app'
  | 'app-key'
  | 'integration'
  | 'integration-key'
  | 'webhook'
  | 'switchboard'
  | 'switchboard-integration';
