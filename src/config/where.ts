/** `file:line:column: ` of a config entry or field, for error messages (empty when unknown). */
import type { LoadedConfig } from './types.js';

export function where(loaded: LoadedConfig, key: string): string {
  const pos = loaded.sources.get(key);
  return pos ? `${pos.file}:${pos.line}:${pos.column}: ` : '';
}
